"""Reading artifact files as text, whatever arrives: too big, binary, wrong encoding.

An artifact is a few kilobytes of UTF-8. Anything else gets one clear finding
(size, binary content, encoding with the offending line) instead of a traceback.
UTF-8 with a BOM and UTF-16/32 with a BOM (Windows editors write them) are
decoded transparently; BOM-less UTF-16 is recognised by its NUL-byte pattern.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.findings import Finding, SourceError, rule

MAX_BYTES = 2_000_000

TOO_LARGE = rule("file.too_large", "error", f"an artifact is at most {MAX_BYTES:,} bytes")
BINARY = rule("file.binary", "error", "an artifact is text, not binary data")
ENCODING = rule("file.encoding", "error", "an artifact is UTF-8 text")

_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
]
_CONTROL = {chr(c) for c in range(32) if chr(c) not in "\t\n\r\f"} | {"\x7f"}


def read_source(path: Path) -> str:
    """The file's text; FtdesignError if it cannot be opened, SourceError if it is not text."""
    if not path.exists():
        raise FtdesignError(f"{path}: no such file", hint="check the path (or run `ftdesign init`)")
    if not path.is_file():
        raise FtdesignError(f"{path}: not a regular file", hint="pass an artifact file or folder")
    try:
        with path.open("rb") as file:
            data = file.read(MAX_BYTES + 1)  # never more, even from a growing or special file
    except OSError as error:
        raise FtdesignError(f"{path}: cannot be read ({error.strerror})") from error
    return decode(data, str(path))


def decode(data: bytes, source: str) -> str:
    if len(data) > MAX_BYTES:
        raise SourceError(_too_large(source))
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return check_text(_decode_as(data[len(bom) :], encoding, source), source)
    if b"\x00" in data:
        utf16 = _bomless_utf16(data)
        if utf16 is None:
            raise SourceError(_binary(source))
        return check_text(_decode_as(data, utf16, source), source)
    return check_text(_decode_as(data, "utf-8", source), source)


def check_text(text: str, source: str) -> str:
    """Reject text that is too long or mostly control characters (binary pasted as text)."""
    if len(text) > MAX_BYTES:
        raise SourceError(_too_large(source))
    controls = sum(1 for char in text[:10_000] if char in _CONTROL)
    if "\x00" in text or controls > max(3, len(text[:10_000]) // 100):
        raise SourceError(_binary(source))
    return text


def _decode_as(data: bytes, encoding: str, source: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        byte = data[error.start : error.start + 1].hex().upper()
        guess = " (it looks like Latin-1/Windows-1252)" if _is_cp1252(data) else ""
        raise SourceError(
            ENCODING.at(
                "",
                f"{source} is not valid {encoding.upper()}: byte 0x{byte} on line {line}{guess}",
                "re-save the file as UTF-8 (VS Code: 'Save with Encoding' > UTF-8)",
                line=line,
                file=source,
            )
        ) from error


def _is_cp1252(data: bytes) -> bool:
    try:
        data.decode("cp1252")
    except UnicodeDecodeError:
        return False
    return True


def _bomless_utf16(data: bytes) -> str | None:
    """UTF-16 text of mostly ASCII has NULs in every other byte: odd positions for LE."""
    if len(data) % 2:
        return None
    even, odd = data[0::2].count(0), data[1::2].count(0)
    if odd > 0.9 * len(data) // 2 and even == 0:
        return "utf-16-le"
    if even > 0.9 * len(data) // 2 and odd == 0:
        return "utf-16-be"
    return None


def _too_large(source: str) -> Finding:
    return TOO_LARGE.at(
        "",
        f"{source} is larger than {MAX_BYTES:,} bytes, far beyond any artifact",
        "check that this is the right file; artifacts are a few kilobytes of text",
        file=source,
    )


def _binary(source: str) -> Finding:
    return BINARY.at(
        "",
        f"{source} contains binary data (NUL or control bytes), not text",
        "pass the artifact's text file (YAML or Markdown), not a binary or archive",
        file=source,
    )
