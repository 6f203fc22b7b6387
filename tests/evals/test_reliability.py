"""Judge reliability on the rubric's calibration examples."""

from __future__ import annotations

import asyncio
import os

import pytest
import yaml
from eval_fakes import DOMAIN

from ftdesign.evals.judge_prompt import Verdict
from ftdesign.evals.reliability import Label, agreement, label_examples
from ftdesign.evals.scorer import Judgment
from ftdesign.tools.schemas import Rubric
from ftdesign.tools.schemas.rubric import Answer


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return Rubric.from_data(yaml.safe_load((DOMAIN / "config" / "rubric.yaml").read_text()))


def label(cid: str, expected: str, answer: Answer, index: int = 0) -> Label:
    return Label(
        criterion=cid,
        example=index,
        expected=expected,
        judgment=Judgment(criterion=cid, answer=answer),
    )


def test_every_example_is_labelled_once_and_held_out_of_its_own_prompt(rubric):
    seen: list[tuple[list[dict[str, str]], str]] = []

    async def judge(messages, key):
        seen.append((messages, key))
        return Verdict(evidence="-", verdict="YES")

    labels = asyncio.run(label_examples(rubric, [], judge))
    total = sum(len(c.calibration_examples) for c in rubric.criteria.values())
    assert len(labels) == len(seen) == total
    asked = {key: messages for messages, key in seen}
    for lab in labels:
        messages = asked[f"calibration/{lab.criterion}/{lab.example}"]
        criterion = rubric.criteria[lab.criterion]
        example = criterion.calibration_examples[lab.example]
        body = messages[-1]["content"]
        # The scoring layout: the example's conversation, then the criterion and the others.
        conversation, block = body.split(f"\n\nCRITERION {lab.criterion}:")
        assert conversation.startswith("CONVERSATION\n")
        assert example.response.strip() in conversation  # the item being labelled
        assert example.reasoning.strip() not in block  # its answer is not shown
        others = [e for i, e in enumerate(criterion.calibration_examples) if i != lab.example]
        assert all(e.reasoning.strip() in block for e in others)
        assert lab.expected == ("YES" if example.type.endswith("PASS") else "NO")


def test_agreement_per_criterion_and_overall_by_hand():
    labels = [
        label("A", "YES", "YES"),
        label("A", "NO", "NO"),
        label("A", "YES", "NO"),
        label("A", "NO", "NO"),
        label("B", "YES", "YES"),
        label("B", "NO", "NA"),
        label("B", "NO", "ERROR"),
        label("B", "YES", "YES"),
        label("C", "YES", "YES"),
        label("C", "NO", "NO"),
    ]
    result = agreement(labels, threshold=0.75)
    by_id = {c.criterion: c for c in result.criteria}
    # A: 3/4 agree; expected YES,NO,YES,NO vs got YES,NO,NO,NO:
    # p_o = .75, p_e = (2*1 + 2*3)/16 = .5, kappa = .5
    assert by_id["A"].accuracy == 0.75 and by_id["A"].kappa == pytest.approx(0.5)
    assert by_id["A"].trusted
    # B: 2/4; NA and ERROR never match an expected label
    assert by_id["B"].accuracy == 0.5 and not by_id["B"].trusted
    assert by_id["C"].accuracy == 1.0 and by_id["C"].kappa == pytest.approx(1.0)
    assert result.untrusted == ["B"]
    assert result.n == 10 and result.accuracy == pytest.approx(0.7)
    # overall: expected YES x5, NO x5; got YES 4, NO 4, NA 1, ERROR 1
    # p_e = (5*4 + 5*4)/100 = .4 -> kappa = (.7 - .4) / .6 = .5
    assert result.kappa == pytest.approx(0.5)


def test_known_labels_are_not_asked_again(rubric):
    calls = []

    async def judge(messages, key):
        calls.append(key)
        return Verdict(evidence="-", verdict="NO")

    first = asyncio.run(label_examples(rubric, [], judge, only=["UND1"]))
    known = {(x.criterion, x.example): x for x in first[:2]}
    calls.clear()
    again = asyncio.run(label_examples(rubric, [], judge, known, only=["UND1"]))
    assert again == first and len(calls) == len(first) - 2


def test_held_out_prompts_go_in_the_order_that_shares_the_longest_prefix(rubric):
    """Sorted by text: each prompt shares with the one before it at least as long a
    prefix as with any other still to come (what a one-slot server cache can reuse)."""
    seen: list[str] = []

    async def judge(messages, key):
        seen.append("\n".join(m["content"] for m in messages))
        return Verdict(evidence="-", verdict="YES")

    asyncio.run(label_examples(rubric, [], judge, only=["UND1", "NAT1"]))
    assert seen == sorted(seen) and len(seen) > 2
    # Prompts open with the example's conversation (the scoring layout), so neighbours share
    # the instructions and whatever their conversations have in common, no more.
    for i in range(1, len(seen) - 1):
        after = max(len(os.path.commonprefix([seen[i - 1], later])) for later in seen[i:])
        assert len(os.path.commonprefix(seen[i - 1 : i + 1])) == after
