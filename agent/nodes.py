"""The drafting node every step shares.

A drafting node does all the slow work of a step (guide retrieval, the model's
draft or revision, validation, the review) and stores the result; the stop node
that follows only shows it. Resuming a stop therefore never redrafts. A failed
model call leaves the artifacts as they were and says what happened.
"""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from agent.context import AgentContext
from agent.drafting import produce
from agent.gates.base import GateSpec
from agent.gates.common import use_model
from agent.llm import describe
from agent.prompts import (
    DEMO_MODEL_NOTICE,
    MODEL_DRAFTS,
    TEMPLATE_CARRIES,
)
from agent.records import ArtifactRecord, Issue, Pending
from agent.retrieval import gate_sources
from agent.review import review
from agent.state import GATES, DesignState
from agent.transitions import entered
from tools.errors import FtdesignError


def _model_notes(state: DesignState, ctx: AgentContext) -> tuple[dict[str, Any], list[str]]:
    """Which model serves the agent, and the one-time notice about the demo model."""
    try:
        model = describe(ctx)
    except FtdesignError as error:
        return {}, [f"The agent model is not usable: {error}"]
    updates: dict[str, Any] = {"models": {**state.models, "agent": model.name}}
    if not model.embedded or state.demo_notice_shown:
        return updates, []
    how = MODEL_DRAFTS if use_model(ctx) else TEMPLATE_CARRIES
    how = how.format(template=state.domain.closest_domain or "closest")
    updates["demo_notice_shown"] = True
    return updates, [DEMO_MODEL_NOTICE.format(model=model.name, how=how)]


def draft_node(spec: GateSpec) -> Any:
    async def node(state: DesignState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
        ctx, write = runtime.context, runtime.stream_writer
        write({"kind": "progress", "text": f"{spec.title}: reading the guides"})
        gate = spec.step if spec.step in GATES else None
        sources, problem = gate_sources(
            spec.query, gate, state.domain.closest_domain, ctx.knowledge_hits
        )
        updates, notices = _model_notes(state, ctx)
        notices += [problem] if problem else []
        write({"kind": "progress", "text": f"{spec.title}: drafting"})
        drafted, failure = await produce(spec, state, ctx, sources)
        records, inputs = dict(state.artifacts), dict(state.gate_inputs)
        if drafted is not None:
            for name, text in drafted.texts.items():
                record = records.get(name) or ArtifactRecord(name=name, path=spec.path_of(name))
                records[name] = record.revise(text, drafted.origin)
            if drafted.inputs is not None:
                inputs[spec.step] = drafted.inputs
            if drafted.models:
                updates["models"] = {**updates.get("models", state.models), **drafted.models}
            notices += drafted.notices
        notices += [failure] if failure else []
        statuses = entered(state.statuses, spec.step)
        after = state.model_copy(
            update={"artifacts": records, "gate_inputs": inputs, "statuses": statuses}
        )
        texts = {
            n: records[n].current for n in spec.artifacts if n in records and records[n].current
        }
        write({"kind": "progress", "text": f"{spec.title}: validating and reviewing"})
        found = _checked(spec, after, ctx, texts)
        verdict = None
        if gate is not None and texts:
            verdict = await review(
                spec.step, spec.title, after, ctx, "\n\n".join(texts.values()), found
            )
        pending = Pending(findings=found, sources=sources, review=verdict, notices=notices)
        return {
            **updates,
            "step": spec.step,
            "statuses": statuses,
            "artifacts": records,
            "gate_inputs": inputs,
            "pending": pending,
            "reply": None,
            "route": "stop",
        }

    node.__name__ = f"draft_{spec.step}"
    return node


def _checked(
    spec: GateSpec, state: DesignState, ctx: AgentContext, texts: dict[str, str]
) -> list[Issue]:
    if not texts:
        path = spec.path_of(spec.artifacts[0]) if spec.artifacts else spec.step
        return [
            Issue(
                file=path,
                severity="error",
                code="draft.missing",
                message="there is no draft yet: paste your own version or skip",
            )
        ]
    try:
        return spec.check(state, ctx, texts)
    except FtdesignError as error:
        return [Issue(file=spec.step, severity="error", code="check.failed", message=str(error))]
