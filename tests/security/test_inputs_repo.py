"""Also seen: no chat history or other per-project state is tracked in the repository."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_no_project_state_is_tracked():
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout")
    tracked = subprocess.run(
        ["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split("\n")
    # Fixtures (an old session kept to prove it still resumes) are state on purpose.
    state = [
        p
        for p in tracked
        if not p.startswith("tests/fixtures/")
        and (p.startswith(".ftdesign/") or p.endswith(".sqlite"))
    ]
    assert state == [], "per-project state (chat history, checkpoints) must not be committed"
