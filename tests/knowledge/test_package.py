"""Importing the package is cheap: no Chroma, no ONNX, no index built at import time."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from ftdesign import knowledge

PROBE = """
import json, sys
import ftdesign.knowledge as knowledge, ftdesign.agent.cli.knowledge
heavy = [m for m in ("chromadb", "onnxruntime", "tokenizers", "numpy") if m in sys.modules]
print(json.dumps(heavy))
"""


def test_import_loads_no_heavy_library() -> None:
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        capture_output=True,
        text=True,
        check=True,
        cwd=Path(__file__).resolve().parents[2],
    )
    assert json.loads(result.stdout) == []


def test_public_api_is_exported_lazily() -> None:
    assert callable(knowledge.search) and callable(knowledge.build)
    assert knowledge.checklist("review")[0].startswith("A panel of 5-7")
    assert set(knowledge.__all__) >= {"build", "search", "checklist", "Hit", "BuildReport"}
