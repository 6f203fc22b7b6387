"""Shared fixtures: a real Chroma store in a temporary directory, built once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from ftdesign import knowledge
from ftdesign.knowledge import locations


@pytest.fixture(scope="session")
def built_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store built from the shipped guides; tests must not modify it."""
    store = tmp_path_factory.mktemp("knowledge-store")
    knowledge.build(store)
    return store


@pytest.fixture
def guide_copy(tmp_path: Path) -> Path:
    """A private copy of two shipped guides that a test may edit (small, so builds are quick)."""
    guides = tmp_path / "sources" / "guides"
    guides.mkdir(parents=True)
    for name in ("rubric.md", "personas.md"):
        shutil.copy(locations.guides_dir() / name, guides / name)
    return guides
