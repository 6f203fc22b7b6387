"""Lessons about a persona template's numbers: sane word limits, flaw rates, a trajectory.

Each is a warning with the seed's reason and a line to paste that keeps the value seen
where it was sane. The per-exchange budget is the project's from gate 2 when it has one,
else the seed's default (tools/exchange_budget.py); the warning says which.
"""

from __future__ import annotations

from collections.abc import Iterator

from ftdesign.tools.exchange_budget import DEFAULT_EXCHANGE, ExchangeBudget
from ftdesign.tools.findings import Finding, join_path, lesson
from ftdesign.tools.schemas.persona import PersonaTemplate

MIN_WORDS_FLOOR = 3
MAX_WORDS_CEILING = 400
PRIMARY_RANGE = (0.3, 0.7)
SECONDARY_RANGE = (0.1, 0.3)

WORD_RANGE = lesson("persona.word_limit_range", f"word limits lie within {MIN_WORDS_FLOOR}-"
                    f"{MAX_WORDS_CEILING} words and the per-exchange budget")  # fmt: skip
FLAW_RATE = lesson(
    "persona.flaw_rate", "primary flaws show in 30-70 % of messages, secondary 10-30 %"
)
TRAJECTORY = lesson("persona.trajectory_missing", "the template has a trajectory dimension")


def validate_ranges(
    template: PersonaTemplate, exchange: ExchangeBudget = DEFAULT_EXCHANGE
) -> Iterator[Finding]:
    yield from _word_ranges(template, exchange)
    yield from _flaw_rates(template)
    if "trajectory" not in template.attributes:
        yield TRAJECTORY.at(
            "trajectory",
            "no trajectory dimension, so every simulated user stays the same across a chat",
            "add `trajectory: {options: [stable, improving, deteriorating, volatile], "
            "weights: [0.30, 0.30, 0.25, 0.15]}` (why: a trajectory changes the situation over "
            "the conversation, not the writing style)",
        )


def _word_ranges(template: PersonaTemplate, exchange: ExchangeBudget) -> Iterator[Finding]:
    # One user message may not by itself fill an exchange's whole token budget.
    ceiling = min(MAX_WORDS_CEILING, exchange.words)
    for name, limit in template.communication_style.word_limits.items():
        if limit.min >= limit.max:
            continue  # persona.word_limit_order says it
        low, high = max(limit.min, MIN_WORDS_FLOOR), min(limit.max, ceiling)
        if (low, high) == (limit.min, limit.max) or low >= high:
            continue
        if limit.min < MIN_WORDS_FLOOR:
            problem = f"'{name}' allows {limit.min} words, too few for a message to carry anything"
        elif limit.max > exchange.words:
            problem = (
                f"'{name}' allows {limit.max} words; one such message alone would use "
                f"{exchange.described} (about {exchange.words} words)"
            )
        else:
            problem = f"'{name}' allows {limit.max} words, over {MAX_WORDS_CEILING} per message"
        yield WORD_RANGE.at(
            join_path("communication_style.word_limits", name),
            problem,
            f"write `{name}: {{min: {low}, max: {high}}}` (why: styles need hard limits the "
            "simulator can meet, e.g. terse 30-80, casual 80-180)",
        )


def _flaw_rates(template: PersonaTemplate) -> Iterator[Finding]:
    flaws = template.flaw_patterns
    for name, group, (low, high), typical in (
        ("primary", flaws.primary, PRIMARY_RANGE, 0.5),
        ("secondary", flaws.secondary, SECONDARY_RANGE, 0.2),
    ):
        value = group.per_message_probability if group is not None else None
        if value is None or not 0 < value < 1 or low <= value <= high:
            continue  # absent, or persona.flaw_probability / probability_range says it
        yield FLAW_RATE.at(
            f"flaw_patterns.{name}.per_message_probability",
            f"a {name} flaw shows in {value:.0%} of messages",
            f"write `per_message_probability: {typical}` (why: flaws vary per message; the "
            f"seed's {name} rate is about {typical:.0%}, so {low:.0%}-{high:.0%} stays realistic)",
        )
