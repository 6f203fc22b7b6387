"""Each local role keeps its own llama.cpp server (its own prompt cache) unless configured."""

from __future__ import annotations

from pathlib import Path

import pytest

from ftdesign.models import get_model, load_role

pytestmark = pytest.mark.slow


def url(role: str, project: Path) -> str:
    return str(get_model(role, project).openai_api_base)


def test_two_local_roles_never_share_a_server_by_default(tmp_path: Path) -> None:
    assert load_role("judge", tmp_path).server is None
    judge, simulator = url("judge", tmp_path), url("simulator", tmp_path)
    assert judge != simulator  # same embedded GGUF, two servers
    assert url("judge", tmp_path) == judge  # and each is reused, not restarted


def test_roles_naming_one_server_share_it(tmp_path: Path) -> None:
    (tmp_path / "ftdesign.toml").write_text(
        '[models.judge]\nserver = "eval"\n[models.candidate]\nserver = "eval"\n'
    )
    assert load_role("judge", tmp_path).server == "eval"
    shared = url("judge", tmp_path)
    assert url("candidate", tmp_path) == shared
    assert url("simulator", tmp_path) != shared  # not named: its own
