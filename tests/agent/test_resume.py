"""A session survives its process being killed, at a stop or in the middle of a step."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from agent_driver import Driver
from agent_fakes import ScriptedChatModel

from ftdesign.agent.decisions import read_decisions

SCRIPT = Path(__file__).with_name("session_script.py")
REPO = Path(__file__).resolve().parents[2]  # the code under test, whatever pip points at


def run_and_kill(project: Path, thread: str, step: str, *extra: str) -> None:
    """Start the script, wait for its last marker line, then SIGKILL it."""
    markers = ["READY"] + (["SENT"] if extra else [])
    process = subprocess.Popen(
        [sys.executable, str(SCRIPT), str(project), thread, step, *extra],
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    try:
        assert process.stdout is not None
        for marker in markers:
            line = process.stdout.readline()
            assert line.startswith(marker), f"script said {line!r}"
        if extra:
            time.sleep(3)  # let the approval reach the slow review of the next step
    finally:
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=30)


def test_resume_at_a_stop_after_the_process_was_killed(
    project: Path, model: ScriptedChatModel
) -> None:
    run_and_kill(project, "killed-at-stop", "taxonomy")
    driver = Driver(project, model, "killed-at-stop")
    stop = driver.resume()
    assert stop is not None and stop.step == "taxonomy"
    state = driver.state()
    assert [state.statuses[s] for s in ("intake", "model_choice", "token_economics")] == [
        "passed"
    ] * 3
    assert len(state.decisions) == 3 and (project / ".ftdesign/budget.json").is_file()
    stop = driver.send("approve")
    assert stop is not None and stop.step == "rubric"


def test_resume_in_the_middle_of_a_step(project: Path, model: ScriptedChatModel) -> None:
    run_and_kill(project, "killed-mid-step", "taxonomy", "then-approve")
    assert (project / "config/input-taxonomy.yaml").is_file()  # approved before the kill
    driver = Driver(project, model, "killed-mid-step")
    stop = driver.resume()  # reruns the interrupted rubric draft, nothing else
    assert stop is not None and stop.step == "rubric"
    assert driver.state().statuses["taxonomy"] == "passed"
    approvals = [d.gate for d in read_decisions(project) if d.decision == "approved"]
    assert approvals == ["intake", "model_choice", "token_economics", "taxonomy"]
