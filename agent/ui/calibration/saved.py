"""The workshop saved per thread under `<project>/.ftdesign/ui/calibration/`.

Saves are atomic (a crash leaves the old or the new file). A file that still cannot be
read is never replaced silently: it is set aside next to itself and the user is told,
since it holds examples they wrote by hand. The file is named by a digest of the thread id
and must resolve inside its folder, so no id (`../../x`) can name another file.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import ValidationError

from ftdesign.agent.ui.calibration.workshop import Workshop
from ftdesign.agent.ui.scope import folder_key, inside
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.project_files import atomic_write

FOLDER = Path(".ftdesign") / "ui" / "calibration"


def saved_path(project: Path, thread: str) -> Path:
    return inside(project / FOLDER, f"{folder_key(thread)}.json")


def load(project: Path, thread: str) -> Workshop | None:
    path = saved_path(project, thread)
    if not path.is_file():
        return None
    try:
        return Workshop.model_validate_json(path.read_text(encoding="utf-8"))
    except (ValidationError, OSError, UnicodeDecodeError) as error:
        aside = path.with_name(f"{path.stem}.unreadable.json")
        path.replace(aside)  # kept, so the next press starts afresh without losing it
        reason = error.errors()[0]["msg"] if isinstance(error, ValidationError) else "unreadable"
        raise FtdesignError(
            f"the saved calibration workshop could not be read ({reason[:80]}); it was set"
            f" aside as {aside.relative_to(project)} in the project.",
            hint="press Calibration examples again to start over from the rubric draft;"
            " examples in the set-aside file can be written back with Write my own",
        ) from error


def save(project: Path, thread: str, workshop: Workshop) -> None:
    atomic_write(saved_path(project, thread), workshop.model_dump_json())


def discard(project: Path, thread: str) -> None:
    saved_path(project, thread).unlink(missing_ok=True)
