"""The project as a zip, at any point: approved files as they are, open drafts beside them.

Approved artifacts are in the project folder already. Drafts not yet approved exist
only in the session's state; they go under `drafts/` in the zip so nothing in the
seed's layout is ever a draft by mistake. Only the seed's artifacts and the design's
own record (intake, decision log, earlier versions) go in: never whatever else sits in
the folder (`.env`, `.git/`, `ftdesign.toml`, checkpoints, chat history, uploads).
"""

from __future__ import annotations

import zipfile
from datetime import UTC, datetime
from pathlib import Path

from ftdesign.agent.state import DesignState
from ftdesign.tools.artifacts import ARTIFACTS

INCLUDED = {a.path for a in ARTIFACTS.values()} | {
    ".ftdesign/intake.yaml",
    ".ftdesign/decisions.jsonl",
}
INCLUDED_FOLDERS = (".ftdesign/history/",)  # earlier versions of the artifacts
MAX_MEMBER = 50_000_000  # a stray model file in the folder is not part of the design


def open_drafts(state: DesignState | None) -> dict[str, str]:
    """Project path -> draft text for every artifact whose draft is not its approved text."""
    if state is None:
        return {}
    return {
        record.path: record.current
        for record in state.artifacts.values()
        if record.path and record.current and record.current != record.approved
    }


def _included(relative: str) -> bool:
    return relative in INCLUDED or relative.startswith(INCLUDED_FOLDERS)


def project_files(project: Path) -> list[Path]:
    found = []
    for path in sorted(project.rglob("*")):
        relative = path.relative_to(project).as_posix()
        if _included(relative) and path.is_file() and not path.is_symlink():
            if path.stat().st_size <= MAX_MEMBER:
                found.append(path)
    return found


def build_zip(project: Path, drafts: dict[str, str], folder: Path) -> Path:
    """Write `<folder>/<project>-<time>.zip` and return its path."""
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = folder / f"{project.name or 'project'}-{stamp}.zip"
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for path in project_files(project):
            archive.write(path, path.relative_to(project).as_posix())
        for relpath, text in drafts.items():
            archive.writestr(f"drafts/{relpath}", text)
    return target
