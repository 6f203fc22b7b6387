"""A streaming pre-check that bounds what a YAML document can cost to build.

One pass over the parser's events (no objects built) counts every value as it
would be after alias expansion and tracks nesting depth, stopping at the first
excess. An alias bomb or a million-item list is refused in milliseconds instead
of exhausting memory downstream: PyYAML shares aliased objects, but validators,
pydantic and serialisers walk them expanded. Stopping early also keeps libyaml
clear of its slow path on very deep flow nesting.
"""

from __future__ import annotations

from typing import Any, NoReturn

import yaml

from ftdesign.tools.findings import Finding, Rule, SourceError, rule
from ftdesign.tools.yaml_errors import SYNTAX, syntax_finding

MAX_VALUES = 100_000
MAX_DEPTH = 50

ALIASES = rule("yaml.alias_expansion", "error", "aliases expand to a bounded document")
TOO_BIG = rule("yaml.too_many_values", "error", f"at most {MAX_VALUES:,} values")
TOO_DEEP = rule("yaml.too_deep", "error", f"nesting at most {MAX_DEPTH} levels deep")


def check_bounds(text: str, source: str, loader: Any) -> None:
    """SourceError at the first excess or syntax error; the text is never built."""
    try:
        _scan(text, source, loader)
    except yaml.MarkedYAMLError as error:
        raise SourceError(syntax_finding(error, source)) from error
    except yaml.YAMLError as error:  # reader errors carry a position, not a mark
        raise SourceError(_reader_finding(error, text, source)) from error


def _reader_finding(error: yaml.YAMLError, text: str, source: str) -> Finding:
    position = getattr(error, "position", None)
    line = text.count("\n", 0, position) + 1 if isinstance(position, int) else None
    reason = getattr(error, "reason", None) or str(error).split("\n")[0]
    problem = f"the text cannot be read as YAML: {reason[:120]}"
    return SYNTAX.at("", problem, "remove the invisible control character", line, source)


def _scan(text: str, source: str, loader: Any) -> None:
    """Stream the events, counting values as expanded; stop at the first excess."""
    total, depth, aliased = 0, 0, False
    starts: list[tuple[str | None, int]] = []  # (anchor, total before the collection opened)
    sizes: dict[str, int] = {}
    for event in yaml.parse(text, Loader=loader):
        line = event.start_mark.line + 1 if event.start_mark else None
        if isinstance(event, yaml.AliasEvent):
            if any(anchor == event.anchor for anchor, _ in starts):
                _refuse(ALIASES, source, line, f"alias *{event.anchor} refers to itself")
            total, aliased = total + sizes.get(str(event.anchor), 1), True
        elif isinstance(event, yaml.ScalarEvent):
            total += 1
            if event.anchor:
                sizes[event.anchor] = 1
        elif isinstance(event, yaml.CollectionStartEvent):
            total, depth = total + 1, depth + 1
            starts.append((event.anchor, total - 1))
            if depth > MAX_DEPTH:
                _refuse(TOO_DEEP, source, line, f"values nested more than {MAX_DEPTH} deep")
        elif isinstance(event, yaml.CollectionEndEvent):
            anchor, opened = starts.pop()
            depth -= 1
            if anchor:
                sizes[anchor] = total - opened
        if total > MAX_VALUES:
            problem = f"the document expands to more than {MAX_VALUES:,} values"
            _refuse(ALIASES if aliased else TOO_BIG, source, line, problem)


def _refuse(rule_: Rule, source: str, line: int | None, problem: str) -> NoReturn:
    fix = {
        ALIASES.code: "write the values out, or use far fewer &anchors and *aliases",
        TOO_BIG.code: "an artifact has hundreds of values, not this many; check the file",
        TOO_DEEP.code: "flatten the structure; artifacts nest only a few levels",
    }[rule_.code]
    raise SourceError(rule_.at("", problem, fix, line=line, file=source))
