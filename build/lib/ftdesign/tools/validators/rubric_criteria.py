"""Per-criterion checks: yes/no questions and calibration examples (3-8, PASS and FAIL)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ftdesign.tools.findings import Finding, join_path, rule
from ftdesign.tools.schemas.rubric import Criterion, Rubric

CALIBRATION_RANGE = (3, 8)
AUXILIARIES = (
    "does do did is are was were has have had can could will would should shall may might must"
).split()
OPEN_QUESTION_WORDS = {"what", "how", "why", "which", "who", "whom", "whose"}
# A leading clause ("When the user is upset, anxious or silent, does ...") keeps it yes/no.
_MAIN_CLAUSE = re.compile(r",\s*(" + "|".join(AUXILIARIES) + r")\b", re.IGNORECASE)

QUESTION_MARK = rule("rubric.question_mark", "error", "each question ends with '?'")
YES_NO = rule("rubric.question_yes_no", "error", "each question is answerable YES or NO")
COUNT = rule("rubric.calibration_count", "error", "3-8 calibration examples per criterion")
PASS_FAIL = rule("rubric.calibration_pass_fail", "error", "at least one PASS and one FAIL example")
BORDERLINE = rule(
    "rubric.borderline_suggested", "info", "borderline examples where judgment is needed"
)


def validate_criteria(rubric: Rubric) -> Iterator[Finding]:
    for criterion_id, criterion in rubric.criteria.items():
        path = join_path("criteria", criterion_id)
        yield from _question(criterion_id, criterion, path)
        yield from _calibration(criterion_id, criterion, path)


def is_yes_no(question: str) -> bool:
    """Starts with an auxiliary verb, or a leading clause and then one ('If ..., does')."""
    words = question.split()
    first = words[0].lower().strip("\"'(") if words else ""
    if first in AUXILIARIES:
        return True
    return first not in OPEN_QUESTION_WORDS and _MAIN_CLAUSE.search(question) is not None


def _question(criterion_id: str, criterion: Criterion, path: str) -> Iterator[Finding]:
    question = criterion.question.strip()
    if not question.endswith("?"):
        yield QUESTION_MARK.at(
            f"{path}.question",
            f"the question of '{criterion_id}' does not end with '?'",
            "phrase it as one question, e.g. 'Does the response ...?'",
        )
    if not is_yes_no(question):
        yield YES_NO.at(
            f"{path}.question",
            f"the question of '{criterion_id}' cannot be answered YES or NO",
            "start with Does/Is/Did/Can/... ('Does the response avoid jargon?'), not What/How",
        )


def _calibration(criterion_id: str, criterion: Criterion, path: str) -> Iterator[Finding]:
    examples = criterion.calibration_examples
    types = {example.type for example in examples}
    low, high = CALIBRATION_RANGE
    where = f"{path}.calibration_examples"
    if not low <= len(examples) <= high:
        yield COUNT.at(
            where,
            f"'{criterion_id}' has {len(examples)} calibration examples",
            f"give {low}-{high}: 2-3 suffice for clear-cut criteria, 6-8 for subjective ones"
            if len(examples) < low
            else f"keep the {high} most instructive ones",
        )
    missing = [t for t in ("PASS", "FAIL") if t not in types]
    if missing:
        yield PASS_FAIL.at(
            where,
            f"'{criterion_id}' has no {' and no '.join(missing)} example",
            "show the judge both sides: at least one PASS and one FAIL",
        )
    if examples and not types & {"BORDERLINE_PASS", "BORDERLINE_FAIL"}:
        yield BORDERLINE.at(
            where,
            f"'{criterion_id}' has no borderline example",
            "add a BORDERLINE_PASS or BORDERLINE_FAIL; judges disagree most near the line",
        )
