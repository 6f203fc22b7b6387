"""The records the agent keeps in its state: plain pydantic data, no behaviour.

Everything here is JSON-shaped so a checkpoint can be read back by any later
version of the agent, and so the stop payload the UI receives is the same data.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, Field

from ftdesign.tools.findings import LESSON_LABEL

Severity = Literal["error", "warning", "info"]


def now() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


class DomainContext(BaseModel):
    """What intake learned: the domain, the deployment constraints, the expertise at hand."""

    description: str = ""
    closest_domain: str = ""
    hardware: str = "not stated"
    offline: bool | None = None
    budget: str = "not stated"
    expertise: str = "not stated"
    candidates: list[str] = Field(default_factory=list, description="GGUF files to compare")

    @property
    def offline_need(self) -> str:
        return {True: "required", False: "not required", None: "not stated"}[self.offline]


class Issue(BaseModel):
    """One validator finding, flattened for the state and the stop payload."""

    file: str
    severity: Severity
    code: str
    message: str
    line: int | None = None
    path: str = Field(default="", description="YAML path or Markdown heading inside the file")
    # Older checkpoints have no kind; "contract" keeps their errors blocking as before.
    kind: Literal["contract", "lesson"] = "contract"

    def label(self) -> str:
        """`error`, or `warning (lesson: advice, does not block)` for a lesson."""
        return f"{self.severity} ({LESSON_LABEL})" if self.kind == "lesson" else self.severity


class Source(BaseModel):
    """A guide section the draft or an answer leans on."""

    source: str
    section: str = ""
    text: str = ""


class Draft(BaseModel):
    """One version of an artifact's text and where it came from."""

    text: str
    origin: str = Field(description="template:<domain>, model:<name>, user, or approved")
    at: str = Field(default_factory=now)


class ArtifactRecord(BaseModel):
    """An artifact's current draft, every earlier draft, and the last approved text."""

    name: str
    path: str
    current: str = ""
    drafts: list[Draft] = Field(default_factory=list)
    approved: str | None = None

    def revise(self, text: str, origin: str) -> ArtifactRecord:
        if text == self.current:
            return self
        drafts = [*self.drafts, Draft(text=text, origin=origin)]
        return self.model_copy(update={"current": text, "drafts": drafts})


class ExpertCritique(BaseModel):
    name: str
    role: str
    risks: list[str] = Field(default_factory=list)
    inadequate_pass: str = Field(
        default="", description="what would pass this but still be inadequate"
    )
    missed_users: str = ""


class ChecklistCheck(BaseModel):
    item: str
    ok: bool
    note: str = ""


class LessonReading(BaseModel):
    """The agent model's reading of one seed lesson in one prompt: advice, never blocking."""

    file: str
    code: str = Field(description="the lesson rule, e.g. prompt.length_ratio")
    lesson: str
    verdict: Literal["follows", "does not follow", "not assessed"]
    sentence: str = Field(default="", description="the draft's sentence the judgment cites")
    note: str = Field(default="", description="why not assessed, or how the validators differ")


class Review(BaseModel):
    """The agent-led review shown at a stop; `suggestions` are applied by number."""

    verdict: Literal["PASS", "CONCERNS"]
    checklist: list[ChecklistCheck] = Field(default_factory=list)
    experts: list[ExpertCritique] = Field(default_factory=list)
    suggestions: list[str] = Field(default_factory=list)
    reviewer: str = ""
    # Why parts of the model's review are not shown (failed sanity checks, panel not run).
    withheld: list[str] = Field(default_factory=list)
    lessons: list[LessonReading] = Field(default_factory=list, description="advice only")


class Decision(BaseModel):
    """One line of `.ftdesign/decisions.jsonl`."""

    gate: str
    decision: str
    rationale: str = ""
    findings: list[Issue] = Field(default_factory=list)
    model: str = ""
    at: str = Field(default_factory=now)


class Reply(BaseModel):
    """What the user asked for at a stop, after classification."""

    kind: Literal["approve", "change", "paste", "question", "back", "skip", "apply", "unclear"]
    text: str = ""
    target: str | None = None
    suggestions: list[int] = Field(default_factory=list)
    how: Literal["rule", "model", "button"] = "rule"

    def label(self) -> str:
        extra = f" {self.target}" if self.target else ""
        return f"{self.kind}{extra}"


class Change(BaseModel):
    """One artifact's word diff between two numbered versions of its history."""

    path: str
    before: int
    after: int
    diff: str


class Pending(BaseModel):
    """The data a stop shows besides the drafts: findings, sources, review, messages."""

    findings: list[Issue] = Field(default_factory=list)
    sources: list[Source] = Field(default_factory=list)
    review: Review | None = None
    notices: list[str] = Field(default_factory=list)
    answer: str | None = None
    answer_sources: list[Source] = Field(default_factory=list)
    extra: dict[str, Any] = Field(default_factory=dict)
    # What the last redraft, paste or applied suggestion changed: path -> (versions, diff).
    changes: list[Change] = Field(default_factory=list)
    charts: list[str] = Field(default_factory=list, description="chart files, project-relative")
