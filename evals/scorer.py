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
# Retry rounds add keywords `attempt` (1, 2, ...) and, after a cut-off, `max_tokens`.
JudgeCall = Callable[..., Awaitable[Verdict]]
# Called with (criterion, request key, messages) right after a verdict was asked (not reused):
# the judge's server still holds that prompt (consistency_phase.beside_first_verdicts).
AfterVerdict = Callable[[str, str, list[dict[str, str]]], Awaitable[None]]
JUDGE_MAX_TOKENS = 256  # evidence is capped at 400 characters; this leaves room for JSON
JUDGE_TOKEN_CEILING = 1024
JUDGE_ROUNDS = 3  # each round is the models layer's own repair-and-retry
CUT_OFF = "cut off at max_tokens"


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
    """One verdict, or an ERROR judgment saying why none could be had in JUDGE_ROUNDS rounds.

    A round that failed because the JSON was cut off gets twice the token limit; any
    other failure gets a fresh round (the judge call samples it differently).
    """
    tokens, problem = JUDGE_MAX_TOKENS, "no attempt made"
    for attempt in range(JUDGE_ROUNDS):
        extra = {"attempt": attempt, "max_tokens": tokens} if attempt else {}
        try:
            verdict = await judge(messages, key, **extra)
        except FtdesignError as error:
            if endpoint_failed(error):
                raise
            problem = error.message
            if CUT_OFF in str(error):
                tokens = min(2 * tokens, JUDGE_TOKEN_CEILING)
            continue
        return Judgment(criterion=cid, answer=verdict.verdict, evidence=verdict.evidence.strip())
    return Judgment(criterion=cid, answer="ERROR", error=f"{problem} (after {JUDGE_ROUNDS} rounds)")


async def judge_transcript(
    rubric: Rubric,
    transcript: Transcript,
    phrases: list[str],
    judge: JudgeCall,
    known: Mapping[str, Judgment] | None = None,
    on_judgment: Callable[[Judgment], object] | None = None,
    after_verdict: AfterVerdict | None = None,
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
            key = f"{transcript.scenario_id}/{cid}"
            judgment = await ask(judge, messages, cid, key)
            if on_judgment is not None:
                on_judgment(judgment)
            if after_verdict is not None and judgment.answer != "ERROR":
                await after_verdict(cid, key, messages)
        judgments.append(judgment)
    return judgments


def score_judgments(rubric: Rubric, judgments: list[Judgment], exchanges: int) -> ScoreResult:
    return score(rubric, {j.criterion: j.answer for j in judgments}, turns=exchanges)
