"""`pip install` puts only `ftdesign` into site-packages, so it lives beside packages that own
the generic names our folders have (`evals`, `tools`, ...) without breaking either."""

from __future__ import annotations

import shutil
import subprocess
import sys
import venv
import zipfile
from pathlib import Path

import pydantic
import pytest

ROOT = Path(__file__).resolve().parents[1]
SKIP = (".*", "build", "*.egg-info", "__pycache__", "tests")
# Another project's top-level packages, named like our folders (OpenAI's evals, say).
NEIGHBOURS = {"evals": "OWNER = 'neighbour evals'\n", "tools": "OWNER = 'neighbour tools'\n"}
CHECK = """
import evals, tools
assert evals.OWNER == "neighbour evals" and tools.OWNER == "neighbour tools"
import ftdesign.evals.task, ftdesign.tools.steps
from ftdesign.agent.gates import SPECS
from ftdesign.tools.validators import validate_path
assert not hasattr(evals, "task") and len(SPECS) == 9
print(ftdesign.tools.steps.__file__)
"""


def _run(*command: str | Path, cwd: Path = ROOT) -> str:
    result = subprocess.run(
        [str(part) for part in command], cwd=cwd, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-3000:]
    return result.stdout


def _site_packages(env: Path) -> Path:
    return next((env / "lib").glob("python3*/site-packages"))


@pytest.mark.slow
def test_the_wheel_installs_beside_packages_named_evals_and_tools(tmp_path: Path) -> None:
    # setuptools builds in the source tree (build/, *.egg-info): build from a copy
    source = shutil.copytree(ROOT, tmp_path / "source", ignore=shutil.ignore_patterns(*SKIP))
    _run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", tmp_path / "dist", source)
    wheel = next((tmp_path / "dist").glob("ftdesign-*.whl"))
    tops = {name.split("/")[0] for name in zipfile.ZipFile(wheel).namelist()}
    assert {t for t in tops if not t.endswith(".dist-info")} == {"ftdesign"}

    env = tmp_path / "env"
    venv.create(env, with_pip=False)
    site = _site_packages(env)
    deps = Path(pydantic.__file__).parents[1]  # reach the installed dependencies, offline
    (site / "deps.pth").write_text(f"import site; site.addsitedir({str(deps)!r})\n")
    for name, text in NEIGHBOURS.items():
        (site / name).mkdir()
        (site / name / "__init__.py").write_text(text)
    before = {p.name for p in site.iterdir()}
    python = env / "bin" / "python"
    _run(
        sys.executable,
        "-m",
        "pip",
        "--python",
        python,
        "install",
        "-q",
        "--no-deps",
        "--no-index",
        wheel,
    )
    added = {p.name for p in site.iterdir()} - before
    assert {a for a in added if not a.endswith(".dist-info")} == {"ftdesign"}, added

    printed = _run(python, "-c", CHECK, cwd=tmp_path)  # not the repository: no stray imports
    assert printed.strip().startswith(str(site / "ftdesign"))
