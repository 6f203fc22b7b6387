"""Uploads read defensively and queued per thread; downloads leave the app's bookkeeping out."""

from __future__ import annotations

import zipfile

import pytest

from ftdesign.agent.records import ArtifactRecord
from ftdesign.agent.state import DesignState
from ftdesign.agent.ui import uploads
from ftdesign.agent.ui.download import build_zip, open_drafts
from ftdesign.tools.errors import FtdesignError


def make_zip(path, entries):
    with zipfile.ZipFile(path, "w") as archive:
        for name, text in entries.items():
            archive.writestr(name, text)
    return path


def test_a_project_zip_yields_known_artifacts_only(tmp_path):
    archive = make_zip(
        tmp_path / "p.zip",
        {
            "myproj/config/rubric.yaml": "rubric: 1\n",
            "myproj/model-choice.md": "# Model\n",
            "myproj/.ftdesign/intake.yaml": "description: billing\n",
            "myproj/notes.txt": "not an artifact",
            "../config/persona-template.yaml": "escape attempt",
            "/etc/config/taxonomy.yaml": "absolute",
        },
    )
    found = uploads.read_upload(archive, "p.zip")
    assert found == {
        "config/rubric.yaml": "rubric: 1\n",
        "model-choice.md": "# Model\n",
        ".ftdesign/intake.yaml": "description: billing\n",
    }


def test_a_zip_without_artifacts_says_how_to_fix_it(tmp_path):
    archive = make_zip(tmp_path / "p.zip", {"readme.txt": "hi"})
    with pytest.raises(FtdesignError, match="no artifact in the seed's layout"):
        uploads.read_upload(archive, "p.zip")


def test_single_files_are_known_by_name(tmp_path):
    (tmp_path / "upload").write_text("criteria: {}\n", encoding="utf-8")
    assert uploads.read_upload(tmp_path / "upload", "rubric.yaml") == {
        "config/rubric.yaml": "criteria: {}\n"
    }
    with pytest.raises(FtdesignError, match="not a known artifact name"):
        uploads.read_upload(tmp_path / "upload", "my-rubric.yaml")
    (tmp_path / "binary").write_bytes(b"\xff\xfe\x00")
    with pytest.raises(FtdesignError, match="not UTF-8"):
        uploads.read_upload(tmp_path / "binary", "rubric.yaml")


def test_waiting_uploads_are_per_thread_and_taken_once(tmp_path):
    uploads.keep(tmp_path, "a", {"config/rubric.yaml": "A"})
    uploads.keep(tmp_path, "b", {"config/rubric.yaml": "B"})
    assert uploads.waiting(tmp_path, "a") == ["config/rubric.yaml"]
    assert uploads.take(tmp_path, "b", "config/rubric.yaml") == "B"
    assert uploads.take(tmp_path, "b", "config/rubric.yaml") is None
    assert uploads.take(tmp_path, "a", "config/rubric.yaml") == "A"


def test_download_has_approved_files_and_open_drafts_but_no_bookkeeping(tmp_path):
    project = tmp_path / "proj"
    (project / "config").mkdir(parents=True)
    (project / "config" / "rubric.yaml").write_text("approved", encoding="utf-8")
    for private in ("checkpoints.sqlite", "ui/history.sqlite", "uploads/t/x.md", "history/a.md"):
        (project / ".ftdesign" / private).parent.mkdir(parents=True, exist_ok=True)
        (project / ".ftdesign" / private).write_text("private", encoding="utf-8")
    state = DesignState(
        artifacts={
            "rubric": ArtifactRecord(
                name="rubric", path="config/rubric.yaml", current="approved", approved="approved"
            ),
            "persona": ArtifactRecord(
                name="persona", path="config/persona-template.yaml", current="draft"
            ),
        }
    )
    assert open_drafts(state) == {"config/persona-template.yaml": "draft"}
    path = build_zip(project, open_drafts(state), project / ".ftdesign" / "ui" / "downloads")
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        assert archive.read("drafts/config/persona-template.yaml") == b"draft"
    assert names == {
        "config/rubric.yaml",
        ".ftdesign/history/a.md",
        "drafts/config/persona-template.yaml",
    }
