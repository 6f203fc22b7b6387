"""Uploaded artifacts: one file or a zip of a project, kept until their gate comes up.

Files are recognised by their place in the seed's layout (`config/rubric.yaml`) or,
for a single file, by name (`rubric.yaml`). They wait under
`<project>/.ftdesign/uploads/<digest of the thread id>/` and become the draft of their gate when the
session stops there (the same as pasting them), so a whole project can be uploaded
at the start and walked through gate by gate. Zips are read defensively: known paths
only, no absolute or `..` paths, no duplicates, at most MAX_ZIP_ENTRIES entries, and
every member read through a bounded stream whatever size it declares, within a byte
budget for the whole upload (a zip bomb stops at the budget, not in memory).
"""

from __future__ import annotations

import zipfile
from pathlib import Path, PurePosixPath

from ftdesign.agent.ui.scope import folder_key, inside
from ftdesign.tools.artifacts import ARTIFACTS, kind_of
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.project_files import atomic_write

UPLOADS = Path(".ftdesign") / "uploads"
INTAKE = ".ftdesign/intake.yaml"
KNOWN = {a.path for a in ARTIFACTS.values()} | {INTAKE}
MAX_FILE = 2_000_000  # bytes per artifact: far above any real one
MAX_UPLOAD = 8_000_000  # bytes unpacked from one zip: every artifact together is far less
MAX_ZIP_ENTRIES = 1_000


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


def _bounded_read(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, budget: int) -> bytes:
    """At most MAX_FILE + 1 bytes of a member (and no more than the budget left), read in
    chunks: the declared size is the zip's claim, not a limit."""
    limit = min(MAX_FILE, budget)
    chunks, total = [], 0
    with archive.open(entry) as member:
        while total <= limit:
            chunk = member.read(min(65_536, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
    if total > limit:
        which = "artifact" if limit == MAX_FILE else "upload"
        raise FtdesignError(
            f"{entry.filename}: unpacks to more than {limit:,} bytes; refused.",
            hint=f"an {which} of real artifacts is far smaller; zip only the project's files",
        )
    return b"".join(chunks)


def read_zip(path: Path, shown_name: str) -> dict[str, str]:
    """Artifact path -> text for every known artifact in a project zip."""
    try:
        with zipfile.ZipFile(path) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ZIP_ENTRIES:
                raise FtdesignError(
                    f"{shown_name}: {len(entries):,} entries; not a project zip.",
                    hint=f"a project zip has far fewer than {MAX_ZIP_ENTRIES:,} files",
                )
            found: dict[str, str] = {}
            budget = MAX_UPLOAD
            for entry in entries:
                target = None if entry.is_dir() else _layout_path(entry.filename)
                if target is None:
                    continue
                if target in found:
                    raise FtdesignError(
                        f"{shown_name}: {target} appears more than once.",
                        hint="zip one copy of each artifact",
                    )
                data = _bounded_read(archive, entry, budget)
                budget -= len(data)
                found[target] = _decoded(entry.filename, data)
    except (zipfile.BadZipFile, OSError, EOFError, zipfile.LargeZipFile) as error:
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
    # A digest of the id names the folder, so no id can point anywhere else.
    return inside(project, str(UPLOADS), folder_key(thread))


def _known(relpath: str) -> str:
    if relpath not in KNOWN:
        raise FtdesignError(f"{relpath}: not an artifact path of the seed's layout; refused.")
    return relpath


def keep(project: Path, thread: str, files: dict[str, str]) -> None:
    for relpath, text in files.items():
        atomic_write(inside(waiting_dir(project, thread), _known(relpath)), text)


def take(project: Path, thread: str, relpath: str) -> str | None:
    """The waiting upload for an artifact path, removed from the queue; None if there is none."""
    path = inside(waiting_dir(project, thread), _known(relpath))
    if not path.is_file():
        return None
    text = path.read_text(encoding="utf-8")
    path.unlink()
    return text


def waiting(project: Path, thread: str) -> list[str]:
    root = waiting_dir(project, thread)
    return sorted(str(p.relative_to(root)) for p in root.rglob("*") if p.is_file())
