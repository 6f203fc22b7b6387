"""Maintainer habits enforced by the test command: lint, types, and one-way layers."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# Each layer may import only the layers listed for it (besides itself).
ALLOWED = {
    "tools": set(),
    "knowledge": {"tools"},
    "evals": {"tools", "knowledge"},
    "agent": {"tools", "knowledge", "evals"},
}


def _imported_layers(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names & set(ALLOWED)


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_imports_go_one_way(layer: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(bad)
        for path in (ROOT / layer).rglob("*.py")
        if (bad := _imported_layers(path) - ALLOWED[layer] - {layer})
    }
    assert offenders == {}, f"{layer}/ must not import these layers: {offenders}"


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_finds_nothing() -> None:
    result = _run("ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def test_tools_type_check() -> None:
    result = _run("mypy", "tools")
    assert result.returncode == 0, result.stdout + result.stderr
