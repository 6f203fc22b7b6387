"""Persona sampling and per-message flaw activation against the template's numbers."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from distribution_checks import fits, within_binomial_error

from ftdesign.tools.persona_sampler import Persona, message_flaws, sample_personas, turn_rng
from ftdesign.tools.schemas.persona import PersonaTemplate

N = 20_000
TEMPLATE = PersonaTemplate.from_data(
    {
        "persona_template": {
            "communication_style": {
                "options": ["terse", "casual", "formal", "stream"],
                "weights": [0.15, 0.50, 0.25, 0.10],
                "word_limits": {
                    "terse": {"min": 30, "max": 80},
                    "casual": {"min": 80, "max": 180},
                    "formal": {"min": 120, "max": 250},
                },
            },
            "flaw_patterns": {
                "no_flaw_share": 0.2,
                "primary": {
                    "options": ["yes_but", "rambling", "minimising"],
                    "weights": [0.5, 0.3, 0.2],
                    "per_message_probability": 0.5,
                },
                "secondary": {
                    "options": ["rambling", "vague", "catastrophising", None],
                    "weights": [0.3, 0.3, 0.2, 0.2],
                    "per_message_probability": 0.2,
                    "max_per_persona": 2,
                },
            },
            "trajectory": {
                "options": ["stable", "improving", "deteriorating", "volatile"],
                "weights": [0.30, 0.30, 0.25, 0.15],
            },
            "age_range": {"options": ["18-25", "26-50", "50+"], "weights": [0.3, 0.5, 0.2]},
        }
    }
)


@pytest.fixture(scope="module")
def personas() -> list[Persona]:
    return sample_personas(TEMPLATE, N, seed=11)


def test_no_flaw_share(personas: list[Persona]) -> None:
    # The primary list has no null option, so only the no-flaw share yields flawless personas.
    flawless = sum(not p.has_flaws for p in personas)
    assert within_binomial_error(flawless, N, 0.2)
    assert all(p.secondary_flaws == [] for p in personas if p.primary_flaw is None)


def test_styles_and_word_limits(personas: list[Persona]) -> None:
    style = TEMPLATE.communication_style
    assert fits(
        Counter(p.style for p in personas), dict(zip(style.options, style.weights, strict=True))
    )
    for persona in personas[:500]:
        limit = style.word_limits.get(persona.style or "")
        assert (persona.min_words, persona.max_words) == (
            (limit.min, limit.max) if limit else (None, None)
        )


def test_primary_flaws_follow_weights(personas: list[Persona]) -> None:
    primary = Counter(p.primary_flaw for p in personas if p.primary_flaw is not None)
    assert fits(primary, {"yes_but": 0.5, "rambling": 0.3, "minimising": 0.2})


def test_secondary_flaws_are_distinct_and_bounded(personas: list[Persona]) -> None:
    for persona in personas:
        assert len(persona.secondary_flaws) <= 2
        assert len(set(persona.secondary_flaws)) == len(persona.secondary_flaws)
        assert persona.primary_flaw not in persona.secondary_flaws
    flawed = [p for p in personas if p.has_flaws]
    assert any(len(p.secondary_flaws) == 2 for p in flawed)
    assert any(len(p.secondary_flaws) < 2 for p in flawed)  # a drawn null fills a slot


def test_every_extra_attribute_follows_its_weights(personas: list[Persona]) -> None:
    for name, choice in TEMPLATE.attributes.items():
        counts = Counter(p.attributes[name] for p in personas)
        assert fits(counts, dict(zip(choice.options, choice.weights, strict=True)))


def test_same_seed_same_personas() -> None:
    assert sample_personas(TEMPLATE, 30, seed=1) == sample_personas(TEMPLATE, 30, seed=1)
    assert sample_personas(TEMPLATE, 30, seed=1) != sample_personas(TEMPLATE, 30, seed=2)


def test_per_message_flaw_rates() -> None:
    persona = Persona(
        id="p1",
        style="casual",
        primary_flaw="yes_but",
        secondary_flaws=["vague", "rambling"],
        primary_probability=0.5,
        secondary_probability=0.2,
    )
    rng = random.Random(99)
    messages = [message_flaws(persona, rng) for _ in range(N)]
    assert within_binomial_error(sum("yes_but" in m for m in messages), N, 0.5)
    assert within_binomial_error(sum("vague" in m for m in messages), N, 0.2)
    assert within_binomial_error(sum("rambling" in m for m in messages), N, 0.2)
    # Independent draws: some messages show nothing, a few stack all three.
    assert within_binomial_error(sum(not m for m in messages), N, 0.5 * 0.8 * 0.8)
    assert within_binomial_error(sum(len(m) == 3 for m in messages), N, 0.5 * 0.2 * 0.2)
    assert all(m == sorted(m, key=["yes_but", "vague", "rambling"].index) for m in messages)


def test_flawless_persona_never_shows_a_flaw() -> None:
    persona = Persona(id="p1", style="terse", primary_probability=0.5, secondary_probability=0.2)
    rng = random.Random(1)
    assert all(message_flaws(persona, rng) == [] for _ in range(1000))


def test_turn_rng_is_reproducible_per_turn() -> None:
    persona = sample_personas(TEMPLATE, 1, seed=3)[0].model_copy(
        update={"primary_flaw": "vague", "secondary_flaws": ["rambling"]}
    )
    first = [message_flaws(persona, turn_rng(7, "s001", turn)) for turn in range(40)]
    again = [message_flaws(persona, turn_rng(7, "s001", turn)) for turn in range(40)]
    other = [message_flaws(persona, turn_rng(7, "s002", turn)) for turn in range(40)]
    assert first == again and first != other
