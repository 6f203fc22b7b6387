"""What declaring one step of the session takes, and the registry that holds them in order.

A step is declared once (tools/steps.py); artifacts, loaders, validators, checklists,
the session's state, routing, gate modules, review focus, reply aliases and every title
shown are derived from the declarations. A declaration missing a required piece fails
when the registry is built (at import), with a message naming the step and the field.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from ftdesign.tools.errors import FtdesignError

Role = Literal["intake", "gate", "done"]
# Which family of validator rules checks an artifact (tools/validators/run.py holds them).
Rules = Literal["taxonomy", "rubric", "persona", "prompt", "document"]
IDENTIFIER = r"^[a-z][a-z0-9_]*$"


class StepDeclarationError(FtdesignError):
    """A step declaration that cannot be used; raised while the registry is built."""


class ArtifactDecl(BaseModel):
    """One file a step writes into the project."""

    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    kind: str = Field(pattern=IDENTIFIER)
    path: str = Field(min_length=1, description="project-relative path")
    title: str = Field(min_length=1)
    rules: Rules
    schema_: Any = Field(default=None, alias="schema", description="pydantic model (YAML)")
    root: str = Field(default="", description="the YAML root key the body sits under")

    @model_validator(mode="after")
    def _yaml_needs_schema(self) -> ArtifactDecl:
        if self.path.endswith(".yaml") and (self.schema_ is None or not self.root):
            raise ValueError(f"YAML artifact {self.kind!r} needs `schema` and `root`")
        return self


class Step(BaseModel):
    """One step: its identity, what the user sees, what it writes, how it is reviewed."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(pattern=IDENTIFIER)
    role: Role = "gate"
    title: str = Field(min_length=1, description="the stop's heading and the artifact's name")
    short_title: str = Field(default="", description="the progress line's label (or title)")
    question: str = Field(min_length=1, description="what the stop asks the user")
    query: str = Field(min_length=1, description="what to search the guides for")
    artifacts: tuple[ArtifactDecl, ...] = ()
    guide: str | None = Field(default=None, description="guide file holding the checklist")
    focus: str | None = Field(default=None, description="what the expert panel presses on")
    aliases: tuple[str, ...] = Field(default=(), description="other names for `back to ...`")
    implementation: str = Field(default="", description="module with the gate's SPEC")

    @model_validator(mode="after")
    def _gates_are_reviewed(self) -> Step:
        if self.role == "gate":
            for name in ("guide", "focus"):
                if not getattr(self, name):
                    raise ValueError(f"a gate needs `{name}` (its review depends on it)")
        if not self.short_title:
            object.__setattr__(self, "short_title", self.title)
        if not self.implementation:
            object.__setattr__(self, "implementation", f"ftdesign.agent.gates.{self.id}")
        return self


def declare(**fields: Any) -> Step:
    """A Step, or a StepDeclarationError naming the step and each missing or bad field."""
    try:
        return Step.model_validate(fields)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or 'declaration'}: {e['msg']}"
            for e in error.errors()
        )
        raise StepDeclarationError(
            f"step {fields.get('id', '<no id>')!r} is declared wrongly: {problems}",
            hint="give every required field in tools/steps.py (see tools/step_model.py)",
        ) from None


class Registry:
    """The steps in session order: intake first, the gates, done last."""

    def __init__(self, steps: Iterable[Step]) -> None:
        self.steps: tuple[Step, ...] = tuple(steps)
        self._check()
        self.by_id = {step.id: step for step in self.steps}

    def _fail(self, problem: str) -> None:
        raise StepDeclarationError(f"step registry: {problem}", hint="fix tools/steps.py")

    def _check(self) -> None:
        roles = [step.role for step in self.steps]
        if not roles or roles[0] != "intake" or roles[-1] != "done" or roles.count("gate") < 1:
            self._fail(f"expected intake, then gates, then done; found {roles}")
        if roles.count("intake") != 1 or roles.count("done") != 1:
            self._fail("exactly one intake step and one done step")
        kinds = [artifact.kind for step in self.steps for artifact in step.artifacts]
        for label, names in (("step id", self.ids), ("artifact kind", kinds)):
            if len(set(names)) != len(names):
                self._fail(f"every {label} must be unique: {sorted(names)}")
        taken: dict[str, str] = {}
        for step in self.steps:
            for alias in step.aliases:
                if alias in taken or alias in self.ids:
                    self._fail(f"alias {alias!r} of step {step.id!r} is already a name")
                taken[alias] = step.id

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(step.id for step in self.steps)

    @property
    def gates(self) -> tuple[Step, ...]:
        return tuple(step for step in self.steps if step.role == "gate")

    @property
    def gate_ids(self) -> tuple[str, ...]:
        return tuple(step.id for step in self.gates)

    @property
    def artifacts(self) -> dict[str, tuple[ArtifactDecl, Step]]:
        """kind -> (declaration, owning step), in session order."""
        return {a.kind: (a, step) for step in self.steps for a in step.artifacts}

    def step(self, step_id: str) -> Step:
        if step_id not in self.by_id:
            raise FtdesignError(
                f"unknown step {step_id!r}", hint=f"use one of: {', '.join(self.ids)}"
            )
        return self.by_id[step_id]

    def number(self, step_id: str) -> int:
        """1..N for the gates, 0 for intake, N+1 for done."""
        step = self.step(step_id)
        if step.role == "intake":
            return 0
        return self.gate_ids.index(step_id) + 1 if step.role == "gate" else len(self.gates) + 1

    def aliases(self) -> dict[str, str]:
        return {alias: step.id for step in self.steps for alias in step.aliases}

    def with_step(self, step: Step, before: str = "done") -> Registry:
        """A copy with `step` inserted before step `before` (for extensions and tests)."""
        at = self.ids.index(before)
        return Registry((*self.steps[:at], step, *self.steps[at:]))

    def without(self, step_id: str) -> Registry:
        return Registry(s for s in self.steps if s.id != step_id)
