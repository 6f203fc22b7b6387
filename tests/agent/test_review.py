"""The review's verdict is computed, the panel is honest when no model can run it."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from agent_fakes import REVIEW, ScriptedChatModel

from agent.context import AgentContext
from agent.records import Issue
from agent.review import PANEL, review
from agent.state import DesignState


def run_review(tmp_path: Path, model: ScriptedChatModel, found: list[Issue]):  # type: ignore[no-untyped-def]
    ctx = AgentContext(project=tmp_path, models={"agent": model})
    return asyncio.run(review("rubric", "Evaluation rubric", DesignState(), ctx, "x: 1", found))


def test_all_checks_ok_and_no_findings_is_a_pass(tmp_path: Path) -> None:
    data = json.loads(REVIEW)
    data["checklist"] = [{"item": "?", "ok": True}] * 20
    result = run_review(tmp_path, ScriptedChatModel(script={"review": [json.dumps(data)]}), [])
    assert result.verdict == "PASS" and len(result.experts) == 3


def test_a_warning_makes_concerns_and_the_first_suggestion(tmp_path: Path) -> None:
    warning = Issue(file="config/rubric.yaml", severity="warning", code="rubric.x", message="m")
    result = run_review(tmp_path, ScriptedChatModel(), [warning])
    assert result.verdict == "CONCERNS"
    assert result.suggestions[0] == "Fix rubric.x: m"


def test_a_failing_model_gives_an_unassessed_panel(tmp_path: Path) -> None:
    result = run_review(tmp_path, ScriptedChatModel(failing={"review"}), [])
    assert result.verdict == "CONCERNS" and result.reviewer.startswith("none")
    assert [e.name for e in result.experts] == list(PANEL)
    assert result.checklist and not any(c.ok for c in result.checklist)


def test_a_panel_without_risks_is_rejected_as_garbage(tmp_path: Path) -> None:
    data = json.loads(REVIEW)
    for expert in data["experts"]:
        expert["risks"] = []
    model = ScriptedChatModel(script={"review": [json.dumps(data)]})
    result = run_review(tmp_path, model, [])
    assert result.reviewer.startswith("none")
    assert model.count("review") == 2  # one correction, then the honest placeholder
