"""The shape every gate module fills in, so a reader who knows one gate knows them all.

A gate module defines a `SPEC`, a `GateSpec` holding five functions (its titles, question
and guide query come from the step's declaration in tools/steps.py):

- `draft(state, ctx, sources)`: the first draft, from the closest worked domain and the
  user's answers (adapted by the model unless the template must carry it);
- `revise(state, ctx, request, sources)`: the current draft with a change applied;
- `adopt(state, ctx, text)`: the user's own pasted text as the new draft;
- `check(state, ctx, texts)`: validator findings for the drafts;
- `approve(state, ctx)`: write the approved drafts into the project, return state updates.

Drafting nodes call the first three (model work happens there, before the stop, so a
resumed stop never redrafts); stop nodes call `approve`.

A module writes only the functions in which its gate differs. The usual adopt, check
and approve come from gates/common.py (`adopter`, `check_artifacts`, `approver`); the
YAML gates differ only in schema and `repair`, so `yaml_gate` (gates/yaml_drafts.py)
builds their whole spec.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from ftdesign.agent.context import AgentContext
from ftdesign.agent.records import Issue, Source
from ftdesign.agent.state import DesignState, StepId


@dataclass
class Drafted:
    """New text for some of the gate's artifacts, where it came from, and what to tell."""

    texts: dict[str, str]
    origin: str
    notices: list[str] = field(default_factory=list)
    inputs: dict[str, Any] | None = None  # the gate's settings, when drafts are rendered
    models: dict[str, str] = field(default_factory=dict)  # role -> model, for roles it used
    # Another gate's settings this draft changed (gate 7's `chosen: N` moves gate 1's choice),
    # so revisiting that gate renders what the user chose, not what it had before.
    upstream_inputs: dict[str, dict[str, Any]] = field(default_factory=dict)


DraftFn = Callable[[DesignState, AgentContext, list[Source]], Awaitable[Drafted]]
ReviseFn = Callable[[DesignState, AgentContext, str, list[Source]], Awaitable[Drafted]]
AdoptFn = Callable[[DesignState, AgentContext, str], Awaitable[Drafted]]
CheckFn = Callable[[DesignState, AgentContext, dict[str, str]], list[Issue]]
ApproveFn = Callable[[DesignState, AgentContext], dict[str, Any]]


@dataclass(frozen=True, kw_only=True)
class GateSpec:
    step: StepId
    artifacts: tuple[str, ...]  # names of the artifact records this gate drafts
    draft: DraftFn
    revise: ReviseFn
    adopt: AdoptFn
    check: CheckFn
    approve: ApproveFn
    skippable: bool = True
    # Rendered drafts (from settings or a run) are redone when the gate is revisited, as
    # upstream changes alter them; written drafts are kept for the user to re-approve.
    redraft_on_revisit: bool = False
    blocking: bool = True  # validator errors block approval (False only for the summary)
    editable: bool = True  # False: no change or paste (the summary)
    fmt: str = "markdown"  # how the UI should render the drafts: markdown or yaml
    paths: dict[str, str] = field(default_factory=dict)  # names that are not ARTIFACTS kinds
    # Filled in from the step's declaration (tools/steps.py) by gates/__init__.py.
    title: str = ""
    question: str = ""  # what the stop asks the user
    query: str = ""  # what to search the guides for

    def path_of(self, name: str) -> str:
        """Where an artifact of this gate lives (or how the UI should label it)."""
        from ftdesign.tools.artifacts import ARTIFACTS

        return self.paths[name] if name in self.paths else ARTIFACTS[name].path
