"""Reading replies by rule: the explicit forms never need the model."""

from __future__ import annotations

import pytest

from ftdesign.agent.replies import classify_by_rules, from_button, step_named

CASES = [
    # (reply, step, kind, target, text)
    ("approve", "rubric", "approve", None, ""),
    ("Looks good!", "rubric", "approve", None, ""),
    (
        "approve: weights match our ticket mix",
        "rubric",
        "approve",
        None,
        "weights match our ticket mix",
    ),
    ("yes but lower the edge cases", "rubric", "unclear", None, "yes but lower the edge cases"),
    ("skip: no GPU until March", "baseline_eval", "skip", None, "no GPU until March"),
    ("skip", "prompts", "skip", None, ""),
    ("back to rubric", "personas", "back", "rubric", "rubric"),
    ("go back to the persona template", "prompts", "back", "personas", "persona template"),
    ("back", "rubric", "back", None, ""),
    ("back to model choice", "rubric", "back", "model_choice", "model choice"),
    ("apply 2", "rubric", "apply", None, ""),
    ("apply all", "rubric", "apply", None, ""),
    ("How many calibration examples do I need?", "rubric", "question", None, None),
    ("why 15 percent", "taxonomy", "question", None, None),
    ("Can you add a billing topic?", "taxonomy", "change", None, None),
    ("make the terse style rarer", "personas", "unclear", None, None),
    ("```yaml\ntaxonomy:\n  topics: []\n```", "taxonomy", "paste", None, "taxonomy:\n  topics: []"),
    ("# Assistant\n\nBe brief.\nAvoid jargon.", "prompts", "paste", None, None),
    ("hardware: 1x A10G 24 GB", "intake", "paste", None, "hardware: 1x A10G 24 GB"),
    ("hardware: 1x A10G 24 GB", "taxonomy", "change", None, None),
    ("tokens_per_exchange: 400", "token_economics", "change", None, "tokens_per_exchange: 400"),
    ("ceiling: 8192, examples: 2000", "token_economics", "change", None, None),
    ("note: shorter, please", "prompts", "unclear", None, None),
]


@pytest.mark.parametrize(("text", "step", "kind", "target", "body"), CASES)
def test_rules(text: str, step: str, kind: str, target: str | None, body: str | None) -> None:
    reply = classify_by_rules(text, step)  # type: ignore[arg-type]
    assert (reply.kind, reply.target) == (kind, target)
    if body is not None:
        assert reply.text == body


def test_apply_numbers() -> None:
    assert classify_by_rules("apply 1, 3 and 4", "rubric").suggestions == [1, 3, 4]


@pytest.mark.parametrize(
    ("name", "step"),
    [
        ("tokens", "token_economics"),
        ("eval", "baseline_eval"),
        ("Input Taxonomy", "taxonomy"),
        ("nonsense", None),
    ],
)
def test_step_names(name: str, step: str | None) -> None:
    assert step_named(name) == step


def test_buttons() -> None:
    reply = from_button({"action": "back", "target": "rubric"})
    assert (reply.kind, reply.target, reply.how) == ("back", "rubric", "button")
    assert from_button({"action": "delete everything"}).kind == "unclear"
