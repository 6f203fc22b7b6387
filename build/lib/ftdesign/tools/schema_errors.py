"""Pydantic validation errors rewritten as findings a person can act on.

Pydantic reports `('taxonomy', 'styles') dict_type`; a user needs "styles:
expected a mapping (`option: weight` lines), found a list; write each entry
as `name: value` instead of '- item'". Locations are resolved against the
parsed data, so union-branch tags (`list[str]`) that are not in the file
never appear in a path.
"""

from __future__ import annotations

import difflib
import typing
from functools import cache
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from ftdesign.tools.findings import Finding, PathPart, rule, yaml_path
from ftdesign.tools.schema_hints import describe, expected_text, fix_for, missing_fix

MISSING = rule("schema.missing_field", "error", "every required field is present")
UNKNOWN = rule("schema.unknown_field", "error", "no unknown fields (typos are rejected)")
WRONG_TYPE = rule("schema.wrong_type", "error", "each value has the type its field expects")
INVALID = rule("schema.invalid_value", "error", "each value is within its field's limits")


def translate(
    error: ValidationError,
    body: Any,
    prefix: tuple[PathPart, ...] = (),
    model: type[BaseModel] | None = None,
    skip: int = 0,
) -> list[Finding]:
    """Findings for errors in `body`, found at `prefix` in the file.

    `skip` drops leading location parts a wrapper model adds (TaxonomyFile's
    `taxonomy`). One finding per location: union-branch errors are merged.
    `model` supplies field names for "did you mean" suggestions.
    """
    known = field_names(model) if model is not None else frozenset()
    grouped: dict[str, list[ErrorDetails]] = {}
    for item in error.errors():
        parts = prefix + _resolve(body, tuple(item["loc"][skip:]))
        grouped.setdefault(yaml_path(parts), []).append(item)
    return [_finding(path, items, known) for path, items in grouped.items()]


@cache
def field_names(model: type[BaseModel]) -> frozenset[str]:
    """Every field name of `model` and of the models nested in it."""
    names: set[str] = set()
    for info in model.model_fields.values():
        names.update(_nested_names(info.annotation))
    return frozenset(names | set(model.model_fields))


def _nested_names(annotation: Any) -> set[str]:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return set(field_names(annotation))
    return {name for arg in typing.get_args(annotation) for name in _nested_names(arg)}


def _resolve(body: Any, loc: tuple[Any, ...]) -> tuple[PathPart, ...]:
    """The part of `loc` that exists in the file, plus a final missing/unknown key."""
    current = body
    parts: list[PathPart] = []
    for index, key in enumerate(loc):
        if key == "[key]":
            return tuple(parts[:-1])  # a bad key: point at the mapping holding it
        if isinstance(current, dict) and key in current:
            current = current[key]
        elif isinstance(current, list) and isinstance(key, int) and 0 <= key < len(current):
            current = current[key]
        elif index == len(loc) - 1 and isinstance(current, dict | None):
            parts.append(str(key))  # a required field that is absent
            break
        else:
            continue  # a union-branch tag such as 'list[str]', not a place in the file
        parts.append(key if isinstance(key, int) else str(key))
    return tuple(parts)


def _finding(path: str, items: list[ErrorDetails], known_fields: frozenset[str]) -> Finding:
    first = items[0]
    kind, value = first["type"], first.get("input")
    field = str(first["loc"][-1]) if first["loc"] else ""
    if kind == "missing":
        return MISSING.at(path, f"required field '{field}' is missing", missing_fix(field))
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(field, sorted(known_fields), n=1, cutoff=0.6)
        fix = f"did you mean '{close[0]}'?" if close else "remove it or check its spelling"
        return UNKNOWN.at(path, f"unknown field '{field}'", fix)
    if "[key]" in first["loc"]:
        problem = f"a key here is {describe(value)}, but keys must be text"
        return WRONG_TYPE.at(path, problem, fix_for("string_type", value, {}))
    expected = " or ".join(dict.fromkeys(expected_text(i["type"], i.get("ctx")) for i in items))
    if expected:
        problem = f"expected {expected}, found {describe(value)}"
        return WRONG_TYPE.at(path, problem, fix_for(kind, value, first.get("ctx") or {}, expected))
    problem = f"{first['msg'][0].lower()}{first['msg'][1:]} (found {describe(value)})"
    return INVALID.at(path, problem, fix_for(kind, value, first.get("ctx") or {}))
