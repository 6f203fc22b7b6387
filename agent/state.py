"""The typed state of one design session (one LangGraph thread).

The session walks STEPS in order (declared in tools/steps.py): intake, the gates, done.
Every node returns only the keys it changed; each key holds plain pydantic data
(agent/records.py) that the checkpointer stores and the UI can render.
"""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import AfterValidator, BaseModel, Field

from ftdesign.agent.records import ArtifactRecord, Decision, DomainContext, Pending, Reply
from ftdesign.tools.steps import REGISTRY


def _declared(step: str) -> str:
    if step not in REGISTRY.by_id:
        raise ValueError(f"unknown step {step!r}; the steps are {', '.join(REGISTRY.ids)}")
    return step


# Step ids come from the registry (tools/steps.py), so they are checked when state is
# read, not spelled out as a Literal here; a checkpoint with a removed step fails by name.
StepId = Annotated[str, AfterValidator(_declared)]
GateId = StepId
GateStatus = Literal["pending", "current", "passed", "skipped", "stale"]
# Where the router sends the session after a stop: the current step's drafting node,
# its stop again, the question answerer, or the end of the graph.
Route = Literal["draft", "stop", "answer", "end"]

GATES: tuple[str, ...] = REGISTRY.gate_ids
STEPS: tuple[str, ...] = REGISTRY.ids
TRACKED: tuple[str, ...] = STEPS[:-1]  # steps with a status; `done` has none


def initial_statuses() -> dict[str, GateStatus]:
    return {step: "pending" for step in TRACKED}


class DesignInput(BaseModel):
    """What starting a session needs: the domain as the user described it."""

    domain: DomainContext


class DesignState(BaseModel):
    """Everything a session knows; the checkpointer saves it after every node."""

    domain: DomainContext = Field(default_factory=DomainContext)
    step: StepId = "intake"
    statuses: dict[str, GateStatus] = Field(default_factory=initial_statuses)
    artifacts: dict[str, ArtifactRecord] = Field(default_factory=dict)
    gate_inputs: dict[str, dict[str, Any]] = Field(
        default_factory=dict, description="per-gate settings such as the chosen candidate"
    )
    decisions: list[Decision] = Field(default_factory=list)
    models: dict[str, str] = Field(default_factory=dict, description="role -> model that served")
    pending: Pending = Field(default_factory=Pending)
    reply: Reply | None = Field(
        default=None, description="the user's request the drafting node acts on"
    )
    route: Route = "draft"
    demo_notice_shown: bool = False
