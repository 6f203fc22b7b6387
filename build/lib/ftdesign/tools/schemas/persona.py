"""`config/persona-template.yaml`: who the simulated users are and how they write.

    persona_template:                   # optional root
      communication_style:
        options: [terse, casual]
        weights: [0.4, 0.6]
        word_limits: {terse: {min: 30, max: 80}, casual: {min: 80, max: 180}}
      flaw_patterns:
        no_flaw_share: 0.2              # personas with no flaw at all
        primary: {options: [yes_but, null], weights: [0.9, 0.1], per_message_probability: 0.5}
        secondary: {options: [rambling, minimising], weights: [0.5, 0.5],
                    per_message_probability: 0.2, max_per_persona: 2}
      trajectory: {options: [stable, improving], weights: [0.5, 0.5]}   # any extra attribute
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from ftdesign.tools.schemas._base import Strict, unwrap


class WeightedChoice(Strict):
    options: list[str | None] = Field(min_length=1, description="null means 'none'.")
    weights: list[float] = Field(min_length=1)


class WordLimit(Strict):
    min: int = Field(ge=1)
    max: int = Field(ge=1)


class CommunicationStyle(WeightedChoice):
    word_limits: dict[str, WordLimit] = Field(default_factory=dict)


class FlawGroup(WeightedChoice):
    per_message_probability: float = Field(description="Chance the flaw shows in one message.")
    max_per_persona: int = Field(1, ge=1)


class FlawPatterns(Strict):
    no_flaw_share: float = Field(0.2, description="Share of personas with no flaw at all.")
    primary: FlawGroup
    secondary: FlawGroup | None = None


class PersonaTemplate(BaseModel):
    """Styles and flaws are fixed; every other key is a `{options, weights}` attribute."""

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, WeightedChoice] = Field(init=False)

    communication_style: CommunicationStyle
    flaw_patterns: FlawPatterns

    @property
    def attributes(self) -> dict[str, WeightedChoice]:
        return dict(self.model_extra or {})

    @classmethod
    def from_data(cls, data: Any) -> PersonaTemplate:
        return cls.model_validate(unwrap(data, "persona_template"))

    def to_data(self) -> dict[str, Any]:
        return {"persona_template": self.model_dump(mode="json", exclude_none=True)}
