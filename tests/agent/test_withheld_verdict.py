"""Gate 7: a report that withholds its verdict is approved only with a reason, which is kept."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from agent_driver import Driver

from ftdesign.agent.decisions import read_decisions
from ftdesign.evals.verdict import WITHHELD
from ftdesign.tools.artifacts import ARTIFACTS
from ftdesign.tools.project_files import write_artifact
from ftdesign.tools.schemas.documents import REQUIRED_SECTIONS


async def withheld_eval(project: Path, *, scenarios: int, turns: int, seed: int, progress: Any):
    lines = ["# Base model evaluation", ""]
    for heading in REQUIRED_SECTIONS["eval_results"]:
        body = f"{WITHHELD} 1. 2 conversation(s) judged." if heading == "Decision" else "Test."
        lines += [f"## {heading}", "", body, ""]
    path = write_artifact(project, ARTIFACTS["eval_results"].path, "\n".join(lines))
    return SimpleNamespace(report=path, pass_rate=0.5)


def test_withheld_verdict_needs_a_reason_that_reaches_log_and_report(driver: Driver, project):
    driver.session.context.eval_runner = withheld_eval
    stop = driver.approve_until("baseline_eval", driver.start())
    assert WITHHELD in stop.drafts["base-model-eval-results.md"]
    stop = driver.send("approve")
    assert stop is not None and stop.step == "baseline_eval"
    assert "approve: <why>" in " ".join(stop.notices)
    stop = driver.send("approve: the budget allows one fine-tune trial anyway")
    assert stop is not None and stop.step == "done"
    report = (project / ARTIFACTS["eval_results"].path).read_text()
    decision = report.split("## Decision", 1)[1].split("##", 1)[0]
    assert "because: the budget allows one fine-tune trial anyway" in decision
    logged = [d for d in read_decisions(project) if d.gate == "baseline_eval"]
    assert logged[-1].decision == "approved"
    assert "the budget allows one fine-tune trial anyway" in logged[-1].rationale


def test_auto_approve_stops_at_a_withheld_verdict_instead_of_looping(driver: Driver, project):
    """`ftdesign run --auto-approve` once sent "approve" to a withheld verdict forever,
    writing a checkpoint each time (gigabytes in minutes); it now pauses and says why."""
    from ftdesign.agent.cli.autopilot import Autopilot

    driver.session.context.eval_runner = withheld_eval
    pilot = Autopilot([], auto_approve=True, retries=2)
    stop: Any = driver.start()
    for _ in range(20):  # far more stops than the session has
        reply = pilot.reply(stop)
        if reply is None:
            break
        stop = driver.send(reply)
    assert reply is None and stop.step == "baseline_eval" and pilot.gave_up
    why = pilot.why_paused(stop)
    assert "did not take the automatic approval" in why and "approve: <why>" in why, why
