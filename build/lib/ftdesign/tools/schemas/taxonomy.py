"""`config/input-taxonomy.yaml`: what users ask about, and how, with weights.

File format (the seed's, as real projects write it):

    taxonomy:                 # optional root
      topics:
        - {name: billing, weight: 0.3, subtopics: [refunds, invoices]}
        - {name: edge_cases, weight: 0.15, subtopics: [legal_threat]}
      difficulty: {easy: 0.3, medium: 0.5, hard: 0.2}
      styles: {terse: 0.2, ...}          # any number of {option: weight} maps
      edge_cases: {weight: 0.15, types: [out_of_scope, hostile]}   # alternative form
    turn_ranges: {...}        # other top-level sections are kept but not checked
"""

from __future__ import annotations

import re
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ftdesign.tools.schemas._base import Strict, Weight, unwrap

EDGE_TOPIC = re.compile(r"^edge[_ -]?cases?$", re.IGNORECASE)


class Topic(Strict):
    name: str = Field(min_length=1)
    weight: Weight
    subtopics: list[str] = Field(default_factory=list)


class EdgeCases(Strict):
    weight: Weight
    types: list[str] | dict[str, float] = Field(default_factory=list)


class Taxonomy(BaseModel):
    """The taxonomy body; every extra key is a dimension `{option: weight}`."""

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, dict[str, float]] = Field(init=False)

    topics: list[Topic] = Field(min_length=1)
    edge_cases: EdgeCases | None = None

    @property
    def dimensions(self) -> dict[str, dict[str, float]]:
        """Every `{option: weight}` dimension besides topics, in file order."""
        return dict(self.model_extra or {})

    @property
    def edge_topic(self) -> Topic | None:
        return next((t for t in self.topics if EDGE_TOPIC.match(t.name)), None)

    @property
    def edge_case_share(self) -> float | None:
        """Share of conversations that are edge cases, normalised by the topic total."""
        if self.edge_cases is not None:
            return self.edge_cases.weight
        topic = self.edge_topic
        total = sum(t.weight for t in self.topics)
        if topic is None or total <= 0:
            return None
        return topic.weight / total


class TaxonomyFile(BaseModel):
    """The whole file: the body, either bare or under `taxonomy:`, plus kept extras."""

    model_config = ConfigDict(extra="allow")

    taxonomy: Taxonomy

    @classmethod
    def from_data(cls, data: Any) -> TaxonomyFile:
        if isinstance(data, dict) and "taxonomy" in data:
            return cls.model_validate(data)
        return cls.model_validate({"taxonomy": unwrap(data, "taxonomy")})

    def to_data(self) -> dict[str, Any]:
        return self.model_dump(mode="json", exclude_none=True)
