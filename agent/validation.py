"""Checking drafts with the same validators `ftdesign validate` runs, as state-ready issues."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ftdesign.agent.records import Issue
from ftdesign.tools.artifacts import ARTIFACTS
from ftdesign.tools.validators import validate_text


def _where(finding: Any, field: str) -> Any:
    location = getattr(finding, "location", None)
    if isinstance(location, dict):
        return location.get(field)
    return getattr(location, field, None)


def to_issue(finding: Any) -> Issue:
    """A tools.findings.Finding flattened for the state."""
    return Issue(
        file=str(finding.file),
        severity=finding.severity,
        code=finding.code,
        message=finding.message,
        line=_where(finding, "line"),
        path=_where(finding, "path") or "",
        kind=getattr(finding, "kind", "contract"),
    )


def validate_artifact(kind: str, text: str, project: Path | None = None) -> list[Issue]:
    """Findings for one artifact's text, named by the file it will be written to; with the
    project, the checks that depend on gate 2's budget use it."""
    path = ARTIFACTS[kind].path
    return [to_issue(f) for f in validate_text(text, kind, path, project)]


def errors(issues: list[Issue]) -> list[Issue]:
    return [i for i in issues if i.severity == "error"]


def summary(issues: list[Issue]) -> str:
    """'2 errors, 1 warning' style count for notices and logs."""
    counts = {s: sum(1 for i in issues if i.severity == s) for s in ("error", "warning")}
    parts = [f"{n} {s}{'s' if n != 1 else ''}" for s, n in counts.items() if n]
    return ", ".join(parts) or "no errors or warnings"


def describe(issue: Issue) -> str:
    where = f"{issue.file}:{issue.line}" if issue.line else issue.file
    where += f" {issue.path}" if issue.path else ""
    return f"{issue.label()} {issue.code} ({where}): {issue.message}"
