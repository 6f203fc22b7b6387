"""Checks of `config/persona-template.yaml` (seed step 5, domain facts section 5)."""

from __future__ import annotations

import math
from collections.abc import Iterator

from ftdesign.tools.exchange_budget import DEFAULT_EXCHANGE, ExchangeBudget
from ftdesign.tools.findings import Finding, join_path, lesson, rule
from ftdesign.tools.schemas.persona import FlawGroup, PersonaTemplate, WeightedChoice
from ftdesign.tools.validators.persona_ranges import validate_ranges
from ftdesign.tools.validators.weights import check_weights

NO_FLAW_RANGE = (0.10, 0.30)

LENGTHS = rule("persona.weights_length", "error", "options and weights have equal length")
DUPLICATE = rule("persona.duplicate_option", "error", "options are unique")
NULL_STYLE = rule("persona.style_null", "error", "every style is named (null means 'no flaw')")
NO_LIMIT = rule("persona.word_limit_missing", "error", "every style has word limits")
UNKNOWN_LIMIT = rule("persona.word_limit_unknown", "error", "word limits name existing styles")
LIMIT_ORDER = rule("persona.word_limit_order", "error", "word limit min < max")
PROBABILITY = rule("persona.probability_range", "error", "probabilities and shares are in [0, 1]")
NO_FLAW = lesson("persona.no_flaw_share", "about 20 % of personas have no flaw")
CONSTANT_FLAW = lesson("persona.flaw_probability", "flaws show in some messages, not all")


def validate_persona(
    template: PersonaTemplate, exchange: ExchangeBudget = DEFAULT_EXCHANGE
) -> Iterator[Finding]:
    choices: dict[str, WeightedChoice] = {"communication_style": template.communication_style}
    choices["flaw_patterns.primary"] = template.flaw_patterns.primary
    if template.flaw_patterns.secondary is not None:
        choices["flaw_patterns.secondary"] = template.flaw_patterns.secondary
    choices.update({join_path("", n): c for n, c in template.attributes.items()})
    for path, choice in choices.items():
        yield from _choice(path, choice)
    yield from _word_limits(template)
    yield from _flaws(template)
    yield from validate_ranges(template, exchange)


def _choice(path: str, choice: WeightedChoice) -> Iterator[Finding]:
    label = path.rsplit(".", 1)[-1]
    if len(choice.options) != len(choice.weights):
        yield LENGTHS.at(
            f"{path}.weights",
            f"{label} has {len(choice.options)} options but {len(choice.weights)} weights",
            "give exactly one weight per option, in the same order",
        )
    else:
        pairs = zip(choice.options, choice.weights, strict=True)
        weights = [(o or "null", f"{path}.weights[{i}]", w) for i, (o, w) in enumerate(pairs)]
        yield from check_weights(label, path, weights)
    seen: set[str | None] = set()
    for index, option in enumerate(choice.options):
        if option in seen:
            yield DUPLICATE.at(
                f"{path}.options[{index}]",
                f"{label} lists '{option}' twice",
                "list each option once and add up its weights",
            )
        seen.add(option)


def _word_limits(template: PersonaTemplate) -> Iterator[Finding]:
    style = template.communication_style
    path = "communication_style"
    for index, option in enumerate(style.options):
        if option is None:
            yield NULL_STYLE.at(
                f"{path}.options[{index}]", "a style is null", "name the style, e.g. terse"
            )
        elif option not in style.word_limits:
            yield NO_LIMIT.at(
                f"{path}.word_limits",
                f"style '{option}' has no word limits, so its messages drift long",
                f"add `{option}: {{min: 30, max: 80}}` under word_limits",
            )
    for name, limit in style.word_limits.items():
        where = join_path(f"{path}.word_limits", name)
        if name not in style.options:
            yield UNKNOWN_LIMIT.at(
                where,
                f"word_limits names '{name}', which is not a style option",
                "fix the spelling or add the style to `options`",
            )
        if limit.min >= limit.max:
            yield LIMIT_ORDER.at(
                where,
                f"'{name}' has min {limit.min} >= max {limit.max} words",
                f"write `{name}: {_ordered(limit.min, limit.max)}` (min below max)",
            )


def _flaws(template: PersonaTemplate) -> Iterator[Finding]:
    flaws = template.flaw_patterns
    groups = {"primary": flaws.primary, "secondary": flaws.secondary}
    for name, group in groups.items():
        if group is not None:
            yield from _per_message(f"flaw_patterns.{name}.per_message_probability", group)
    share, path = flaws.no_flaw_share, "flaw_patterns.no_flaw_share"
    if not _is_probability(share):
        yield PROBABILITY.at(path, f"no_flaw_share is {share}", "use a share in [0, 1]")
    elif not NO_FLAW_RANGE[0] <= share <= NO_FLAW_RANGE[1]:
        yield NO_FLAW.at(
            path,
            f"{share:.0%} of personas have no flaw",
            "about 20 % is realistic (50 % felt unrealistic in practice)",
        )


def _is_probability(value: float) -> bool:
    return math.isfinite(value) and 0 <= value <= 1


def _per_message(path: str, group: FlawGroup) -> Iterator[Finding]:
    value = group.per_message_probability
    if not _is_probability(value):
        yield PROBABILITY.at(path, f"per_message_probability is {value}", "use a value in [0, 1]")
    elif value in (0, 1):
        effect = "never shows" if value == 0 else "shows in every message"
        yield CONSTANT_FLAW.at(
            path,
            f"a flaw with per-message probability {value:g} {effect}",
            "flaws vary per message: about 0.5 for the primary, 0.2 for each secondary",
        )


def _ordered(low: int, high: int) -> str:
    """The limit line with min and max the right way round (equal ones widened)."""
    low, high = sorted((low, high))
    return f"{{min: {low}, max: {high if high > low else low * 2}}}"
