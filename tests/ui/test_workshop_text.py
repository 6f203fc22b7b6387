"""The workshop shows the user's words once and never passes off echoed instructions."""

from __future__ import annotations

import yaml

from ftdesign.agent.ui.calibration.cards import example_card, example_line
from ftdesign.agent.ui.calibration.judging import screened_evidence
from ftdesign.agent.ui.calibration.workshop import Item
from ftdesign.evals.judge_prompt import judge_messages
from ftdesign.knowledge.domains import domain_artifact
from ftdesign.tools.schemas.rubric import CalibrationExample, Rubric

EXAMPLE = CalibrationExample(
    type="PASS",
    context="User: My sister asks me to babysit every weekend.",
    response="That sounds tiring. What would you like to say to her?",
    reasoning="It asks for the user's own idea.",
)


def test_the_role_prefix_is_shown_once() -> None:
    item = Item(example=EXAMPLE)
    assert "User: My sister" in example_line(1, item)
    assert "User: User:" not in example_line(1, item)
    assert "**User:** My sister" in example_card(item, "Proposed")


def test_the_judge_s_echoed_field_description_is_not_assessed() -> None:
    rubric = Rubric.from_data(yaml.safe_load(domain_artifact("coaching", "rubric")))
    cid, criterion = next(iter(rubric.criteria.items()))
    messages = judge_messages("User: hi\nAssistant: hello", "", cid, criterion)
    echoed = "Short quotes or exchange numbers that decide the question."
    assert screened_evidence(echoed, messages).startswith("not assessed: the model repeated")
    real = "The assistant says hello back to the user and asks nothing about the situation."
    assert screened_evidence(real, messages) == real
