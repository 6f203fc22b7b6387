"""Finding 2: a browser-chosen thread id must never pick a file outside the project.

Uploads wait in, and the calibration workshop is saved in, folders named by a digest of
the thread id; every resolved path is checked to stay inside its root. These drive the
real functions with the review's hostile ids (the socket refuses them first:
test_session_ids.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ftdesign.agent.ui import uploads
from ftdesign.agent.ui.calibration import saved
from ftdesign.agent.ui.calibration.workshop import Workshop
from ftdesign.agent.ui.scope import canonical_id, inside
from ftdesign.tools.errors import FtdesignError


@pytest.fixture
def project(tmp_path: Path) -> Path:
    folder = tmp_path / "work" / "project"
    (folder / "config").mkdir(parents=True)
    (folder / "config" / "rubric.yaml").write_text("approved: true\n")
    (folder / ".ftdesign" / "uploads").mkdir(parents=True)  # there after any upload
    (folder / ".ftdesign" / "ui" / "calibration").mkdir(parents=True)  # after any workshop
    return folder


def files_outside(tmp_path: Path, project: Path) -> set[Path]:
    return {p for p in tmp_path.rglob("*") if project not in p.parents and p != project}


def test_an_upload_with_a_climbing_thread_id_stays_in_the_project(tmp_path, project):
    before = files_outside(tmp_path, project)
    uploads.keep(project, "../../../victim", {"config/rubric.yaml": "planted\n"})
    assert files_outside(tmp_path, project) == before
    queued = uploads.waiting_dir(project, "../../../victim")
    assert queued.parent == project / ".ftdesign" / "uploads"
    assert uploads.waiting(project, "../../../victim") == ["config/rubric.yaml"]


def test_take_cannot_read_or_delete_an_approved_artifact(project):
    approved = project / "config" / "rubric.yaml"
    assert uploads.take(project, "../..", "config/rubric.yaml") is None
    assert approved.read_text() == "approved: true\n"


@pytest.mark.parametrize("relpath", ["../../config/rubric.yaml", "/etc/passwd", "x/../../y"])
def test_artifact_paths_outside_the_layout_are_refused(project, relpath):
    with pytest.raises(FtdesignError, match="not an artifact path"):
        uploads.keep(project, "a", {relpath: "x"})
    with pytest.raises(FtdesignError, match="not an artifact path"):
        uploads.take(project, "a", relpath)


def test_discarding_a_workshop_cannot_delete_another_json(tmp_path, project):
    victim = tmp_path / "victim.json"
    victim.write_text("{}")
    relative = Path("..") / ".." / ".." / ".." / ".." / tmp_path.name / "victim"
    saved.discard(project, str(relative))
    saved.discard(project, str(tmp_path / "victim"))
    assert victim.is_file()
    saved.save(project, "../../victim", Workshop.model_construct())  # lands in its folder
    assert victim.read_text() == "{}"
    assert saved.saved_path(project, "../../victim").parent == project / saved.FOLDER


def test_inside_refuses_climbing_and_links(tmp_path, project):
    (project / "link").symlink_to(tmp_path)
    for parts in (("..", "x"), ("link", "victim.json"), ("/etc/passwd",)):
        with pytest.raises(FtdesignError, match="outside"):
            inside(project, *parts)
    assert inside(project, "config", "rubric.yaml") == project / "config" / "rubric.yaml"


@pytest.mark.parametrize(
    "value", ["../x", "/tmp/x", "", None, 5, "6F9619FF-8B86-D011-B42D-00C04FC964FF", "{a}" * 12]
)
def test_only_canonical_uuids_are_ids(value):
    assert canonical_id(value) is None
    assert canonical_id("6f9619ff-8b86-d011-b42d-00c04fc964ff") is not None
