"""The stop: what the user sees at each step, and the node that waits for their reply.

`Stop` is the interrupt payload, the same JSON for the CLI and the UI: the drafts by
file, validator findings, cited guide sections, the review, messages, every step's
status, and the actions that make sense here. The stop node only classifies the reply
and updates the state; drafting happened in the node before it.
"""

from __future__ import annotations

from typing import Any, Literal

from langgraph.runtime import Runtime
from langgraph.types import interrupt
from pydantic import BaseModel, Field

from ftdesign.agent.actions import act
from ftdesign.agent.context import AgentContext
from ftdesign.agent.gates.base import GateSpec
from ftdesign.agent.records import Change, Issue, Review, Source
from ftdesign.agent.replies import classify
from ftdesign.agent.state import DesignState, GateStatus, StepId
from ftdesign.agent.transitions import earlier_steps
from ftdesign.agent.validation import errors
from ftdesign.tools.steps import REGISTRY

Action = Literal["approve", "change", "paste", "question", "back", "skip", "apply"]


class Stop(BaseModel):
    """Everything a front end needs to render one stop and offer its actions."""

    step: StepId
    title: str
    number: int = Field(description="1..N for the gates, 0 for intake, N+1 for done")
    question: str
    fmt: str = Field(description="how to render the drafts: yaml or markdown")
    drafts: dict[str, str] = Field(description="project path -> draft text")
    findings: list[Issue]
    sources: list[Source]
    review: Review | None
    notices: list[str]
    answer: str | None
    answer_sources: list[Source]
    statuses: dict[str, GateStatus]
    actions: list[Action]
    can_approve: bool
    back_to: list[StepId]
    changes: list[Change] = Field(default_factory=list, description="word diffs of a redraft")
    charts: list[str] = Field(default_factory=list, description="chart files in the project")

    def is_final(self) -> bool:
        return self.step == "done"


def build_stop(state: DesignState, spec: GateSpec) -> Stop:
    pending = state.pending
    drafts = {
        spec.path_of(n): state.artifacts[n].current for n in spec.artifacts if n in state.artifacts
    }
    can_approve = not (spec.blocking and errors(pending.findings))
    back_to = earlier_steps(spec.step)
    actions: list[Action] = ["approve", "change", "paste", "question"]
    actions = actions if spec.editable else ["approve", "question"]
    actions += ["back"] if back_to else []
    actions += ["skip"] if spec.skippable else []
    actions += ["apply"] if pending.review and pending.review.suggestions else []
    return Stop(
        step=spec.step,
        title=spec.title,
        number=REGISTRY.number(spec.step),
        question=spec.question,
        fmt=spec.fmt,
        drafts=drafts,
        findings=pending.findings,
        sources=pending.sources,
        review=pending.review,
        notices=pending.notices,
        answer=pending.answer,
        answer_sources=pending.answer_sources,
        statuses=state.statuses,
        actions=actions,
        can_approve=can_approve,
        back_to=back_to,
        changes=pending.changes,
        charts=pending.charts,
    )


def stop_node(spec: GateSpec) -> Any:
    async def node(state: DesignState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
        raw = interrupt(build_stop(state, spec).model_dump(mode="json"))
        reply = await classify(runtime.context, raw, spec.step)
        runtime.stream_writer({"kind": "reply", "text": reply.label(), "how": reply.how})
        return act(spec, state, runtime.context, reply)

    node.__name__ = f"stop_{spec.step}"
    return node
