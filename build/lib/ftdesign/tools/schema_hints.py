"""Plain-language pieces for schema findings: what a value is, what was expected, the fix."""

from __future__ import annotations

from typing import Any

_EXPECTED = {
    "dict_type": "a mapping (`key: value` lines)",
    "model_type": "a mapping (`key: value` lines)",
    "model_attributes_type": "a mapping (`key: value` lines)",
    "list_type": "a list (lines starting with '- ')",
    "float_type": "a number such as 0.25",
    "float_parsing": "a number such as 0.25",
    "int_type": "a whole number such as 3",
    "int_parsing": "a whole number such as 3",
    "int_from_float": "a whole number such as 3",
    "string_type": "text",
    "bool_type": "true or false",
    "bool_parsing": "true or false",
    "finite_number": "a finite number",
}

# Example values for a missing field, so the fix is something one can type.
_EXAMPLES = {
    "name": "anxiety",
    "weight": "0.2",
    "question": '"Does the response ...?"',
    "type": "PASS",
    "context": '"what the user said"',
    "response": '"the reply being judged"',
    "reasoning": '"why this label is right"',
    "options": "[terse, casual]",
    "weights": "[0.4, 0.6]",
    "min": "30",
    "max": "80",
    "per_message_probability": "0.5",
    "topics": "a list of `- {name: ..., weight: ..., subtopics: [...]}`",
    "categories": "a mapping `name: {weight: 0.2, criteria: [ID1, ID2]}`",
    "criteria": "a mapping `ID: {name, question, category, na_valid, calibration_examples}`",
    "communication_style": "`{options: [...], weights: [...], word_limits: {...}}`",
    "flaw_patterns": "`{no_flaw_share: 0.2, primary: {...}, secondary: {...}}`",
    "primary": "`{options: [...], weights: [...], per_message_probability: 0.5}`",
    "taxonomy": "the taxonomy body (topics and dimensions)",
}
_YAML_BOOLEANS = "YAML reads yes/no/on/off/true/false as booleans"


def describe(value: Any) -> str:
    """'a list', 'text "abc"', 'the number 5', 'nothing (an empty value)'."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value:g}"
    if isinstance(value, str):
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f'text "{shown}"'
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    return f"a {type(value).__name__} value"


def expected_text(kind: str, ctx: dict[str, Any] | None) -> str:
    """What a type error expected, or '' for value-limit errors."""
    if kind == "literal_error":
        return f"one of {(ctx or {}).get('expected', 'the allowed values')}"
    return _EXPECTED.get(kind, "")


def missing_fix(field: str) -> str:
    example = _EXAMPLES.get(field)
    return f"add `{field}:` here" + (f", e.g. {example}" if example else "")


def fix_for(kind: str, value: Any, ctx: dict[str, Any], expected: str = "") -> str:
    """The edit that turns `value` into what `kind` of check wanted."""
    if kind in ("dict_type", "model_type", "model_attributes_type") and isinstance(value, list):
        return "write each entry as `name: value` on its own line instead of '- item'"
    if kind == "list_type" and isinstance(value, dict):
        return "write each item on its own line starting with '- '"
    if kind == "list_type" and isinstance(value, str):
        return "write it as a list: `[a, b]` or lines starting with '- '"
    if isinstance(value, bool) and kind in ("string_type", "literal_error"):
        return f"put it in quotes ('yes', 'no', 'on'...): {_YAML_BOOLEANS}"
    if value is None:
        return "fill in a value after the ':'"
    if kind == "literal_error":
        return f"use one of {ctx.get('expected', 'the allowed values')}, spelled exactly"
    for limit, word in (("ge", ">="), ("gt", ">"), ("le", "<="), ("lt", "<")):
        if limit in ctx:
            return f"use a value {word} {ctx[limit]}"
    if "min_length" in ctx:
        return f"give at least {ctx['min_length']} entr{'y' if ctx['min_length'] == 1 else 'ies'}"
    return f"write {expected or _EXPECTED.get(kind, 'a valid value')} here"
