"""JSON Lines read and append, shared by every log and checkpoint we keep.

Records are split on "\n" only: `str.splitlines()` also splits on U+2028, U+2029,
U+0085 and friends, which `json.dumps(ensure_ascii=False)` writes raw inside strings,
so one record would read back as several broken ones. An append first checks the
file's last byte: when a crash tore the last line, the new record starts on a line
of its own instead of being glued to (and lost with) the torn one.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path


def numbered_lines(text: str) -> Iterator[tuple[int, str]]:
    """(1-based line number, line) for every non-blank record line of `text`."""
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield number, line.rstrip("\r")


def ends_torn(path: Path) -> bool:
    """True when the file is non-empty and its last byte is not a newline."""
    try:
        with path.open("rb") as file:
            file.seek(0, os.SEEK_END)
            if file.tell() == 0:
                return False
            file.seek(-1, os.SEEK_END)
            return file.read(1) != b"\n"
    except FileNotFoundError:
        return False


def append_line(path: Path, line: str) -> None:
    """Append one record line durably (flush + fsync), on a fresh line."""
    if "\n" in line:
        raise ValueError("a JSONL record must be one line")
    path.parent.mkdir(parents=True, exist_ok=True)
    prefix = "\n" if ends_torn(path) else ""
    with path.open("a", encoding="utf-8") as file:
        file.write(prefix + line + "\n")
        file.flush()
        os.fsync(file.fileno())
