"""Atomic artifact writes that keep every earlier version recoverable.

A write goes to a temporary file in the same folder and is renamed over the
target, so a crash leaves either the old or the new file, never half of one.
The replaced content is first copied to `.ftdesign/history/<path>/`.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel

from ftdesign.tools.errors import FtdesignError

HISTORY = Path(".ftdesign") / "history"


class Version(BaseModel):
    id: str
    path: Path
    saved_at: str
    size: int


def _new_file_mode() -> int:
    """What open() would give a new file (0666 less the umask); mkstemp's is always 0600."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _sync_dir(folder: Path) -> None:
    """Make the rename itself durable: a crash after replace must not bring the old back."""
    try:
        handle = os.open(folder, os.O_RDONLY)
    except OSError:  # some platforms cannot open a directory; the rename is still atomic
        return
    try:
        os.fsync(handle)
    except OSError:
        pass
    finally:
        os.close(handle)


def atomic_write(target: Path, text: str) -> None:
    """Replace `target` with `text` in one step, keeping the mode the file had."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        mode = target.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = _new_file_mode()
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as file:
            file.write(text)
            file.flush()
            os.fchmod(file.fileno(), mode)
            os.fsync(file.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    _sync_dir(target.parent)


def _history_dir(project: Path, relpath: str) -> Path:
    return project / HISTORY / relpath


def write_artifact(project: Path, relpath: str, text: str) -> Path:
    """Write `project/relpath` atomically, archiving what it replaces; returns the path."""
    target = project / relpath
    if target.exists():
        old = target.read_text(encoding="utf-8", errors="replace")
        if old == text:
            return target
        _archive(project, relpath, old)
    atomic_write(target, text)
    return target


def _archive(project: Path, relpath: str, text: str) -> None:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%fZ")
    digest = hashlib.sha256(text.encode()).hexdigest()[:8]
    atomic_write(_history_dir(project, relpath) / f"{stamp}-{digest}{Path(relpath).suffix}", text)


def list_versions(project: Path, relpath: str) -> list[Version]:
    """Earlier versions, oldest first; ids are stable file stems."""
    folder = _history_dir(project, relpath)
    files = sorted(folder.glob("*")) if folder.is_dir() else []
    return [
        Version(id=f.stem, path=f, saved_at=f.stem.split("-")[0], size=f.stat().st_size)
        for f in files
        if not f.name.startswith(".")
    ]


def restore_version(project: Path, relpath: str, version_id: str) -> Path:
    """Make an earlier version current again; the replaced one joins the history."""
    match = [v for v in list_versions(project, relpath) if v.id.startswith(version_id)]
    if len(match) != 1:
        raise FtdesignError(
            f"{relpath}: no single earlier version matches '{version_id}'",
            hint=f"run `ftdesign history {relpath}` to list versions",
        )
    return write_artifact(project, relpath, match[0].path.read_text(encoding="utf-8"))
