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
    "models": {"tools"},
    "knowledge": {"tools"},
    "evals": {"tools", "models", "knowledge"},
    "agent": {"tools", "models", "knowledge", "evals"},
}
PACKAGE = "ftdesign"


def _layer(module: str) -> str:
    """`ftdesign.evals.task` -> `evals`; a bare top-level name is reported as itself."""
    parts = module.split(".")
    return parts[1] if parts[0] == PACKAGE and len(parts) > 1 else parts[0]


def _imported_layers(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(_layer(alias.name) for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if node.module == PACKAGE:  # `from ftdesign import knowledge`
                names.update(alias.name for alias in node.names)
            else:
                names.add(_layer(node.module))
    return names & set(ALLOWED)


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_imports_go_one_way(layer: str) -> None:
    offenders = {
        str(path.relative_to(ROOT)): sorted(bad)
        for path in (ROOT / layer).rglob("*.py")
        if (bad := _imported_layers(path) - ALLOWED[layer] - {layer})
    }
    assert offenders == {}, f"{layer}/ must not import these layers: {offenders}"


@pytest.mark.parametrize("layer", sorted(ALLOWED))
def test_layers_import_through_the_namespace(layer: str) -> None:
    """`import evals` would pick up OpenAI's evals (or any other top-level package)."""
    bare = {
        str(path.relative_to(ROOT))
        for path in (ROOT / layer).rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if (
            isinstance(node, ast.ImportFrom)
            and node.level == 0
            and node.module
            and node.module.split(".")[0] in ALLOWED
        )
        or (
            isinstance(node, ast.Import)
            and any(alias.name.split(".")[0] in ALLOWED for alias in node.names)
        )
    }
    assert bare == set(), f"import these through `{PACKAGE}.`: {sorted(bare)}"


def _models_submodules(path: Path) -> set[str]:
    """`ftdesign.models.<anything>` imported by `path` (the layer's inside, not its face)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        modules = [a.name for a in node.names] if isinstance(node, ast.Import) else []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            modules = [node.module]
        found.update(m for m in modules if m.startswith(f"{PACKAGE}.models."))
    return found


@pytest.mark.parametrize("layer", ["agent", "evals"])
def test_models_are_reached_through_their_public_face(layer: str) -> None:
    """One way to reach a model: `ftdesign.models` exports it, or nobody above uses it."""
    inside = {
        str(path.relative_to(ROOT)): sorted(found)
        for path in (ROOT / layer).rglob("*.py")
        if (found := _models_submodules(path))
    }
    assert inside == {}, f"import these from `{PACKAGE}.models` itself: {inside}"


def _run(*command: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_finds_nothing() -> None:
    result = _run("ruff", "check", ".")
    assert result.returncode == 0, result.stdout + result.stderr


def _namespace_view() -> Path:
    """mypy finds modules by path, so it needs the layers under `ftdesign/` as installed;
    links in the (ignored) cache folder give it that view without moving any folder."""
    view = ROOT / ".mypy_cache" / "namespace"
    for layer in ALLOWED:
        link = view / PACKAGE / layer
        link.parent.mkdir(parents=True, exist_ok=True)
        if not link.is_symlink():
            link.symlink_to(ROOT / layer, target_is_directory=True)
    return view


def test_the_whole_package_type_checks() -> None:
    config, cache = ROOT / "pyproject.toml", ROOT / ".mypy_cache"
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--config-file", str(config), "--cache-dir", str(cache),
         "-p", PACKAGE],
        cwd=_namespace_view(), capture_output=True, text=True, check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    checked = int(result.stdout.split(" in ")[-1].split()[0])  # "... in 186 source files"
    assert checked > 150, result.stdout  # the whole package, not one layer
