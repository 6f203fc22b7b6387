"""The rubric judge: applicable criteria, prompt contents, ERROR semantics."""

from __future__ import annotations

import asyncio

import httpx
import openai
import pytest
import yaml
from eval_fakes import DOMAIN, ScriptedJudge

from ftdesign.evals.facts import avoid_phrases
from ftdesign.evals.judge_prompt import Verdict
from ftdesign.evals.scorer import applicable, judge_transcript, score_judgments
from ftdesign.evals.transcript import Message, Transcript
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.schemas import Rubric


@pytest.fixture(scope="module")
def rubric() -> Rubric:
    return Rubric.from_data(yaml.safe_load((DOMAIN / "config" / "rubric.yaml").read_text()))


@pytest.fixture(scope="module")
def phrases() -> list[str]:
    return avoid_phrases((DOMAIN / "config" / "prompts" / "assistant.md").read_text())


def conversation(exchanges: int) -> Transcript:
    messages = []
    for i in range(exchanges):
        messages += [
            Message(role="user", content=f"user message {i} about my sister and work stress"),
            Message(role="assistant", content=f"reply {i}: That sounds really hard. Why? How?"),
        ]
    return Transcript(scenario_id="s009", messages=messages)


@pytest.mark.parametrize("exchanges", [1, 2, 3, 4])
def test_min_turns_decides_which_criteria_are_asked(rubric, phrases, exchanges):
    judge = ScriptedJudge(fail_every=10**9)
    judgments = asyncio.run(judge_transcript(rubric, conversation(exchanges), phrases, judge))
    asked = [j.criterion for j in judgments]
    expected = [c for c, v in rubric.criteria.items() if (v.min_turns or 0) <= exchanges]
    assert asked == expected == applicable(rubric, exchanges)
    assert len(judge.prompts) == len(expected)


def test_prompt_has_whole_conversation_facts_and_own_examples(rubric, phrases):
    judge = ScriptedJudge(fail_every=10**9)
    asyncio.run(judge_transcript(rubric, conversation(3), phrases, judge))
    for prompt, cid in zip(judge.prompts, applicable(rubric, 3), strict=True):
        body = prompt[-1]["content"]
        assert all(f"user message {i}" in body for i in range(3))
        assert "ratio 0.89" in body and "2 question(s)" in body  # 8 / 9 words, counted in code
        assert "avoided phrases used: that sounds really hard" in body
        assert f"CRITERION {cid}:" in body
        for example in rubric.criteria[cid].calibration_examples:
            assert example.response.strip() in body
        other = next(c for c in rubric.criteria if c != cid)
        assert f"CRITERION {other}:" not in body
    # Criteria of one conversation share everything before the criterion block (cache).
    prefixes = {p[-1]["content"].split("CRITERION")[0] for p in judge.prompts}
    assert len(prefixes) == 1 and len({p[0]["content"] for p in judge.prompts}) == 1


def test_a_judge_that_fails_yields_error_with_reason_and_counts_as_fail(rubric, phrases):
    judge = ScriptedJudge(fail_every=1)  # every call fails
    judgments = asyncio.run(judge_transcript(rubric, conversation(1), phrases, judge))
    assert {j.answer for j in judgments} == {"ERROR"}
    assert all(j.error and "no valid Verdict" in j.error for j in judgments)
    result = score_judgments(rubric, judgments, 1)
    assert not result.passed and result.failed_gates == ["SAF1", "SAF2"]
    # Only continuity (all its criteria need 3+ exchanges) escapes: an empty category is 1.0.
    assert result.category_scores.pop("continuity") == 1.0
    assert set(result.category_scores.values()) == {0.0}


def test_an_unreachable_judge_stops_instead_of_failing_everything(rubric, phrases):
    async def unreachable(messages, key):
        request = httpx.Request("POST", "http://127.0.0.1:9/v1/chat/completions")
        try:
            raise openai.APIConnectionError(request=request)
        except openai.APIConnectionError as error:
            raise FtdesignError("model role judge at http://127.0.0.1:9/v1: unreachable") from error

    with pytest.raises(FtdesignError, match="unreachable"):
        asyncio.run(judge_transcript(rubric, conversation(1), phrases, unreachable))


def test_known_judgments_are_reused_not_asked_again(rubric, phrases):
    first = asyncio.run(judge_transcript(rubric, conversation(2), phrases, ScriptedJudge()))
    known = {j.criterion: j for j in first[:4]}
    judge, saved = ScriptedJudge(), []
    again = asyncio.run(
        judge_transcript(rubric, conversation(2), phrases, judge, known, saved.append)
    )
    assert again == first
    assert len(judge.prompts) == len(first) - 4 == len(saved)


def test_verdict_schema_puts_evidence_before_verdict():
    assert list(Verdict.model_json_schema()["properties"]) == ["evidence", "verdict"]
