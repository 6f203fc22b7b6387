"""The review's verdict is computed, the panel is honest when no model can run it."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from agent_fakes import REVIEW, ScriptedChatModel

from ftdesign.agent.context import AgentContext
from ftdesign.agent.records import Issue
from ftdesign.agent.retrieval import checklist
from ftdesign.agent.review import MAX_CHECKS, PANEL, ReviewDraft, review
from ftdesign.agent.state import GATES, DesignState
from ftdesign.tools.tokens import count_tokens, get_tokenizer


def run_review(tmp_path: Path, model: ScriptedChatModel | None, found: list[Issue]):  # type: ignore[no-untyped-def]
    models = {"agent": model} if model else {}
    ctx = AgentContext(project=tmp_path, models=models, review_with_model=None)
    return asyncio.run(review("rubric", "Evaluation rubric", DesignState(), ctx, "x: 1", found))


def test_all_checks_ok_and_no_findings_is_a_pass(tmp_path: Path) -> None:
    data = json.loads(REVIEW)
    data["checks"] = [{"ok": True}] * len(checklist("rubric"))
    result = run_review(tmp_path, ScriptedChatModel(script={"review": [json.dumps(data)]}), [])
    assert result.verdict == "PASS" and len(result.experts) == 3


def test_answers_pair_with_the_guide_items_in_order(tmp_path: Path) -> None:
    data = json.loads(REVIEW)
    first, second = "criteria are binary questions", "the category weights sum to 0.9"
    data["checks"] = [{"ok": True, "note": first}, {"ok": False, "note": second}]
    result = run_review(tmp_path, ScriptedChatModel(script={"review": [json.dumps(data)]}), [])
    items = checklist("rubric")
    assert [c.item for c in result.checklist] == items
    assert [(c.ok, c.note) for c in result.checklist[:2]] == [(True, first), (False, second)]
    assert all(c.note == "not assessed" for c in result.checklist[2:])
    assert result.verdict == "CONCERNS"


def test_every_gate_checklist_fits_the_review_schema() -> None:
    assert all(0 < len(checklist(step)) <= MAX_CHECKS for step in GATES)


def test_the_longest_review_the_schema_allows_fits_its_token_limit(smollm2_gguf) -> None:
    """Grammar decoding follows the schema, so a bounded schema means a reply that closes."""
    words = "the risk of replies that wander off "

    def longest(schema: dict) -> object:  # every list and string at its maximum
        if "$ref" in schema:
            return longest(defs[schema["$ref"].split("/")[-1]])
        kind = schema.get("type")
        if kind == "object":
            return {name: longest(sub) for name, sub in schema["properties"].items()}
        if kind == "array":
            return [longest(schema["items"])] * schema["maxItems"]
        if kind == "string":
            return (words * 50)[: schema["maxLength"]]
        return True

    full = ReviewDraft.model_json_schema()
    defs = full["$defs"]
    text = json.dumps(longest(full), indent=1)
    ReviewDraft.model_validate_json(text)
    used = count_tokens(text, get_tokenizer(smollm2_gguf))
    assert used < AgentContext(project=Path(".")).review_max_tokens, used


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


def test_one_expert_played_five_times_is_one_expert_and_two_unassessed(tmp_path: Path) -> None:
    data = json.loads(REVIEW)
    data["experts"] = [dict(data["experts"][0], risks=[f"risk {n} to criteria"]) for n in range(5)]
    data["suggestions"] = ["Name one more edge case for the criteria"] * 2
    result = run_review(tmp_path, ScriptedChatModel(script={"review": [json.dumps(data)]}), [])
    assert [e.name for e in result.experts] == ["Expert 1", *PANEL[:2]]
    assert result.experts[0].risks == ["risk 0 to criteria"]
    assert result.experts[1].inadequate_pass.startswith("not assessed")
    assert result.suggestions == ["Name one more edge case for the criteria"]


def test_raw_control_characters_inside_strings_are_read(tmp_path: Path) -> None:
    """Small models write raw tabs and newlines inside JSON strings: read, then flattened."""
    text = REVIEW.replace('"scripted reviewer"', '"scripted\\treviewer"').replace("\\t", "\t")
    assert "\t" in text
    result = run_review(tmp_path, ScriptedChatModel(script={"review": [text]}), [])
    assert not result.reviewer.startswith("none")
    assert result.experts[0].role == "scripted reviewer"  # one line, for chat and terminal


def test_token_soup_and_contradictions_are_not_assessed(tmp_path: Path) -> None:
    """The demo model's real failures: a tick with a note that says the opposite, a
    suggestion made of an identifier, an expert who writes noise."""
    data = json.loads(REVIEW)
    data["checks"] = [
        {"ok": True, "note": "No category weights"},
        {"ok": True, "note": "xkq zzv brrrt fnord"},
        {"ok": True, "note": "Bananas taste sweet today"},
    ]
    data["suggestions"] = ["misp-users_25cwgf3nkjdzvpqrngbwlhx criteria", "Add a safety gate"]
    data["experts"][0]["missed_users"] = "qwrtzp_9x8c7v6b5n4m3"
    result = run_review(tmp_path, ScriptedChatModel(script={"review": [json.dumps(data)]}), [])
    notes = [c.note for c in result.checklist[:3]]
    assert not any(c.ok for c in result.checklist[:3])
    assert "says otherwise" in notes[0]
    assert "not language" in notes[1]
    assert "mentions nothing in the draft" in notes[2]
    assert result.suggestions == ["Add a safety gate"]
    assert result.withheld and "not language" in result.withheld[0]
    assert result.experts[0].missed_users.startswith("not assessed")
    assert result.verdict == "CONCERNS"


def test_the_embedded_demo_model_does_not_review(tmp_path: Path, smollm2_gguf) -> None:
    """No model call at all: the checklist is unassessed, the validators' fixes remain."""
    warning = Issue(file="config/rubric.yaml", severity="warning", code="rubric.x", message="m")
    result = run_review(tmp_path, None, [warning])
    assert result.reviewer.startswith("validators only")
    assert result.experts == [] and "panel not run" in result.withheld[0]
    assert all(c.note.startswith("not assessed") for c in result.checklist)
    assert result.suggestions == ["Fix rubric.x: m"]
