"""The workshop saved per thread under `<project>/.ftdesign/ui/calibration/`.

The file is named by a digest of the thread id, and its resolved path must stay in that
folder, so no id (`../../x`) can name another file to read, write or delete.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from ftdesign.agent.ui.calibration.workshop import Workshop
from ftdesign.agent.ui.scope import folder_key, inside

FOLDER = Path(".ftdesign") / "ui" / "calibration"


def saved_path(project: Path, thread: str) -> Path:
    return inside(project / FOLDER, f"{folder_key(thread)}.json")


def load(project: Path, thread: str) -> Workshop | None:
    path = saved_path(project, thread)
    if not path.is_file():
        return None
    try:
        return Workshop.model_validate_json(path.read_text(encoding="utf-8"))
    except (ValidationError, OSError):
        return None  # an unreadable workshop is started again from the draft


def save(project: Path, thread: str, workshop: Workshop) -> None:
    path = saved_path(project, thread)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(workshop.model_dump_json(), encoding="utf-8")


def discard(project: Path, thread: str) -> None:
    saved_path(project, thread).unlink(missing_ok=True)
