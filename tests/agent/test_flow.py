"""The session's control flow with a scripted model: every action a user has at a stop."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from agent_driver import Driver
from agent_fakes import SUGGESTION, ScriptedChatModel

from ftdesign.agent.decisions import read_decisions
from ftdesign.agent.state import GATES
from ftdesign.tools.artifacts import ARTIFACTS
from ftdesign.tools.validators import validate_project

GOOD_TAXONOMY = """\
taxonomy:
  topics:
    - {name: billing, weight: 0.45, subtopics: [refunds, invoices]}
    - {name: accounts, weight: 0.40, subtopics: [login]}
    - {name: edge_cases, weight: 0.15, subtopics: [legal_threat, out_of_scope]}
  difficulty: {easy: 0.3, medium: 0.5, hard: 0.2}
  style: {terse: 0.3, conversational: 0.5, emotional: 0.2}
"""


def test_approving_every_gate_writes_the_whole_project(driver: Driver, project: Path) -> None:
    stop = driver.start()
    assert stop.step == "intake" and "customer_support" in stop.drafts[".ftdesign/intake.yaml"]
    stop = driver.approve_until("done", stop)
    summary = "\n".join(stop.drafts.values())
    assert "## Completion" in summary and "- [x] no validator errors" in summary
    assert driver.send("finish") is None
    assert driver.events[-1].kind == "finished"
    for artifact in ARTIFACTS.values():
        assert (project / artifact.path).is_file(), artifact.path
    assert "## Token budget" in (project / "model-choice.md").read_text()
    state = driver.state()
    ceiling = json.loads((project / ".ftdesign/budget.json").read_text())["ceiling"]
    assert ceiling == state.gate_inputs["token_economics"]["ceiling"] <= 16384
    assert all(state.statuses[g] == "passed" for g in GATES)
    assert state.models["agent"] == "ScriptedChatModel"
    logged = [(d.gate, d.decision) for d in read_decisions(project)]
    assert logged == [(s, "approved") for s in ("intake", *GATES, "done")]
    assert not [f for f in validate_project(project) if f.severity == "error"]
    progress = [e.text for e in driver.events if e.kind == "progress"]
    assert "conversations: 3/3" in progress  # the baseline gate streamed the runner's progress


def test_every_stop_cites_guides_and_carries_a_review(driver: Driver) -> None:
    stop = driver.approve_until("taxonomy", driver.start())
    assert stop.sources and all(s.source for s in stop.sources)
    assert stop.review is not None and len(stop.review.experts) == 3
    assert stop.review.checklist and stop.review.checklist[0].item != "x"  # pinned to the guide
    assert {"approve", "change", "paste", "question", "back", "skip", "apply"} <= set(stop.actions)


def test_approval_is_refused_while_validation_finds_errors(driver: Driver, project: Path) -> None:
    driver.approve_until("taxonomy", driver.start())
    broken = GOOD_TAXONOMY.replace("weight: 0.45", "weight: 0.10")
    stop = driver.send(f"```yaml\n{broken}```")
    assert stop is not None and not stop.can_approve
    assert any(f.severity == "error" for f in stop.findings)
    stop = driver.send("approve")
    assert stop is not None and stop.step == "taxonomy"
    assert "cannot be approved yet" in stop.notices[0]
    assert not (project / ARTIFACTS["taxonomy"].path).exists()


def test_pasted_version_is_validated_and_written_on_approval(driver: Driver, project: Path) -> None:
    driver.approve_until("taxonomy", driver.start())
    stop = driver.send(GOOD_TAXONOMY)
    assert stop is not None and stop.drafts["config/input-taxonomy.yaml"] == GOOD_TAXONOMY
    assert stop.can_approve
    stop = driver.send("approve: our own topics")
    assert stop is not None and stop.step == "rubric"
    assert (project / "config/input-taxonomy.yaml").read_text() == GOOD_TAXONOMY
    record = driver.state().artifacts["taxonomy"]
    assert [d.origin for d in record.drafts][-1] == "user" and len(record.drafts) == 2


def test_change_request_goes_through_the_model(driver: Driver, model: ScriptedChatModel) -> None:
    driver.approve_until("taxonomy", driver.start())
    data = yaml.safe_load(GOOD_TAXONOMY)
    data["taxonomy"]["topics"].append({"name": "invoices", "weight": 0.5, "subtopics": []})
    model.script["draft"] = [json.dumps(data)]
    stop = driver.send("add a topic for invoices")  # no rule matches: the model classifies it
    assert model.count("classify") == 1
    assert stop is not None and "invoices" in stop.drafts["config/input-taxonomy.yaml"]
    weights = [
        t["weight"]
        for t in yaml.safe_load(stop.drafts["config/input-taxonomy.yaml"])["taxonomy"]["topics"]
    ]
    assert abs(sum(weights) - 1.0) < 1e-6  # the gate's repair rescaled the model's weights
    assert driver.state().artifacts["taxonomy"].drafts[-1].origin == "model:ScriptedChatModel"


def test_failed_model_call_leaves_the_draft_untouched(
    driver: Driver, model: ScriptedChatModel
) -> None:
    before = driver.approve_until("rubric", driver.start()).drafts
    model.failing.add("draft")
    stop = driver.send("Please make every criterion stricter")
    assert stop is not None and stop.drafts == before
    assert "Nothing was changed" in " ".join(stop.notices)
    assert len(driver.state().artifacts["rubric"].drafts) == 1


def test_question_is_answered_from_the_guides(driver: Driver, model: ScriptedChatModel) -> None:
    first = driver.approve_until("taxonomy", driver.start())
    stop = driver.send("How large should the edge-case share be?")
    assert stop is not None and stop.step == "taxonomy" and stop.drafts == first.drafts
    assert stop.answer == "Edge cases get about 15 % [1]."
    assert stop.answer_sources and model.count("answer") == 1
    assert "Edge cases" in model.calls[-1][1] or "edge" in model.calls[-1][1].lower()


def test_apply_suggestion_becomes_a_change_request(
    driver: Driver, model: ScriptedChatModel, project: Path
) -> None:
    stop = driver.approve_until("taxonomy", driver.start())
    assert stop.review is not None and SUGGESTION in stop.review.suggestions
    number = stop.review.suggestions.index(SUGGESTION) + 1
    model.script["draft"] = [json.dumps(yaml.safe_load(GOOD_TAXONOMY))]
    applied = driver.send(f"apply {number}")
    assert applied is not None and "billing" in applied.drafts["config/input-taxonomy.yaml"]
    assert SUGGESTION in model.calls[-2][1]  # the redraft call, before the review
    (change,) = applied.changes  # the stop shows what the suggestion rewrote, word by word
    assert change.path == "config/input-taxonomy.yaml" and (change.before, change.after) == (1, 2)
    assert "~~" in change.diff and "**" in change.diff
    logged = [d for d in read_decisions(project) if d.decision == "revised"]
    assert [d.rationale for d in logged] == [
        "config/input-taxonomy.yaml: version 1 -> version 2"
    ]


def test_skip_needs_a_reason_and_is_logged(driver: Driver, project: Path) -> None:
    driver.approve_until("token_economics", driver.start())
    stop = driver.send("skip")
    assert stop is not None and stop.step == "token_economics" and "Say why" in stop.notices[0]
    stop = driver.send("skip: the budget is fixed by the client")
    assert stop is not None and stop.step == "taxonomy"
    assert driver.state().statuses["token_economics"] == "skipped"
    last = read_decisions(project)[-1]
    assert (last.gate, last.decision, last.rationale) == (
        "token_economics",
        "skipped",
        "the budget is fixed by the client",
    )


def test_going_back_marks_later_gates_stale(driver: Driver, project: Path) -> None:
    driver.approve_until("personas", driver.start())
    approved_rubric = (project / "config/rubric.yaml").read_text()
    stop = driver.send("back to taxonomy")
    assert stop is not None and stop.step == "taxonomy"
    statuses = driver.state().statuses
    assert statuses["rubric"] == "stale" and statuses["personas"] == "pending"
    assert statuses["model_choice"] == "passed"
    stop = driver.send("approve")
    assert stop is not None and stop.step == "rubric"  # the stale gate is revisited next
    assert stop.drafts["config/rubric.yaml"] == approved_rubric  # with its approved text
    stop = driver.send("approve")
    assert stop is not None and stop.step == "personas"
    assert ("personas", "back to taxonomy") in [
        (d.gate, d.decision) for d in read_decisions(project)
    ]


def test_back_only_goes_to_earlier_steps(driver: Driver) -> None:
    driver.approve_until("taxonomy", driver.start())
    stop = driver.send("back to personas")
    assert stop is not None and stop.step == "taxonomy" and "Cannot go back" in stop.notices[0]


def test_existing_project_files_are_the_first_drafts(driver: Driver, project: Path) -> None:
    (project / "config").mkdir(parents=True)
    (project / "config/input-taxonomy.yaml").write_text(GOOD_TAXONOMY)
    stop = driver.approve_until("taxonomy", driver.start())
    assert stop.drafts["config/input-taxonomy.yaml"] == GOOD_TAXONOMY
    assert "Starting from the project's own config/input-taxonomy.yaml." in stop.notices


def test_finished_session_accepts_no_more_replies(driver: Driver) -> None:
    stop = driver.approve_until("done", driver.start())
    assert stop.actions == ["approve", "question", "back"]
    assert driver.send("finish") is None
    events = driver._do(lambda: _collect_all(driver.session.send("approve")))
    assert [e.kind for e in events] == ["error"]


async def _collect_all(events):  # type: ignore[no-untyped-def]
    return [event async for event in events]
