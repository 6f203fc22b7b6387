"""Conversation length comes from gate 2's budget; a shorter run names what it leaves out."""

from __future__ import annotations

from eval_fakes import DOMAIN, ScriptedChat, ScriptedJudge, copy_project

from ftdesign.evals.length import length_note, planned_exchanges, unassessed_at
from ftdesign.evals.project import load_project
from ftdesign.evals.task import run_eval
from ftdesign.tools.budget import plan_budget
from ftdesign.tools.budget_io import save_budget

RUBRIC = load_project(DOMAIN).rubric


def test_default_turns_are_the_budgets_planned_exchanges(tmp_path):
    project = copy_project(tmp_path / "coaching")
    budget = plan_budget(system_prompt_tokens=500, ceiling=4096)  # a small plan keeps it quick
    save_budget(project, budget)
    planned = planned_exchanges(project, "")
    assert planned.exchanges == budget.recommended_exchanges[1] and "budget.json" in planned.source
    chat = ScriptedChat(words=3, truncating=False)
    output = run_eval(project, scenarios=1, chat=chat, judge_call=ScriptedJudge())
    assert output.results.scenarios[0].exchanges == planned.exchanges
    assert chat.count("candidate") == planned.exchanges
    line = f"Exchanges per conversation: {planned.exchanges} (planned: {planned.exchanges}"
    assert line in output.report.read_text()


def test_without_a_budget_file_the_default_plan_applies(tmp_path):
    project = copy_project(tmp_path / "coaching")
    planned = planned_exchanges(project, "a short system prompt")
    assert 20 <= planned.exchanges <= 30 and "default settings" in planned.source


def test_a_shorter_run_names_unassessed_criteria_and_categories_with_weights():
    criteria, categories = unassessed_at(RUBRIC, 1)
    assert set(criteria) == {"EMP3", "NAT3", "CTX1", "CTX2"}
    assert categories == {"continuity": 0.2}
    note = length_note(RUBRIC, 1, {"exchanges": 27, "source": "gate 2"})
    assert note.startswith("1 (planned: 27, from gate 2)")
    assert "CTX1 (10.0 %)" in note and "35.0 % of the weight" in note
    assert "continuity (20.0 %)" in note
    assert "not assessed" not in length_note(RUBRIC, 27, {"exchanges": 27, "source": "gate 2"})


def test_a_short_scripted_run_reports_the_budget_next_to_its_length(tmp_path):
    project = copy_project(tmp_path / "coaching")
    output = run_eval(
        project, scenarios=2, turns=2, chat=ScriptedChat(words=3), judge_call=ScriptedJudge()
    )
    text = output.report.read_text()
    assert "Exchanges per conversation: 2 (planned: " in text
    assert "CTX1 (10.0 %), CTX2 (10.0 %)" in text and "continuity (20.0 %)" in text
