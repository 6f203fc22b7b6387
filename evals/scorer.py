"""The scorer: the rubric judge plus code-computed facts, scored by tools.scoring.

For each conversation every applicable criterion (its `min_turns` reached) gets
one judge call with the whole conversation, the counted facts and that
criterion's calibration examples. A judge that still fails after the model
layer's repair-and-retry yields an ERROR answer with the reason: ERROR counts as
a fail, so a broken judge can never make a model look better. An unreachable
endpoint is not a verdict: it stops the run (finished work is checkpointed).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping

from pydantic import BaseModel

from ftdesign.evals.facts import conversation_facts
from ftdesign.evals.judge_prompt import Verdict, judge_messages
from ftdesign.evals.transcript import Transcript
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.schemas.rubric import Answer, Rubric
from ftdesign.tools.scoring import ScoreResult, score

# (messages, request key) -> Verdict; raises FtdesignError when no valid verdict came back.
JudgeCall = Callable[[list[dict[str, str]], str], Awaitable[Verdict]]


class Judgment(BaseModel):
    """One criterion's verdict on one conversation, with the judge's evidence."""

    criterion: str
    answer: Answer
    evidence: str = ""
    error: str | None = None


def applicable(rubric: Rubric, exchanges: int) -> list[str]:
    """Criteria a conversation of `exchanges` exchanges can be judged on, in rubric order."""
    return [
        cid
        for cid, criterion in rubric.criteria.items()
        if criterion.min_turns is None or exchanges >= criterion.min_turns
    ]


def endpoint_failed(error: FtdesignError) -> bool:
    """True when the judge could not be reached at all (no point judging further)."""
    import openai

    cause = error.__cause__
    unreachable = (openai.APIConnectionError, openai.AuthenticationError, openai.NotFoundError)
    return isinstance(cause, unreachable)


async def ask(judge: JudgeCall, messages: list[dict[str, str]], cid: str, key: str) -> Judgment:
    """One verdict, or an ERROR judgment saying why none could be had."""
    try:
        verdict = await judge(messages, key)
    except FtdesignError as error:
        if endpoint_failed(error):
            raise
        return Judgment(criterion=cid, answer="ERROR", error=error.message)
    return Judgment(criterion=cid, answer=verdict.verdict, evidence=verdict.evidence.strip())


async def judge_transcript(
    rubric: Rubric,
    transcript: Transcript,
    phrases: list[str],
    judge: JudgeCall,
    known: Mapping[str, Judgment] | None = None,
    on_judgment: Callable[[Judgment], object] | None = None,
) -> list[Judgment]:
    """Judge every applicable criterion in turn; `known` ones (a resumed run) are reused.

    Criteria go one after another, not in parallel: consecutive prompts then share
    the conversation prefix, which the server keeps cached.
    """
    known = known or {}
    conversation = transcript.render()
    facts = conversation_facts(transcript, phrases).render()
    judgments = []
    for cid in applicable(rubric, transcript.exchanges):
        judgment = known.get(cid)
        if judgment is None:
            messages = judge_messages(conversation, facts, cid, rubric.criteria[cid])
            judgment = await ask(judge, messages, cid, f"{transcript.scenario_id}/{cid}")
            if on_judgment is not None:
                on_judgment(judgment)
        judgments.append(judgment)
    return judgments


def score_judgments(rubric: Rubric, judgments: list[Judgment], exchanges: int) -> ScoreResult:
    return score(rubric, {j.criterion: j.answer for j in judgments}, turns=exchanges)
