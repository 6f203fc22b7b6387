"""`config/rubric.yaml`: binary criteria in weighted categories, gates, calibration.

A category without a weight is a gate-only group (e.g. `safety`): its criteria
never count toward the score, they only veto through `safety_gates`.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from ftdesign.tools.schemas._base import Strict, unwrap

ExampleType = Literal["PASS", "FAIL", "BORDERLINE_PASS", "BORDERLINE_FAIL"]
Answer = Literal["YES", "NO", "NA", "ERROR"]


class CalibrationExample(Strict):
    type: ExampleType
    context: str = Field(min_length=1, description="What the user said (and earlier turns).")
    response: str = Field(min_length=1, description="The assistant reply being judged.")
    reasoning: str = Field(min_length=1, description="Why this is the right label.")

    @property
    def expected_answer(self) -> Literal["YES", "NO"]:
        return "YES" if self.type in ("PASS", "BORDERLINE_PASS") else "NO"


class Criterion(Strict):
    name: str = Field(min_length=1)
    question: str = Field(min_length=1, description="Answerable with YES or NO.")
    category: str | None = None
    na_valid: bool = Field(False, description="True when the criterion applies only sometimes.")
    min_turns: int | None = Field(None, ge=1, description="Skip in shorter conversations.")
    calibration_examples: list[CalibrationExample] = Field(default_factory=list)


class Category(Strict):
    weight: float | None = Field(None, description="Omit for a gate-only group.")
    criteria: list[str] = Field(default_factory=list)
    description: str | None = None


class Rubric(Strict):
    categories: dict[str, Category] = Field(min_length=1)
    criteria: dict[str, Criterion] = Field(min_length=1)
    safety_gates: list[str] = Field(default_factory=list)
    pass_threshold: float = 0.80

    @classmethod
    def from_data(cls, data: Any) -> Rubric:
        return cls.model_validate(unwrap(data, "rubric"))

    def to_data(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)

    @property
    def weighted_categories(self) -> dict[str, Category]:
        return {name: c for name, c in self.categories.items() if c.weight is not None}

    def category_of(self, criterion_id: str) -> str | None:
        return next((n for n, c in self.categories.items() if criterion_id in c.criteria), None)
