"""The drafting node every step shares.

A drafting node does all the slow work of a step (guide retrieval, the model's
draft or revision, validation, the review) and stores the result; the stop node
that follows only shows it. Resuming a stop therefore never redrafts. A failed
model call leaves the artifacts as they were and says what happened.
"""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from ftdesign.agent.charts import stop_charts
from ftdesign.agent.context import AgentContext
from ftdesign.agent.decisions import decide, log_decision
from ftdesign.agent.drafting import produce
from ftdesign.agent.gates.base import Drafted, GateSpec
from ftdesign.agent.gates.common import use_model
from ftdesign.agent.lesson_reading import with_lesson_readings
from ftdesign.agent.llm import describe
from ftdesign.agent.prompts import (
    DEMO_MODEL_NOTICE,
    MODEL_DRAFTS,
    MODEL_REVIEWS,
    TEMPLATE_CARRIES,
    VALIDATORS_REVIEW,
)
from ftdesign.agent.records import ArtifactRecord, Change, Decision, Issue, Pending
from ftdesign.agent.retrieval import gate_sources
from ftdesign.agent.review import review, review_by_model
from ftdesign.agent.state import GATES, DesignState
from ftdesign.agent.transitions import entered
from ftdesign.agent.word_diff import changed_since
from ftdesign.tools.errors import FtdesignError


def _model_notes(
    state: DesignState, ctx: AgentContext, template: str
) -> tuple[dict[str, Any], list[str]]:
    """Which model serves the agent, and the one-time notice about the demo model."""
    try:
        model = describe(ctx)
    except FtdesignError as error:
        return {}, [f"The agent model is not usable: {error}"]
    updates: dict[str, Any] = {"models": {**state.models, "agent": model.label}}
    if not model.embedded or state.demo_notice_shown:
        return updates, []
    drafts = MODEL_DRAFTS if use_model(ctx) else TEMPLATE_CARRIES.format(template=template)
    reviews = MODEL_REVIEWS if review_by_model(ctx) else VALIDATORS_REVIEW
    updates["demo_notice_shown"] = True
    return updates, [DEMO_MODEL_NOTICE.format(model=model.name, drafts=drafts, reviews=reviews)]


def _applied(spec: GateSpec, state: DesignState, drafted: Drafted | None) -> DesignState:
    """The state with new drafts recorded (history kept) and the gate's settings saved."""
    records, inputs, models = dict(state.artifacts), dict(state.gate_inputs), dict(state.models)
    if drafted is not None:
        for name, text in drafted.texts.items():
            record = records.get(name) or ArtifactRecord(name=name, path=spec.path_of(name))
            records[name] = record.revise(text, drafted.origin)
            if name not in spec.artifacts:  # another gate's file, already written by the draft
                records[name] = records[name].model_copy(update={"approved": text})
        if drafted.inputs is not None:
            inputs[spec.step] = drafted.inputs
        inputs.update(drafted.upstream_inputs)
        models.update(drafted.models)
    statuses = entered(state.statuses, spec.step)
    changes = {"artifacts": records, "gate_inputs": inputs, "models": models, "statuses": statuses}
    return state.model_copy(update=changes)


def draft_node(spec: GateSpec) -> Any:
    async def node(state: DesignState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
        ctx, write = runtime.context, runtime.stream_writer
        write({"kind": "progress", "text": f"{spec.title}: reading the guides"})
        gate = spec.step if spec.step in GATES else None
        domain = state.domain.closest_domain
        sources, problem = await gate_sources(spec.query, gate, domain, ctx.knowledge_hits)
        write({"kind": "progress", "text": f"{spec.title}: drafting"})
        drafted, failure = await produce(spec, state, ctx, sources)
        after = _applied(spec, state, drafted)
        template = domain or after.gate_inputs.get("intake", {}).get("closest_domain", "")
        updates, notices = _model_notes(after, ctx, template)
        notices += [problem] if problem else []
        notices += (drafted.notices if drafted else []) + ([failure] if failure else [])
        records = after.artifacts
        texts = {n: records[n].current for n in spec.artifacts if n in records}
        texts = {name: text for name, text in texts.items() if text}
        write({"kind": "progress", "text": f"{spec.title}: validating and reviewing"})
        found = _checked(spec, after, ctx, texts)
        verdict = None
        if gate is not None and texts:
            joined = "\n\n".join(texts.values())
            verdict = await review(spec.step, spec.title, after, ctx, joined, found)
            verdict = await with_lesson_readings(verdict, ctx, texts, found)
        changes, decisions = _revisions(spec, state, after, ctx, drafted)
        try:
            charts = stop_charts(spec.step, after, texts, ctx.project)
        except OSError as error:  # a chart is a view: the stop still shows, saying why
            charts, notices = [], [*notices, f"Charts were not saved: {error}"]
        pending = Pending(
            findings=found,
            sources=sources,
            review=verdict,
            notices=notices,
            changes=changes,
            charts=charts,
        )
        kept = ("artifacts", "gate_inputs", "models", "statuses")
        return {
            **{key: getattr(after, key) for key in kept},
            **updates,
            "step": spec.step,
            "pending": pending,
            "decisions": decisions,
            "reply": None,
            "route": "stop",
        }

    node.__name__ = f"draft_{spec.step}"
    return node


def _revisions(
    spec: GateSpec,
    before: DesignState,
    after: DesignState,
    ctx: AgentContext,
    drafted: Drafted | None,
) -> tuple[list[Change], list[Decision]]:
    """Word diffs of what a change, paste or applied suggestion rewrote, each logged with
    both version numbers (the reply itself was logged before the redraft)."""
    changes: list[Change] = []
    decisions = list(before.decisions)
    if before.reply is None or drafted is None:
        return changes, decisions
    for name in drafted.texts:
        old, new = before.artifacts.get(name), after.artifacts[name]
        if old is None or old.drafts == new.drafts or not (found := changed_since(new)):
            continue
        change = Change(path=new.path, before=found[0], after=found[1], diff=found[2])
        changes.append(change)
        why = f"{change.path}: version {change.before} -> version {change.after}"
        decision = decide(spec.step, "revised", why, [], model=after.models.get("agent", ""))
        decisions.append(log_decision(ctx.project, decision))
    return changes, decisions


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
