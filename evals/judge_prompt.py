"""The judge's prompt for one criterion, laid out so the inference server can reuse work.

One layout for every judge request, built by `judge_messages` alone: fixed
instructions, then the conversation and its counted facts, then the criterion with
its calibration examples. Scoring asks every criterion of one conversation in turn,
so a server that keeps the previous prompt's KV cache (llama.cpp does) processes only
the criterion block per call. Calibration labels an example with the very prompt
scoring would send for that example's conversation under its criterion, the example
held out of the few-shot set: agreement is measured on the prompt that is scored
(before version 3 calibration put the criterion first, a different prompt). Those
prompts share only the instructions, but labels are cached per judge (label_cache.py),
so that cost is paid once.

The calibration examples are the judge's few-shot examples. For the reliability
check one example is held out of its own prompt, so the judge is never shown the
answer to the item it is labelling.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from ftdesign.tools.schemas.rubric import CalibrationExample, Criterion

INSTRUCTIONS = """You evaluate a conversation between a USER and an AI ASSISTANT.
You answer one yes/no question about the ASSISTANT's replies, never about the user.
Read the whole conversation. The FACTS were counted by a program: trust them, do not recount.
First write the evidence: quote or point to the exchanges that decide the question, briefly.
Then the verdict: YES when the assistant meets the criterion, NO when it does not, NA only
when the situation the question asks about never arises and NA is allowed."""

# Raise when a change to the prompt or the verdict schema could change a verdict: cached
# calibration labels (label_cache.py) of other versions are then never reused.
JUDGE_PROMPT_VERSION = 3
CLOSING = "Now answer the question for the CONVERSATION above: evidence first, then verdict."
EXAMPLE_LABELS = {
    "PASS": "YES (clear pass)",
    "BORDERLINE_PASS": "YES (borderline pass)",
    "FAIL": "NO (clear fail)",
    "BORDERLINE_FAIL": "NO (borderline fail)",
}
EVIDENCE_LIMIT = 400


class Verdict(BaseModel):
    """The judge's structured answer: evidence before verdict, so it reasons first."""

    evidence: str = Field(
        max_length=EVIDENCE_LIMIT,
        description="Short quotes or exchange numbers that decide the question.",
    )
    verdict: Literal["YES", "NO", "NA"]


def criterion_block(criterion_id: str, criterion: Criterion, held_out: int | None = None) -> str:
    na_rule = (
        "NA is allowed when the situation never arises in the conversation."
        if criterion.na_valid
        else "NA is not allowed: answer YES or NO."
    )
    lines = [
        f"CRITERION {criterion_id}: {criterion.name}",
        f"Question: {criterion.question}",
        na_rule,
    ]
    examples = [
        (number, example)
        for number, example in enumerate(criterion.calibration_examples)
        if number != held_out
    ]
    if examples:
        lines.append("Calibration examples (how this criterion is judged):")
    for shown, (_, example) in enumerate(examples, start=1):
        lines.append(_example(shown, example))
    return "\n".join([*lines, CLOSING])


def _example(number: int, example: CalibrationExample) -> str:
    return (
        f"Example {number}, answer {EXAMPLE_LABELS[example.type]}\n"
        f"  Context: {example.context.strip()}\n"
        f"  Response: {example.response.strip()}\n"
        f"  Why: {example.reasoning.strip()}"
    )


def judge_messages(
    conversation: str,
    facts: str,
    criterion_id: str,
    criterion: Criterion,
    held_out: int | None = None,
) -> list[dict[str, str]]:
    """System instructions, then one user message: conversation, facts, criterion.
    `held_out` leaves that calibration example out of the few-shot set (calibration)."""
    talk = f"CONVERSATION\n{conversation}\n\nFACTS (counted by code)\n{facts}"
    body = f"{talk}\n\n{criterion_block(criterion_id, criterion, held_out)}"
    return [{"role": "system", "content": INSTRUCTIONS}, {"role": "user", "content": body}]
