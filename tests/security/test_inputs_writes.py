"""Finding 12: atomic writes keep the file's mode and sync the folder; the workshop save and
uploads are atomic; a torn workshop file is reported and kept, not silently restarted."""

from __future__ import annotations

import os
import stat

import pytest

from ftdesign.agent.ui import uploads
from ftdesign.agent.ui.calibration import saved
from ftdesign.agent.ui.calibration import workshop as ws
from ftdesign.knowledge.domains import domain_artifact
from ftdesign.tools import project_files
from ftdesign.tools.errors import FtdesignError


def mode(path):
    return stat.S_IMODE(path.stat().st_mode)


def test_approving_keeps_a_group_writable_artifact_group_writable(tmp_path):
    target = tmp_path / "config" / "rubric.yaml"
    target.parent.mkdir()
    target.write_text("old: 1\n", encoding="utf-8")
    target.chmod(0o664)
    project_files.write_artifact(tmp_path, "config/rubric.yaml", "new: 2\n")
    assert target.read_text(encoding="utf-8") == "new: 2\n"
    assert mode(target) == 0o664


def test_a_new_file_gets_the_umask_mode_not_mkstemps_0600(tmp_path):
    old = os.umask(0o022)
    try:
        project_files.atomic_write(tmp_path / "fresh.txt", "x")
    finally:
        os.umask(old)
    assert mode(tmp_path / "fresh.txt") == 0o644


def test_the_folder_is_synced_after_the_rename(tmp_path, monkeypatch):
    synced_dirs = []
    real_fsync = os.fsync

    def recording_fsync(fd):
        if stat.S_ISDIR(os.fstat(fd).st_mode):
            synced_dirs.append(os.fstat(fd).st_ino)
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    project_files.atomic_write(tmp_path / "a.txt", "x")
    assert tmp_path.stat().st_ino in synced_dirs


def test_uploads_keep_writes_atomically_and_keeps_mode(tmp_path):
    uploads.keep(tmp_path, "thread-1", {"config/rubric.yaml": "a: 1\n"})
    target = uploads.waiting_dir(tmp_path, "thread-1") / "config" / "rubric.yaml"
    target.chmod(0o640)
    uploads.keep(tmp_path, "thread-1", {"config/rubric.yaml": "a: 2\n"})
    assert target.read_text(encoding="utf-8") == "a: 2\n" and mode(target) == 0o640
    assert not [p for p in target.parent.iterdir() if p.name.endswith(".tmp")]


def test_a_torn_workshop_is_reported_and_kept(tmp_path):
    workshop = ws.Workshop.start(domain_artifact("customer_support", "rubric"))
    saved.save(tmp_path, "thread-1", workshop)
    path = saved.saved_path(tmp_path, "thread-1")
    torn = path.read_text(encoding="utf-8")[:-40]
    path.write_text(torn, encoding="utf-8")
    with pytest.raises(FtdesignError) as caught:
        saved.load(tmp_path, "thread-1")
    message = str(caught.value)
    aside = path.with_name(f"{path.stem}.unreadable.json")
    assert "could not be read" in message and aside.name in message
    assert str(tmp_path) not in message  # no server path in a browser message
    assert aside.read_text(encoding="utf-8") == torn
    assert saved.load(tmp_path, "thread-1") is None  # the next press starts afresh
