"""The whole session on the real embedded model: `ftdesign run --auto-approve`, then validate."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from tools.artifacts import ARTIFACTS
from tools.schemas.documents import EVAL_UNAVAILABLE

FTDESIGN = str(Path(sys.executable).with_name("ftdesign"))
REPO = Path(__file__).resolve().parents[2]  # run the code under test, whatever pip points at
DOMAIN = "customer support for a SaaS billing product"


def clean_env() -> dict[str, str]:
    """The user's environment without model settings, so every role is the embedded model."""
    kept = ("FTDESIGN_KNOWLEDGE_DIR",)
    env = {k: v for k, v in os.environ.items() if not k.startswith("FTDESIGN_") or k in kept}
    # The smallest evaluation that still runs every phase of the harness.
    return {
        **env,
        "PYTHONPATH": str(REPO),
        "FTDESIGN_EVAL_SCENARIOS": "2",
        "FTDESIGN_EVAL_TURNS": "1",
    }


@pytest.mark.slow
@pytest.mark.e2e
@pytest.mark.timeout(3600)
def test_auto_approved_session_on_the_embedded_model_validates(tmp_path: Path) -> None:
    project = tmp_path / "support"
    command = [FTDESIGN, "run", "--project", str(project), "--domain", DOMAIN, "--auto-approve"]
    run = subprocess.run(command, capture_output=True, text=True, env=clean_env(), timeout=3500)
    (tmp_path / "transcript.txt").write_text(run.stdout)
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert run.stdout.count("Drafting with the embedded demo model") == 1
    assert "All gates are settled" in run.stdout
    for artifact in ARTIFACTS.values():
        assert (project / artifact.path).is_file(), artifact.path
    # The harness exists, so the baseline must be a real run, never the unavailable notice.
    assert EVAL_UNAVAILABLE not in (project / ARTIFACTS["eval_results"].path).read_text()
    validate = [FTDESIGN, "validate", str(project)]
    check = subprocess.run(validate, capture_output=True, text=True, env=clean_env())
    assert check.returncode == 0, check.stdout + check.stderr
