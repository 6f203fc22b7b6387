"""Step order, skipping settled gates, and what going back makes stale."""

from __future__ import annotations

from ftdesign.agent.state import initial_statuses
from ftdesign.agent.transitions import earlier_steps, next_step, went_back


def test_next_step_skips_settled_gates() -> None:
    statuses = initial_statuses()
    assert next_step(statuses, "intake") == "model_choice"
    statuses.update(rubric="passed", personas="skipped")
    assert next_step(statuses, "taxonomy") == "prompts"
    assert next_step(statuses, "baseline_eval") == "done"


def test_back_marks_passed_later_gates_stale_and_keeps_skips() -> None:
    statuses = initial_statuses()
    statuses.update(
        intake="passed",
        model_choice="passed",
        token_economics="skipped",
        taxonomy="passed",
        rubric="current",
    )
    result = went_back(statuses, "rubric", "model_choice", approved=set())
    assert result["model_choice"] == "current"
    assert result["token_economics"] == "skipped"
    assert result["taxonomy"] == "stale"
    assert result["rubric"] == "pending"
    assert result["intake"] == "passed"


def test_an_unapproved_current_gate_with_an_approved_version_becomes_stale() -> None:
    statuses = {**initial_statuses(), "rubric": "current"}
    assert went_back(statuses, "rubric", "taxonomy", approved={"rubric"})["rubric"] == "stale"


def test_earlier_steps() -> None:
    assert earlier_steps("intake") == []
    assert earlier_steps("token_economics") == ["intake", "model_choice"]
