"""Finding 6: one project folder per person, downloads of the design only, no silent overwrite.

Real Chainlit contexts (its own HTTP session objects) stand for two signed-in people;
the download is built from a folder holding the review's leaked files; two chats'
approvals go through the writers ledger the Approve button consults.
"""

from __future__ import annotations

import asyncio
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from chainlit.context import init_http_context
from chainlit.user import User

from ftdesign.agent.ui import users, writers
from ftdesign.agent.ui.download import build_zip
from ftdesign.agent.ui.scope import project, thread_id


@pytest.fixture
def shared(tmp_path, monkeypatch) -> Path:
    folder = tmp_path / "project"
    users.add(folder, "ana", "ana's long passphrase")
    users.add(folder, "bob", "bob's long passphrase")
    (folder / "ftdesign.toml").write_text('[models.agent]\nmodel = "team-model"\n')
    monkeypatch.setenv("FTDESIGN_PROJECT", str(folder))
    return folder


def as_person(name: str, call: Callable[[], Any], thread: str | None = None) -> Any:
    """`call()` inside a chat context of a signed-in person (its own event loop)."""

    async def inside_chat() -> Any:
        init_http_context(thread_id=thread, user=User(identifier=name))
        return call()

    return asyncio.run(inside_chat())


def test_each_person_works_in_their_own_folder(shared):
    ana, bob = as_person("ana", project), as_person("bob", project)
    assert ana == shared / "people" / "ana" and bob == shared / "people" / "bob"
    assert (ana / "ftdesign.toml").read_text() == (shared / "ftdesign.toml").read_text()


def test_local_mode_keeps_the_project_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("FTDESIGN_PROJECT", str(tmp_path))
    assert as_person("local", project) == tmp_path


def test_a_hostile_thread_id_in_the_context_is_refused(shared):
    from ftdesign.tools.errors import FtdesignError

    with pytest.raises(FtdesignError, match="not valid"):
        as_person("ana", thread_id, "../../victim")
    assert as_person("ana", thread_id, str(uuid.UUID(int=7))) == str(uuid.UUID(int=7))


def test_the_download_holds_the_design_and_its_record_only(tmp_path):
    folder = tmp_path / "project"
    leaked = {
        ".env": "OPENAI_API_KEY=sk-secret\n",
        ".git/config": "[remote]\n",
        "ftdesign.toml": "[models.agent]\n",
        ".ftdesign/users.json": "{}",
        ".ftdesign/checkpoints.sqlite": "x",
        ".ftdesign/ui/history.sqlite": "x",
        "people/bob/model-choice.md": "bob's\n",
    }
    design = {
        "model-choice.md": "# Model choice\n",
        "config/rubric.yaml": "criteria: []\n",
        ".ftdesign/intake.yaml": "description: x\n",
        ".ftdesign/decisions.jsonl": "{}\n",
        ".ftdesign/history/model-choice.md/1.md": "# earlier\n",
    }
    for relpath, text in {**leaked, **design}.items():
        (folder / relpath).parent.mkdir(parents=True, exist_ok=True)
        (folder / relpath).write_text(text)
    built = build_zip(folder, {"config/system-prompt.md": "draft\n"}, tmp_path / "out")
    with zipfile.ZipFile(built) as archive:
        names = set(archive.namelist())
    assert names == set(design) | {"drafts/config/system-prompt.md"}


def test_a_second_chat_cannot_silently_overwrite_an_approval(tmp_path):
    folder = tmp_path / "project"
    folder.mkdir()
    first, second, paths = str(uuid.uuid4()), str(uuid.uuid4()), ["model-choice.md"]
    target = folder / "model-choice.md"

    before = writers.snapshot(folder, paths)
    target.write_text("first chat's approval\n")  # what the session's approval writes
    writers.record(folder, first, before)
    assert writers.conflicts(folder, first, paths) == []
    assert writers.conflicts(folder, second, paths) == paths  # another chat wrote it last

    target.write_text("edited by hand\n")
    assert writers.conflicts(folder, first, paths) == paths  # changed since this chat wrote it
    assert writers.paths_of({"model-choice.md (## Token budget)": ""}) == paths
