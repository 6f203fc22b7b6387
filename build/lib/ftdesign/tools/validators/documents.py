"""Checks of the Markdown documents: model-choice.md and base-model-eval-results.md."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ftdesign.tools.findings import Finding, rule
from ftdesign.tools.schemas.documents import (
    EVAL_UNAVAILABLE,
    MODEL_FACTORS,
    OPTIONAL_SECTIONS,
    REQUIRED_SECTIONS,
)

_HEADING = re.compile(r"^##\s+(.+?)\s*#*\s*$")

EMPTY = rule("doc.empty", "error", "the document has text")
MISSING = rule("doc.section_missing", "error", "every required `##` section is present")
EMPTY_SECTION = rule("doc.section_empty", "warning", "required sections have content")
OPTIONAL = rule("doc.optional_section_missing", "warning", "later gates' sections are added")
FACTOR = rule("doc.model_factor_missing", "error", "the five model factors are weighed")
UNAVAILABLE = rule("doc.eval_unavailable", "warning", "the baseline evaluation actually ran")


def headings(text: str) -> dict[str, tuple[int, str]]:
    """Lower-cased `##` heading -> (its line, the text under it)."""
    found: dict[str, tuple[int, str]] = {}
    current: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        match = _HEADING.match(line)
        if match:
            current = match.group(1).strip().lower()
            found[current] = (number, "")
        elif current is not None:
            start, body = found[current]
            found[current] = (start, body + line + "\n")
    return found


def _section(found: dict[str, tuple[int, str]], name: str) -> tuple[int, str] | None:
    """A heading that is, or starts with, `name` ('Chosen model: Gemma 3' counts)."""
    name = name.lower()
    return next((v for h, v in found.items() if h == name or h.startswith(name)), None)


def validate_document(text: str, kind: str) -> Iterator[Finding]:
    if not text.strip():
        yield EMPTY.at(
            "", "the document is empty", "write it (`ftdesign init` copies a worked one)"
        )
        return
    found = headings(text)
    for name in REQUIRED_SECTIONS.get(kind, []):
        section = _section(found, name)
        if section is None:
            yield MISSING.at(f"## {name}", f"no '## {name}' section", f"add a '## {name}' section")
        elif not section[1].strip():
            yield EMPTY_SECTION.at(
                f"## {name}", f"'## {name}' is empty", "fill it in", line=section[0]
            )
    for name in OPTIONAL_SECTIONS.get(kind, []):
        if _section(found, name) is None:
            yield OPTIONAL.at(
                f"## {name}", f"no '## {name}' section yet", f"its gate adds '## {name}'; add it"
            )
    if kind == "model_choice":
        yield from _factors(text, found)
    if kind == "eval_results" and EVAL_UNAVAILABLE.lower() in text.lower():
        line = next(
            (
                n
                for n, ln in enumerate(text.splitlines(), 1)
                if EVAL_UNAVAILABLE.lower() in ln.lower()
            ),
            None,
        )
        yield UNAVAILABLE.at(
            "",
            "the baseline evaluation did not run, so there is no pass rate to decide on",
            "run `ftdesign eval` once a model is reachable; this file is not a pass",
            line=line,
        )


def _factors(text: str, found: dict[str, tuple[int, str]]) -> Iterator[Finding]:
    candidates = _section(found, "Candidates")
    where, scope = ("## Candidates", candidates[1]) if candidates else ("", text)
    for factor in MODEL_FACTORS:
        if factor.lower() not in scope.lower():
            yield FACTOR.at(
                where,
                f"the model comparison does not weigh '{factor}'",
                f"add a '{factor}' row or column to the Candidates table",
                line=candidates[0] if candidates else None,
            )
