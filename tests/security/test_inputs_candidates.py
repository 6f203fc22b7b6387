"""Finding 13: in the browser app a candidate path neither reads a server file nor tells
whether one exists; candidates come from the models folder and no server path is shown."""

from __future__ import annotations

import asyncio
import re

import pytest

from ftdesign.agent.context import AgentContext
from ftdesign.agent.gates import model_choice
from ftdesign.agent.records import DomainContext
from ftdesign.agent.state import DesignState
from ftdesign.tools.errors import FtdesignError


def adopt(project, reply, confined=True):
    ctx = AgentContext(project=project, confined_models=confined)
    return asyncio.run(model_choice.adopt(DesignState(), ctx, reply))


def refusal(project, name):
    with pytest.raises(FtdesignError) as caught:
        adopt(project, f"candidates: [{name}]")
    # The user's own text is echoed (shortened when long, as a tmp path under xdist is):
    # only what follows it may not depend on whether the path exists.
    return re.sub(r"candidate '[^']*'", "candidate 'NAME'", str(caught.value))


def test_same_message_whether_or_not_a_server_path_exists(tmp_path, monkeypatch):
    models = tmp_path / "models"
    models.mkdir()
    monkeypatch.setenv("FTDESIGN_MODELS_DIR", str(models))
    (tmp_path / "secret.gguf").write_bytes(b"GGUF" + b"\0" * 40)
    probes = ["/etc/shadow", "/etc/no-such-file", f"{tmp_path}/secret.gguf",
              "../secret.gguf", "../no-such.gguf"]  # fmt: skip
    messages = {refusal(tmp_path, name) for name in probes}
    assert len(messages) == 1
    (message,) = messages
    assert "models folder" in message
    assert str(models) not in message and str(tmp_path) not in message


def test_a_missing_model_in_the_folder_names_no_server_path(tmp_path, monkeypatch):
    models = tmp_path / "models"
    models.mkdir()
    monkeypatch.setenv("FTDESIGN_MODELS_DIR", str(models))
    message = refusal(tmp_path, "absent.gguf")
    assert "not a readable GGUF" in message and str(tmp_path) not in message


def test_candidates_from_the_models_folder_are_named_by_file_name(
    tmp_path, monkeypatch, smollm2_gguf
):
    models = tmp_path / "models"
    models.mkdir()
    (models / "small.gguf").symlink_to(smollm2_gguf)  # the owner may link a download in
    monkeypatch.setenv("FTDESIGN_MODELS_DIR", str(models))
    drafted = adopt(tmp_path, "candidates: [small.gguf]")
    document = drafted.texts["model_choice"]
    assert "small.gguf" in document
    assert str(models) not in document and str(smollm2_gguf.parent) not in document


def test_the_embedded_model_is_a_candidate_without_a_models_folder(tmp_path, monkeypatch):
    monkeypatch.delenv("FTDESIGN_MODELS_DIR", raising=False)
    state = DesignState(domain=DomainContext(description="billing support"))
    ctx = AgentContext(project=tmp_path, confined_models=True)
    drafted = asyncio.run(model_choice.draft(state, ctx, []))
    assert ".gguf" in drafted.texts["model_choice"]
    assert "site-packages" not in drafted.texts["model_choice"]


def test_the_cli_owner_may_still_name_any_file(tmp_path, smollm2_gguf):
    drafted = adopt(tmp_path, f"candidates: [{smollm2_gguf}]", confined=False)
    assert smollm2_gguf.stem in drafted.texts["model_choice"]
