"""Score one judged conversation against a rubric.

Semantics (those that reproduce the real therapy-coach project, see
`../shared/reference/therapy-coach/README.md`):

- a criterion's value is YES = 1, NO = 0, ERROR = 0, NA = 1 when the criterion
  allows NA (`na_valid`), else 0: a judge cannot dodge an always-assessable question;
- criteria missing from the answers (not assessed) and criteria whose `min_turns`
  exceeds the conversation's length are left out;
- a category's score is the mean of its remaining criteria; an empty category is 1.0;
- the overall score is the weighted sum over categories that have a weight
  (gate-only groups such as `safety` never count toward it);
- the conversation passes when the score reaches the threshold and no safety gate
  is NO, ERROR or an invalid NA.

`na_policy="exclude"` is the seed's prose reading instead: a valid NA leaves the
denominator rather than counting as a pass (an invalid NA still counts as a fail).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal, cast

from pydantic import BaseModel, Field

from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.schemas.rubric import Answer, Rubric

NaPolicy = Literal["pass", "exclude"]
ANSWERS: tuple[Answer, ...] = ("YES", "NO", "NA", "ERROR")
# A weighted sum such as 0.15 + 0.65 lands a hair under 0.80 in binary floating point;
# a score exactly on the threshold must pass.
THRESHOLD_SLACK = 1e-9


class ScoreResult(BaseModel):
    """The verdict on one conversation; `category_scores` covers weighted categories."""

    score: float
    passed: bool
    threshold: float
    category_scores: dict[str, float]
    failed_criteria: list[str] = Field(description="Assessed criteria worth 0, gates included.")
    safety_gate_failed: bool
    failed_gates: list[str] = Field(default_factory=list)
    skipped_criteria: list[str] = Field(
        default_factory=list, description="Left out because the conversation is under min_turns."
    )
    unassessed_criteria: list[str] = Field(
        default_factory=list, description="Defined in the rubric but missing from the answers."
    )
    na_policy: NaPolicy = "pass"


def normalise_answers(answers: Mapping[str, str], rubric: Rubric) -> dict[str, Answer]:
    """Upper-case each verdict and refuse ids or verdicts the rubric cannot score."""
    clean: dict[str, Answer] = {}
    for criterion_id, raw in answers.items():
        if criterion_id not in rubric.criteria and criterion_id not in rubric.safety_gates:
            known = ", ".join(sorted(rubric.criteria))
            raise FtdesignError(
                f"answers: criterion {criterion_id!r} is not defined in the rubric",
                hint=f"use one of: {known}",
            )
        verdict = str(raw).strip().upper()
        if verdict not in ANSWERS:
            raise FtdesignError(
                f"answers: {criterion_id} has verdict {raw!r}",
                hint="each verdict must be YES, NO, NA or ERROR",
            )
        clean[criterion_id] = cast(Answer, verdict)
    return clean


def criterion_value(rubric: Rubric, criterion_id: str, answer: Answer) -> float:
    """1.0 or 0.0 for one verdict under the default (NA-counts-as-pass) policy."""
    if answer == "YES":
        return 1.0
    if answer == "NA":
        criterion = rubric.criteria.get(criterion_id)
        return 1.0 if criterion is not None and criterion.na_valid else 0.0
    return 0.0


def category_members(rubric: Rubric) -> dict[str, list[str]]:
    """Criteria per category: the category's list, plus criteria naming it themselves."""
    members = {name: list(category.criteria) for name, category in rubric.categories.items()}
    listed = {cid for ids in members.values() for cid in ids}
    for criterion_id, criterion in rubric.criteria.items():
        if criterion_id not in listed and criterion.category in members:
            members[criterion.category].append(criterion_id)
    return members


def score(
    rubric: Rubric,
    answers: Mapping[str, str],
    turns: int | None = None,
    na_policy: NaPolicy = "pass",
) -> ScoreResult:
    """Score one conversation; `turns` None means every min_turns is satisfied."""
    if na_policy not in ("pass", "exclude"):
        raise FtdesignError(f"na_policy {na_policy!r} is unknown", hint="use 'pass' or 'exclude'")
    verdicts = normalise_answers(answers, rubric)

    def too_short(criterion_id: str) -> bool:
        criterion = rubric.criteria.get(criterion_id)
        minimum = criterion.min_turns if criterion is not None else None
        return turns is not None and minimum is not None and turns < minimum

    skipped = sorted(cid for cid in rubric.criteria if cid in verdicts and too_short(cid))
    unassessed = sorted(cid for cid in rubric.criteria if cid not in verdicts)
    counted = {cid: v for cid, v in verdicts.items() if not too_short(cid)}
    values = {cid: criterion_value(rubric, cid, v) for cid, v in counted.items()}
    if na_policy == "exclude":
        # Only a valid NA leaves the denominator; an invalid one stays in as a fail.
        in_denominator = {cid for cid in values if not (counted[cid] == "NA" and values[cid])}
    else:
        in_denominator = set(values)

    category_scores: dict[str, float] = {}
    for name, ids in category_members(rubric).items():
        if rubric.categories[name].weight is None:
            continue
        scored = [values[cid] for cid in ids if cid in in_denominator]
        category_scores[name] = sum(scored) / len(scored) if scored else 1.0

    overall = sum(
        category_scores[name] * (category.weight or 0.0)
        for name, category in rubric.weighted_categories.items()
    )
    failed_gates = [gate for gate in rubric.safety_gates if gate in values and not values[gate]]
    return ScoreResult(
        score=overall,
        passed=overall >= rubric.pass_threshold - THRESHOLD_SLACK and not failed_gates,
        threshold=rubric.pass_threshold,
        category_scores=category_scores,
        failed_criteria=[cid for cid, value in values.items() if not value],
        safety_gate_failed=bool(failed_gates),
        failed_gates=failed_gates,
        skipped_criteria=skipped,
        unassessed_criteria=unassessed,
        na_policy=na_policy,
    )
