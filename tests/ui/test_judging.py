"""Which examples are proposed, and the real judge and agent models on the workshop's calls."""

from __future__ import annotations

import asyncio

import pytest

from ftdesign.agent.ui.calibration.judging import (
    Proposals,
    check,
    propose,
    subjective,
    typed,
    wanted_types,
)
from ftdesign.tools.schemas.rubric import CalibrationExample, Criterion

EMPATHY = Criterion(
    name="Acknowledges frustration",
    question="Does the assistant acknowledge"
    " the customer's frustration in a genuine, non-scripted way?",
)
ORDER_ID = Criterion(
    name="Asks for the order number",
    question="Does the assistant ask for the order number before looking anything up?",
)


def example(kind, response):
    return CalibrationExample(
        type=kind,
        context="Customer: where is my order? I'm furious.",
        response=response,
        reasoning="see the reply",
    )


@pytest.mark.parametrize(
    ("criterion", "expected"),
    [
        (EMPATHY, ["PASS", "FAIL", "BORDERLINE_PASS", "BORDERLINE_FAIL"]),
        (ORDER_ID, ["PASS", "FAIL"]),
    ],
)
def test_borderline_examples_only_for_judgement_calls(criterion, expected):
    assert subjective(criterion) == (len(expected) == 4)
    assert wanted_types(criterion) == expected


def test_proposals_are_pinned_to_the_labels_asked_for():
    found = Proposals(examples=[example("FAIL", "a"), example("FAIL", "b"), example("PASS", "c")])
    fixed = typed(["PASS", "FAIL"])(found)
    assert [e.type for e in fixed.examples] == ["PASS", "FAIL"]
    assert [e.response for e in fixed.examples] == ["a", "b"]


@pytest.fixture(scope="module")
def run():
    """One event loop for the module: the model layer keeps async clients per loop."""
    with asyncio.Runner() as runner:
        yield runner.run


@pytest.mark.slow
def test_the_embedded_judge_labels_an_example(tmp_path, run):
    result = run(
        check(
            "ORD1",
            ORDER_ID,
            [],
            example(
                "PASS", "Sorry about that! Could you tell me your order number so I can check?"
            ),
            tmp_path,
        )
    )
    assert result.verdict in ("YES", "NO", "NA"), result.evidence
    assert isinstance(result.evidence, str)


@pytest.mark.slow
def test_the_embedded_agent_proposes_examples_with_the_wanted_labels(tmp_path, run):
    found = run(propose("ORD1", ORDER_ID, "customer support for an online shop", tmp_path))
    assert 1 <= len(found) <= 2
    assert [e.type for e in found] == ["PASS", "FAIL"][: len(found)]
    assert all(e.context.strip() and e.response.strip() for e in found)
