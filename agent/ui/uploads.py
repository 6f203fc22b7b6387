"""Uploaded artifacts: one file or a zip of a project, kept until their gate comes up.

Files are recognised by their place in the seed's layout (`config/rubric.yaml`) or,
for a single file, by name (`rubric.yaml`). They wait under
`<project>/.ftdesign/uploads/<thread>/` and become the draft of their gate when the
session stops there (the same as pasting them), so a whole project can be uploaded
at the start and walked through gate by gate. Zips are read defensively: known paths
only, no absolute or `..` paths, bounded sizes.
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from ftdesign.tools.artifacts import ARTIFACTS, kind_of
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.project_files import atomic_write

UPLOADS = Path(".ftdesign") / "uploads"
INTAKE = ".ftdesign/intake.yaml"
KNOWN = {a.path for a in ARTIFACTS.values()} | {INTAKE}
MAX_FILE = 2_000_000  # bytes per artifact: far above any real one
MAX_ZIP_ENTRIES = 5_000


def _decoded(name: str, data: bytes) -> str:
    if len(data) > MAX_FILE:
        raise FtdesignError(
            f"{name}: {len(data):,} bytes is too large for an artifact.",
            hint=f"artifacts are text files under {MAX_FILE // 1_000_000} MB",
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        raise FtdesignError(
            f"{name}: not UTF-8 text (byte {error.start}).",
            hint="save the file as UTF-8 and upload it again",
        ) from error


def _layout_path(name: str) -> str | None:
    """The artifact path a zip entry stands for, allowing one enclosing folder."""
    parts = PurePosixPath(name.replace("\\", "/")).parts
    if not parts or parts[0] in ("/", "..") or ".." in parts:
        return None
    for start in (0, 1):
        candidate = "/".join(parts[start:])
        if candidate in KNOWN:
            return candidate
    return None


def read_zip(path: Path, shown_name: str) -> dict[str, str]:
    """Artifact path -> text for every known artifact in a project zip."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                raise FtdesignError(f"{shown_name}: {len(entries):,} entries; not a project zip.")
            found = {}
            for entry in entries:
                target = None if entry.is_dir() else _layout_path(entry.filename)
                if target is not None and entry.file_size <= MAX_FILE:
                    found[target] = _decoded(entry.filename, archive.read(entry))
    except (zipfile.BadZipFile, OSError) as error:
        raise FtdesignError(f"{shown_name}: cannot read the zip ({error}).") from error
    if not found:
        raise FtdesignError(
            f"{shown_name}: no artifact in the seed's layout was found.",
            hint="zip the project folder itself, e.g. config/rubric.yaml inside",
        )
    return found


def read_upload(path: Path, shown_name: str) -> dict[str, str]:
    """Artifact path -> text for one uploaded file (an artifact or a project zip)."""
    if shown_name.lower().endswith(".zip"):
        return read_zip(path, shown_name)
    kind = kind_of(Path(shown_name))
    if kind is None:
        names = ", ".join(sorted(Path(p).name for p in KNOWN))
        raise FtdesignError(
            f"{shown_name}: not a known artifact name.",
            hint=f"name it after the artifact it is: {names}",
        )
    return {ARTIFACTS[kind].path: _decoded(shown_name, path.read_bytes())}


def waiting_dir(project: Path, thread: str) -> Path:
    return project / UPLOADS / thread


def keep(project: Path, thread: str, files: dict[str, str]) -> None:
    for relpath, text in files.items():
        atomic_write(waiting_dir(project, thread) / relpath, text)


def take(project: Path, thread: str, relpath: str) -> str | None:
    """The waiting upload for an artifact path, removed from the queue; None if there is none."""
    path = waiting_dir(project, thread) / relpath
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    path.unlink()
    return text


def waiting(project: Path, thread: str) -> list[str]:
    root = waiting_dir(project, thread)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
