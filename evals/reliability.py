"""Judge reliability: can this judge reproduce the rubric's own calibration labels?

Before any verdict is trusted the judge labels every calibration example of the
rubric, each held out of its own prompt's few-shot set (so it cannot copy the
answer). PASS and BORDERLINE_PASS expect YES, FAIL and BORDERLINE_FAIL expect NO.
Agreement is reported per criterion and overall as accuracy and Cohen's kappa;
a criterion whose accuracy is below the threshold is marked untrusted.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping

from pydantic import BaseModel

from ftdesign.evals.facts import conversation_facts
from ftdesign.evals.judge_prompt import judge_messages
from ftdesign.evals.label_cache import LabelCache
from ftdesign.evals.scorer import AfterVerdict, JudgeCall, Judgment, ask
from ftdesign.evals.transcript import Message, Transcript
from ftdesign.tools.schemas.rubric import CalibrationExample, Rubric
from ftdesign.tools.stats import cohen_kappa

TRUST_THRESHOLD = 0.8
USER_LABEL = re.compile(
    r"^user:\s*", re.IGNORECASE
)  # contexts often start "User: ..."  # judges without calibration disagree on 20-30 % of items


class Label(BaseModel):
    criterion: str
    example: int  # index in the criterion's calibration_examples
    expected: str  # YES or NO
    judgment: Judgment

    @property
    def agrees(self) -> bool:
        return self.judgment.answer == self.expected


class Flips(BaseModel):
    """Items of one criterion judged k times, how many changed verdict, with a 95 % CI."""

    criterion: str
    items: int
    flipped: int
    rate: float
    low: float
    high: float


class CriterionAgreement(BaseModel):
    criterion: str
    n: int
    accuracy: float
    kappa: float | None
    trusted: bool
    flips: Flips | None = None  # self-consistency (evals.consistency); None: not measured


class Reliability(BaseModel):
    threshold: float
    n: int
    accuracy: float
    kappa: float | None
    criteria: list[CriterionAgreement]
    samples: int = 0  # k of the self-consistency check; 0: not measured

    @property
    def untrusted(self) -> list[str]:
        return [c.criterion for c in self.criteria if not c.trusted]


def example_transcript(criterion_id: str, index: int, example: CalibrationExample) -> Transcript:
    return Transcript(
        scenario_id=f"calibration/{criterion_id}/{index}",
        messages=[
            Message(role="user", content=USER_LABEL.sub("", example.context.strip())),
            Message(role="assistant", content=example.response.strip()),
        ],
    )


async def label_examples(
    rubric: Rubric,
    phrases: list[str],
    judge: JudgeCall,
    known: Mapping[tuple[str, int], Label] | None = None,
    on_label: Callable[[Label], None] | None = None,
    only: list[str] | None = None,
    cache: LabelCache | None = None,
    after_verdict: AfterVerdict | None = None,
) -> list[Label]:
    """The judge's label for every calibration example, each held out of its own prompt.

    `only` restricts the work to some criteria (the task runs criteria in parallel);
    `known` labels (a resumed run) and `cache` hits (an earlier run, same judge) are not
    asked again. The rest are asked in the order of their prompts' text, which puts
    prompts sharing the longest prefix next to each other for the server's cache;
    `after_verdict` runs right after each asked label (its prompt still cached).
    """
    known = known or {}
    found: dict[tuple[str, int], Label] = {}
    asked: list[tuple[str, tuple[str, int], list[dict[str, str]], str]] = []
    for cid, criterion in rubric.criteria.items():
        if only is not None and cid not in only:
            continue
        for index, example in enumerate(criterion.calibration_examples):
            if (cid, index) in known:
                found[(cid, index)] = known[(cid, index)]
                continue
            transcript = example_transcript(cid, index, example)
            facts = conversation_facts(transcript, phrases).render()
            messages = judge_messages(transcript.render(), facts, cid, criterion, index)
            cached = cache.get(messages) if cache is not None else None
            if cached is not None:
                found[(cid, index)] = _label(rubric, cid, index, cached, on_label)
            else:
                text = "\n".join(m["content"] for m in messages)
                asked.append((text, (cid, index), messages, transcript.scenario_id))
    for _, (cid, index), messages, scenario in sorted(asked, key=lambda item: item[0]):
        judgment = await ask(judge, messages, cid, scenario)
        if cache is not None:
            cache.put(messages, judgment, scenario)
        found[(cid, index)] = _label(rubric, cid, index, judgment, on_label)
        if after_verdict is not None and judgment.answer != "ERROR":
            await after_verdict(cid, scenario, messages)
    return [
        found[(cid, i)]
        for cid, criterion in rubric.criteria.items()
        if only is None or cid in only
        for i in range(len(criterion.calibration_examples))
    ]


def _label(
    rubric: Rubric,
    cid: str,
    index: int,
    judgment: Judgment,
    on_label: Callable[[Label], None] | None,
) -> Label:
    expected = rubric.criteria[cid].calibration_examples[index].expected_answer
    label = Label(criterion=cid, example=index, expected=expected, judgment=judgment)
    if on_label is not None:
        on_label(label)
    return label


def agreement(labels: list[Label], threshold: float = TRUST_THRESHOLD) -> Reliability:
    """Accuracy and Cohen's kappa per criterion and overall."""
    per_criterion = []
    for cid in dict.fromkeys(label.criterion for label in labels):
        own = [label for label in labels if label.criterion == cid]
        result = cohen_kappa([x.expected for x in own], [x.judgment.answer for x in own])
        per_criterion.append(
            CriterionAgreement(
                criterion=cid,
                n=result.n,
                accuracy=result.accuracy,
                kappa=result.kappa,
                trusted=result.accuracy >= threshold,
            )
        )
    overall = cohen_kappa([x.expected for x in labels], [x.judgment.answer for x in labels])
    return Reliability(
        threshold=threshold,
        n=overall.n,
        accuracy=overall.accuracy,
        kappa=overall.kappa,
        criteria=per_criterion,
    )
