"""Fixtures for the agent's flow tests: a project folder, the scripted model, a session driver.

Everything is real (SQLite checkpointer, validators, worked domains, Chroma guide search)
except the chat model, which is scripted, and the evaluation harness (see agent_driver).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from agent_driver import Driver
from agent_fakes import ScriptedChatModel


@pytest.fixture(scope="session", autouse=True)
def knowledge_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A private Chroma store, built on first search, shared by the whole test session."""
    store = tmp_path_factory.mktemp("knowledge")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("FTDESIGN_KNOWLEDGE_DIR", str(store))
        yield store


@pytest.fixture
def model() -> ScriptedChatModel:
    return ScriptedChatModel()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return tmp_path / "project"


@pytest.fixture
def driver(project: Path, model: ScriptedChatModel) -> Driver:
    return Driver(project, model)
