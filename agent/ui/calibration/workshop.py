"""The calibration workshop's state: the rubric's criteria, one at a time, and their examples.

Each example is an `Item`: kept (counts toward the 3-8 target) or merely proposed, with
the judge's check once it has one. The state is saved per thread (calibration/saved.py),
so a reload or restart keeps the work; the rubric draft changes only when the user
finishes and the examples go back to the session as a paste.
"""

from __future__ import annotations

import uuid
from typing import Literal

import yaml
from pydantic import BaseModel, Field, ValidationError

from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.schemas.rubric import CalibrationExample, Criterion, Rubric
from ftdesign.tools.yaml_load import brief, load_yaml

TARGET = (3, 8)  # calibration examples per criterion the validators ask for
FLIP = {
    "PASS": "FAIL",
    "FAIL": "PASS",
    "BORDERLINE_PASS": "BORDERLINE_FAIL",
    "BORDERLINE_FAIL": "BORDERLINE_PASS",
}


class Check(BaseModel):
    """The judge's own verdict on an example, and whether the user kept a disputed label."""

    verdict: Literal["YES", "NO", "NA", "ERROR"]
    evidence: str = ""
    kept_anyway: bool = False


class Item(BaseModel):
    id: str = Field(default_factory=lambda: uuid.uuid4().hex[:8])
    example: CalibrationExample
    proposed: bool = False
    check: Check | None = None

    @property
    def disputed(self) -> bool:
        """The judge's verdict differs from the label and the user has not settled it."""
        check = self.check
        return (
            check is not None
            and check.verdict != self.example.expected_answer
            and not check.kept_anyway
        )


class Workshop(BaseModel):
    rubric_text: str = Field(description="the rubric draft the workshop started from")
    order: list[str]
    index: int = 0
    items: dict[str, list[Item]]

    @classmethod
    def start(cls, rubric_text: str) -> Workshop:
        rubric = parse_rubric(rubric_text)
        items = {
            cid: [Item(example=e) for e in c.calibration_examples]
            for cid, c in rubric.criteria.items()
        }
        return cls(rubric_text=rubric_text, order=list(rubric.criteria), items=items)

    def rubric(self) -> Rubric:
        return parse_rubric(self.rubric_text)

    @property
    def current(self) -> str:
        return self.order[self.index]

    def criterion(self, cid: str) -> Criterion:
        return self.rubric().criteria[cid]

    def move(self, by: int) -> None:
        self.index = max(0, min(len(self.order) - 1, self.index + by))

    def kept(self, cid: str) -> list[Item]:
        return [item for item in self.items[cid] if not item.proposed]

    def find(self, item_id: str) -> tuple[str, Item]:
        for cid, items in self.items.items():
            for item in items:
                if item.id == item_id:
                    return cid, item
        raise FtdesignError("that example is no longer in the workshop (it was removed).")

    def add(self, cid: str, example: CalibrationExample, proposed: bool = False) -> Item:
        item = Item(example=example, proposed=proposed)
        self.items[cid].append(item)
        return item

    def remove(self, item_id: str) -> None:
        cid, item = self.find(item_id)
        self.items[cid].remove(item)

    def relabel(self, item_id: str) -> Item:
        _, item = self.find(item_id)
        item.example = item.example.model_copy(update={"type": FLIP[item.example.type]})
        return item

    def count_line(self, cid: str) -> str:
        n, (low, high) = len(self.kept(cid)), TARGET
        status = (
            "✔" if low <= n <= high else f"⚠ {low - n} more needed" if n < low else "⚠ too many"
        )
        return f"{n} kept · target {low}-{high} · {status}"

    def result_text(self) -> str:
        """The rubric YAML with each criterion's kept examples as its calibration set."""
        rubric = self.rubric()
        criteria = {
            cid: c.model_copy(update={"calibration_examples": [i.example for i in self.kept(cid)]})
            for cid, c in rubric.criteria.items()
        }
        data = rubric.model_copy(update={"criteria": criteria}).to_data()
        return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def parse_rubric(text: str) -> Rubric:
    try:
        return Rubric.from_data(load_yaml(text, "config/rubric.yaml"))
    except (FtdesignError, ValidationError, ValueError) as error:
        first = brief(error) if isinstance(error, ValidationError) else str(error)[:200]
        raise FtdesignError(
            f"config/rubric.yaml: the draft does not parse ({first}).",
            hint="fix the rubric (Edit or a change request) first",
        ) from error
