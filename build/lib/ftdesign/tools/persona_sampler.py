"""Persona sampling and per-message flaw activation from a persona template.

A persona fixes who the simulated user is for a whole conversation: style (with its
word limits), flaws and every extra attribute (trajectory, age, ...). Flaws, though,
show per message, not per conversation: real people have good and bad days. So a
persona carries its flaws plus their probabilities, and `message_flaws` decides for
each message which of them show: the primary with its own probability, each
secondary independently with its own (some messages show none, some stack several).
"""

from __future__ import annotations

import random

from pydantic import BaseModel, Field

from ftdesign.tools.schemas.persona import FlawGroup, PersonaTemplate
from ftdesign.tools.weighted import weighted_pick


class Persona(BaseModel):
    """One simulated user; `min_words`/`max_words` are None when the style has no limit."""

    id: str
    style: str | None
    min_words: int | None = None
    max_words: int | None = None
    primary_flaw: str | None = None
    secondary_flaws: list[str] = Field(default_factory=list)
    primary_probability: float = 0.0
    secondary_probability: float = 0.0
    attributes: dict[str, str | None] = Field(default_factory=dict)

    @property
    def has_flaws(self) -> bool:
        return self.primary_flaw is not None or bool(self.secondary_flaws)


def _secondary_flaws(rng: random.Random, group: FlawGroup, exclude: str | None) -> list[str]:
    """Up to `max_per_persona` distinct flaws; a drawn null fills a slot with nothing."""
    pool = [(o, w) for o, w in zip(group.options, group.weights, strict=False) if o != exclude]
    chosen: list[str] = []
    for _ in range(group.max_per_persona):
        if not pool or sum(w for _, w in pool) <= 0:
            break
        options, weights = zip(*pool, strict=True)
        pick = weighted_pick(rng, options, weights, "flaw_patterns.secondary")
        pool = [(o, w) for o, w in pool if o != pick]
        if pick is not None:
            chosen.append(pick)
    return chosen


def _persona(template: PersonaTemplate, rng: random.Random, index: int) -> Persona:
    style_group = template.communication_style
    style = weighted_pick(rng, style_group.options, style_group.weights, "communication_style")
    limits = style_group.word_limits.get(style) if style is not None else None
    flaws = template.flaw_patterns
    primary: str | None = None
    secondary: list[str] = []
    # A separate draw, so the no-flaw share holds whatever null options the lists carry.
    if rng.random() >= flaws.no_flaw_share:
        primary = weighted_pick(
            rng, flaws.primary.options, flaws.primary.weights, "flaw_patterns.primary"
        )
        if flaws.secondary is not None:
            secondary = _secondary_flaws(rng, flaws.secondary, exclude=primary)
    attributes = {
        name: weighted_pick(rng, choice.options, choice.weights, name)
        for name, choice in template.attributes.items()
    }
    return Persona(
        id=f"p{index:03d}",
        style=style,
        min_words=limits.min if limits else None,
        max_words=limits.max if limits else None,
        primary_flaw=primary,
        secondary_flaws=secondary,
        primary_probability=flaws.primary.per_message_probability,
        secondary_probability=flaws.secondary.per_message_probability if flaws.secondary else 0.0,
        attributes=attributes,
    )


def sample_personas(template: PersonaTemplate, n: int, seed: int = 0) -> list[Persona]:
    """`n` personas drawn independently; the same seed gives the same personas."""
    rng = random.Random(seed)
    return [_persona(template, rng, i + 1) for i in range(n)]


def message_flaws(persona: Persona, rng: random.Random) -> list[str]:
    """The flaws that show in one message (primary first); may be empty or several."""
    active: list[str] = []
    # One draw per flaw the persona has, whether or not it shows, so draws stay aligned.
    if persona.primary_flaw is not None and rng.random() < persona.primary_probability:
        active.append(persona.primary_flaw)
    for flaw in persona.secondary_flaws:
        if rng.random() < persona.secondary_probability:
            active.append(flaw)
    return active


def turn_rng(seed: int, *keys: object) -> random.Random:
    """A generator for one (scenario, turn, ...) so a resumed run redraws the same flaws."""
    return random.Random("/".join(str(part) for part in (seed, *keys)))
