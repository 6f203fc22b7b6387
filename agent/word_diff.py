"""What a redraft, paste or applied suggestion changed, word by word, as Markdown.

Removed words are struck through, added words are bold; long unchanged stretches are
cut down to a few words either side of each change, so a one-number edit in a long
rubric reads as one short line. Versions are numbered from 1 in the artifact's history,
the same numbers the decision log names.
"""

from __future__ import annotations

import difflib
import re

from ftdesign.agent.records import ArtifactRecord

CONTEXT = 6  # unchanged words kept on each side of a change
TOKEN = re.compile(r"\n|[^\S\n]+|[^\s]+")
MARKDOWN_SPECIALS = re.compile(r"([\\`*_\[\]#<>~|])")
NEWLINE = "⏎"  # a line break inside a shown change


def _shown(tokens: list[str]) -> str:
    words = (NEWLINE if t == "\n" else t for t in tokens)
    return MARKDOWN_SPECIALS.sub(r"\\\1", " ".join(words)).strip()


def _words(tokens: list[str]) -> list[str]:
    return [t for t in tokens if not t.isspace() or t == "\n"]


def word_diff(old: str, new: str) -> str:
    """The change from `old` to `new`: ~~removed~~ and **added** words in context."""
    before, after = _words(TOKEN.findall(old)), _words(TOKEN.findall(new))
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    parts: list[str] = []
    opcodes = matcher.get_opcodes()
    for n, (tag, a0, a1, b0, b1) in enumerate(opcodes):
        if tag == "equal":
            same = before[a0:a1]
            head = same[:CONTEXT] if n > 0 else []
            tail = same[-CONTEXT:] if n < len(opcodes) - 1 else []
            if len(same) > 2 * CONTEXT or not (n > 0 and n < len(opcodes) - 1):
                parts += [_shown(head), "…" if parts or tail else "", _shown(tail)]
            else:
                parts.append(_shown(same))
            continue
        if a1 > a0 and (removed := _shown(before[a0:a1])):
            parts.append(f"~~{removed}~~")
        if b1 > b0 and (added := _shown(after[b0:b1])):
            parts.append(f"**{added}**")
    return " ".join(p for p in parts if p).strip(" …⏎") or "no change"


def changed_since(record: ArtifactRecord) -> tuple[int, int, str] | None:
    """(previous version, current version, diff) when the newest draft replaced another."""
    if len(record.drafts) < 2:
        return None
    previous, current = record.drafts[-2].text, record.drafts[-1].text
    return len(record.drafts) - 1, len(record.drafts), word_diff(previous, current)
