"""Findings: what a check found in an artifact, where, and how to fix it.

Every check is a `Rule` with a stable code and a fixed severity, registered in
`CATALOG` when its module is imported (import `tools.validators` to get them
all), so the CLI, the agent and the tests see the same list. Paths are YAML
paths such as `taxonomy.topics[2].weight`.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Literal

from pydantic import BaseModel, Field

from ftdesign.tools.errors import FtdesignError

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
# A contract is something later code depends on (schema, sums, references, the harness's
# placeholders): it may block approval. A lesson is the seed's advice about prose: it
# warns, says why, and never blocks.
RuleKind = Literal["contract", "lesson"]
LESSON_LABEL = "lesson: advice, does not block"
PathPart = str | int


class Location(BaseModel):
    path: str = Field(default="", description="YAML path (`topics[2].weight`) or Markdown heading.")
    line: int | None = Field(default=None, description="1-based line in the file, when known.")


class Finding(BaseModel):
    file: str = ""
    severity: Severity
    code: str
    location: Location = Field(default_factory=lambda: Location())
    message: str = Field(description="What is wrong and how to fix it.")
    kind: RuleKind = Field(
        default="contract",
        description="From the rule's catalogue entry: a contract may block, a lesson never does.",
    )

    def label(self) -> str:
        """`error`, or `warning (lesson: advice, does not block)` for a lesson."""
        return f"{self.severity} ({LESSON_LABEL})" if self.kind == "lesson" else self.severity


@dataclass(frozen=True)
class Rule:
    code: str
    severity: Severity
    summary: str
    kind: RuleKind = "contract"

    def at(
        self, path: str, problem: str, fix: str, line: int | None = None, file: str = ""
    ) -> Finding:
        """A finding of this rule; the message always carries the fix."""
        return Finding(
            file=file,
            severity=self.severity,
            code=self.code,
            location=Location(path=path, line=line),
            message=f"{problem}; {fix}",
            kind=self.kind,
        )


CATALOG: dict[str, Rule] = {}


def rule(code: str, severity: Severity, summary: str, kind: RuleKind = "contract") -> Rule:
    """Declare a check once, at module level; codes are unique and never reused."""
    if kind == "lesson" and severity == "error":
        raise ValueError(f"rule {code}: a lesson warns, it never blocks")
    if code in CATALOG and CATALOG[code] != Rule(code, severity, summary, kind):
        raise ValueError(f"rule code {code} declared twice")
    CATALOG[code] = Rule(code, severity, summary, kind)
    return CATALOG[code]


def lesson(code: str, summary: str) -> Rule:
    """A rule about prose the seed recommends: a warning that never blocks approval."""
    return rule(code, "warning", summary, kind="lesson")


class SourceError(FtdesignError):
    """A file that cannot be read as its artifact at all; carries the finding."""

    def __init__(self, finding: Finding) -> None:
        self.finding = finding
        where = f"line {finding.location.line}: " if finding.location.line else ""
        super().__init__(f"{finding.file or '<text>'}: {where}{finding.message}")


_PLAIN_KEY = re.compile(r"^[^.\[\]\"]+$")
_PART = re.compile(r'\[(\d+)\]|\[("(?:[^"\\]|\\.)*")\]|\.?([^.\[\]]+)')


def join_path(parent: str, part: PathPart) -> str:
    """`taxonomy` + `topics` -> `taxonomy.topics`; + 2 -> `taxonomy.topics[2]`."""
    if isinstance(part, int):
        return f"{parent}[{part}]"
    if not _PLAIN_KEY.match(part):
        return f"{parent}[{json.dumps(part)}]"
    return f"{parent}.{part}" if parent else part


def under(root: str, path: str) -> str:
    """`path` (already a YAML path) moved under `root`: `topics[2]` -> `taxonomy.topics[2]`."""
    if not root or not path:
        return root or path
    return f"{root}{path}" if path.startswith("[") else f"{root}.{path}"


def yaml_path(parts: tuple[PathPart, ...] | list[PathPart]) -> str:
    path = ""
    for part in parts:
        path = join_path(path, part)
    return path


def split_path(path: str) -> list[PathPart]:
    """Inverse of `yaml_path`."""
    parts: list[PathPart] = []
    for index, quoted, plain in _PART.findall(path):
        parts.append(int(index) if index else json.loads(quoted) if quoted else plain)
    return parts


def count(findings: list[Finding], severity: Severity) -> int:
    return sum(1 for f in findings if f.severity == severity)


def has_errors(findings: list[Finding]) -> bool:
    return count(findings, "error") > 0


def summary(findings: list[Finding]) -> str:
    """'2 errors, 1 warning, 0 info' for CLI footers and logs."""
    errors, warnings = count(findings, "error"), count(findings, "warning")
    info = count(findings, "info")
    return (
        f"{errors} error{'s' * (errors != 1)}, "
        f"{warnings} warning{'s' * (warnings != 1)}, {info} info"
    )
