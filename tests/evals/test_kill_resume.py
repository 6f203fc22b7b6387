"""A run killed with SIGKILL mid-way resumes from its records and writes the same report."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from eval_fakes import ScriptedChat, ScriptedJudge, copy_project

from ftdesign.evals.task import run_eval

HERE = Path(__file__).resolve().parent
RUN = """
import asyncio, sys
sys.path.insert(0, {here!r})
from eval_fakes import ScriptedChat, ScriptedJudge
from ftdesign.evals.task import run_eval

class SlowChat(ScriptedChat):
    async def __call__(self, *args):
        await asyncio.sleep(0.05)
        return await super().__call__(*args)

run_eval({project!r}, scenarios=6, turns=2, seed=4, chat=SlowChat(), judge_call=ScriptedJudge())
"""


def records_of(project: Path) -> list[str]:
    found = list((project / ".ftdesign" / "eval").glob("*/records.jsonl"))
    return found[0].read_text().splitlines() if found else []


def test_sigkill_then_resume_equals_an_uninterrupted_run(tmp_path):
    reference = copy_project(tmp_path / "a" / "coaching")
    expected = run_eval(reference, scenarios=6, turns=2, seed=4, chat=ScriptedChat(),
                        judge_call=ScriptedJudge())  # fmt: skip
    expected_text = expected.report.read_text()

    project = copy_project(tmp_path / "b" / "coaching")
    child = subprocess.Popen(
        [sys.executable, "-c", RUN.format(here=str(HERE), project=str(project))],
        cwd=HERE.parents[1],
    )
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if sum('"conversation:' in line for line in records_of(project)) >= 2:
            break
        time.sleep(0.02)
    os.kill(child.pid, signal.SIGKILL)
    child.wait(timeout=10)
    done = sum('"conversation:' in line for line in records_of(project))
    assert 2 <= done < 6, "killed while conversations were still running"
    assert not list((project / ".ftdesign" / "eval").glob("*/results.json"))

    chat = ScriptedChat()
    resumed = run_eval(project, scenarios=6, turns=2, seed=4, chat=chat, judge_call=ScriptedJudge())
    assert chat.count("candidate") == (6 - done) * 2  # finished conversations are not redone
    assert resumed.report.read_text() == expected_text
    assert resumed.results == expected.results
