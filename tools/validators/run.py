"""One entry point per input: text (drafts), a file, or a whole project folder."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ftdesign.tools.artifacts import ARTIFACTS
from ftdesign.tools.exchange_budget import exchange_budget
from ftdesign.tools.findings import Finding
from ftdesign.tools.loading import Parsed, parse, read_parsed
from ftdesign.tools.validators.documents import validate_document
from ftdesign.tools.validators.persona import validate_persona
from ftdesign.tools.validators.prompts import validate_prompt
from ftdesign.tools.validators.rubric import validate_rubric
from ftdesign.tools.validators.taxonomy import validate_taxonomy

# The validator rules of each family; an artifact's declaration (tools/steps.py) names its
# family, and the prompt and document rules take the kind to pick its lessons or sections.
# The project (None for a loose draft) lets a rule check against what gate 2 measured.
RULES: dict[str, Callable[[Any, str, Path | None], Iterable[Finding]]] = {
    "taxonomy": lambda model, kind, project: validate_taxonomy(model),
    "rubric": lambda model, kind, project: validate_rubric(model),
    "persona": lambda model, kind, project: validate_persona(model, exchange_budget(project)),
    "prompt": lambda model, kind, project: validate_prompt(model, kind),
    "document": lambda model, kind, project: validate_document(model, kind),
}


def _rules_for(kind: str) -> Callable[..., Iterable[Finding]]:
    rules = RULES[ARTIFACTS[kind].rules]
    return lambda model, project=None: rules(model, kind, project)


CHECKS = {kind: _rules_for(kind) for kind in ARTIFACTS}


def check_parsed(parsed: Parsed, project: Path | None = None) -> list[Finding]:
    """Parse findings, then (when a model could be built) every rule of the kind."""
    findings = list(parsed.findings)
    if parsed.model is not None:
        findings += parsed.locate(list(CHECKS[parsed.kind](parsed.model, project)))
    return findings


def validate_text(
    text: str, kind: str, source: str = "<text>", project: Path | None = None
) -> list[Finding]:
    """Every finding for a draft of artifact `kind` (of `project`, when it belongs to one);
    never raises for bad content."""
    return check_parsed(parse(text, kind, source), project)


def project_of(path: Path, kind: str) -> Path:
    """The project folder a file sits in: above its layout path (`config/...`) when it is
    laid out as the seed's, else the folder holding it."""
    layout = Path(ARTIFACTS[kind].path).parts
    if path.parts[-len(layout) :] == layout and len(path.parts) > len(layout):
        return path.parents[len(layout) - 1]
    return path.parent


def validate_path(path: Path | str, kind: str | None = None) -> list[Finding]:
    """Findings for one file (kind from its name unless given) or a project folder.

    Raises FtdesignError only when the check cannot run: no such path, or a
    file name that names no artifact and no `kind`.
    """
    path = Path(path)
    if path.is_dir() and kind is None:
        from ftdesign.tools.validators.project import validate_project

        return validate_project(path)
    parsed = read_parsed(path, kind)
    return check_parsed(parsed, project_of(path.resolve(), parsed.kind))
