"""Shared pieces of the artifact schemas."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

Weight = Annotated[
    float, Field(description="Share of the distribution, 0-1; a dimension sums to 1.")
]


class Strict(BaseModel):
    """A file section whose unknown keys are typos, so they are rejected loudly."""

    model_config = ConfigDict(extra="forbid")


def unwrap(data: object, root: str) -> object:
    """Accept both `root: {...}` and the bare body, as real projects write both."""
    if isinstance(data, dict) and isinstance(data.get(root), dict):
        return data[root]
    return data
