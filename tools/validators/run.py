"""One entry point per input: text (drafts), a file, or a whole project folder."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ftdesign.tools.artifacts import ARTIFACTS
from ftdesign.tools.findings import Finding
from ftdesign.tools.loading import Parsed, parse, read_parsed
from ftdesign.tools.validators.documents import validate_document
from ftdesign.tools.validators.persona import validate_persona
from ftdesign.tools.validators.prompts import validate_prompt
from ftdesign.tools.validators.rubric import validate_rubric
from ftdesign.tools.validators.taxonomy import validate_taxonomy

# The validator rules of each family; an artifact's declaration (tools/steps.py) names its
# family, and the prompt and document rules take the kind to pick its lessons or sections.
RULES: dict[str, Callable[[Any, str], Iterable[Finding]]] = {
    "taxonomy": lambda model, kind: validate_taxonomy(model),
    "rubric": lambda model, kind: validate_rubric(model),
    "persona": lambda model, kind: validate_persona(model),
    "prompt": validate_prompt,
    "document": validate_document,
}


def _rules_for(kind: str) -> Callable[[Any], Iterable[Finding]]:
    rules = RULES[ARTIFACTS[kind].rules]
    return lambda model: rules(model, kind)


CHECKS = {kind: _rules_for(kind) for kind in ARTIFACTS}


def check_parsed(parsed: Parsed) -> list[Finding]:
    """Parse findings, then (when a model could be built) every rule of the kind."""
    findings = list(parsed.findings)
    if parsed.model is not None:
        findings += parsed.locate(list(CHECKS[parsed.kind](parsed.model)))
    return findings


def validate_text(text: str, kind: str, source: str = "<text>") -> list[Finding]:
    """Every finding for a draft of artifact `kind`; never raises for bad content."""
    return check_parsed(parse(text, kind, source))


def validate_path(path: Path | str, kind: str | None = None) -> list[Finding]:
    """Findings for one file (kind from its name unless given) or a project folder.

    Raises FtdesignError only when the check cannot run: no such path, or a
    file name that names no artifact and no `kind`.
    """
    path = Path(path)
    if path.is_dir() and kind is None:
        from ftdesign.tools.validators.project import validate_project

        return validate_project(path)
    return check_parsed(read_parsed(path, kind))
