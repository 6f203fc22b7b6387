"""Fixtures for the agent's flow tests: a project folder, the scripted model, a session driver.

Everything is real (SQLite checkpointer, validators, worked domains, Chroma guide search in
the user's knowledge store, built on first use) except the chat model, which is scripted, and
the evaluation harness (see agent_driver).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from agent_driver import Driver
from agent_fakes import ScriptedChatModel


@pytest.fixture
def model() -> ScriptedChatModel:
    return ScriptedChatModel()


@pytest.fixture
def project(tmp_path: Path) -> Path:
    return tmp_path / "project"


@pytest.fixture
def driver(project: Path, model: ScriptedChatModel) -> Driver:
    return Driver(project, model)
