"""The two model calls of the workshop: the agent proposes examples, the judge labels them.

The judge is the evaluation's own judge (evals.calls.make_judge, the same prompt the
scorer uses), shown the criterion's other kept examples and not the one it labels, so
its verdict says how the criterion reads, not what the label says. Proposals ask for a
clear PASS and FAIL, plus borderline ones when the criterion calls for judgement.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from pydantic import BaseModel, Field

from ftdesign.agent.ui.calibration.workshop import Check
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.schemas.rubric import CalibrationExample, Criterion, ExampleType

# Words of a criterion that call for judgement rather than counting or checking presence.
JUDGEMENT = re.compile(
    r"appropriat|warm|empath|tone|natural|clear|respect|supportive|judg|genuine|helpful|validat"
    r"|acknowledg|tentative|curious|concise|friendly|patien|adequate|reasonabl|relevan"
    r"|sensitiv|encourag|kind|compassion|polite|engag|thoughtful|quality|honest|calm",
    re.IGNORECASE,
)
PROPOSAL_TOKENS = 1400


def subjective(criterion: Criterion) -> bool:
    return bool(JUDGEMENT.search(f"{criterion.name} {criterion.question}"))


def wanted_types(criterion: Criterion) -> list[ExampleType]:
    borderline: list[ExampleType] = ["BORDERLINE_PASS", "BORDERLINE_FAIL"]
    return ["PASS", "FAIL", *(borderline if subjective(criterion) else [])]


class Proposals(BaseModel):
    examples: list[CalibrationExample] = Field(min_length=1, max_length=4)


def typed(wanted: list[ExampleType]) -> Callable[[Proposals], Proposals]:
    """Pin each proposal to the label asked for in its position (small models mix them up)."""

    def repair(found: Proposals) -> Proposals:
        pinned = [
            e.model_copy(update={"type": t}) for e, t in zip(found.examples, wanted, strict=False)
        ]
        return Proposals(examples=pinned)

    return repair


def proposal_messages(
    cid: str, criterion: Criterion, domain: str, wanted: list[ExampleType]
) -> list[dict[str, str]]:
    labels = ", ".join(wanted)
    return [
        {
            "role": "system",
            "content": "You write calibration examples for a yes/no rubric"
            " criterion that a judge model uses to grade an AI assistant. Reply with JSON only.",
        },
        {
            "role": "user",
            "content": (
                f"Domain: {domain or 'not stated'}\nCriterion {cid}: {criterion.name}\n"
                f"Question: {criterion.question}\n\nWrite {len(wanted)} examples, in this order of"
                f" labels: {labels}. PASS means the reply clearly meets the criterion, FAIL clearly"
                " not; BORDERLINE_PASS barely meets it, BORDERLINE_FAIL barely misses it.\nEach"
                ' example: {"type": label, "context": what the user said, "response": the'
                ' assistant reply being judged, "reasoning": why the label is right}.\n'
                'Answer as {"examples": [...]}.'
            ),
        },
    ]


async def propose(
    cid: str, criterion: Criterion, domain: str, project: Path
) -> list[CalibrationExample]:
    """Examples from the agent role; FtdesignError when the model cannot produce valid ones.
    Asked through the agent's own call (agent.llm), so a model plugged in for the agent
    role (models.use_models) serves the workshop too."""
    from langchain_core.messages.utils import convert_to_messages

    from ftdesign.agent.context import AgentContext
    from ftdesign.agent.llm import ask_structured

    wanted = wanted_types(criterion)
    messages = convert_to_messages(proposal_messages(cid, criterion, domain, wanted))
    found = await ask_structured(
        AgentContext(project=project), Proposals, messages, PROPOSAL_TOKENS, typed(wanted)
    )
    return found.examples


def check_messages(
    cid: str,
    criterion: Criterion,
    others: list[CalibrationExample],
    example: CalibrationExample,
    project: Path,
) -> list[dict[str, str]]:
    """The judge prompt for one example: the very prompt gate 7's calibration sends for it
    (the project's avoid list, the other examples as the few-shot set)."""
    from ftdesign.evals.facts import conversation_facts
    from ftdesign.evals.judge_prompt import judge_messages
    from ftdesign.evals.project import project_avoid_phrases
    from ftdesign.evals.reliability import example_transcript

    transcript = example_transcript(cid, 0, example)
    facts = conversation_facts(transcript, project_avoid_phrases(project)).render()
    shown = criterion.model_copy(update={"calibration_examples": others})
    return judge_messages(transcript.render(), facts, cid, shown)


async def check(
    cid: str,
    criterion: Criterion,
    others: list[CalibrationExample],
    example: CalibrationExample,
    project: Path,
) -> Check:
    """The judge's verdict on one example, with the other examples as its few-shot set."""
    from ftdesign.evals.calls import make_judge

    messages = check_messages(cid, criterion, others, example, project)
    try:
        verdict = await make_judge(project, {}, None)(messages, f"workshop/{cid}")
    except FtdesignError as error:
        return Check(verdict="ERROR", evidence=str(error).splitlines()[0])
    return Check(verdict=verdict.verdict, evidence=screened_evidence(verdict.evidence, messages))


def screened_evidence(evidence: str, messages: list[dict[str, str]]) -> str:
    """The judge's reasoning, or "not assessed" and why when it is noise or its own
    instructions given back (a small judge echoes the schema's field description)."""
    from ftdesign.agent.sanity import rejection
    from ftdesign.evals.judge_prompt import Verdict

    prompt = "\n".join(m["content"] for m in messages)
    instructions = f"{messages[0]['content']}\n{Verdict.model_json_schema()}"
    reason = rejection(evidence.strip(), prompt, instructions, "the example or the criterion")
    return f"not assessed: {reason}" if reason else evidence.strip()
