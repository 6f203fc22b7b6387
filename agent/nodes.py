"""The drafting node every step shares, and the node that answers questions.

A drafting node does all the slow work of a step (guide retrieval, the model's
draft or revision, validation, the review) and stores the result; the stop node
that follows only shows it. Resuming a stop therefore never redrafts. A failed
model call leaves the artifacts as they were and says what happened.
"""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from agent.context import AgentContext
from agent.gates.base import Drafted, GateSpec
from agent.gates.common import use_model
from agent.llm import ask_text, describe
from agent.prompts import (CHANGE_FAILED, DEMO_MODEL_NOTICE, MODEL_DRAFTS, TEMPLATE_CARRIES,
                           answer_messages)  # fmt: skip
from agent.records import ArtifactRecord, Issue, Pending
from agent.retrieval import gate_sources, search
from agent.review import review
from agent.state import GATES, DesignState
from agent.transitions import entered
from tools.artifacts import ARTIFACTS
from tools.errors import FtdesignError

OWN = ("user", "project")  # drafts the user wrote: never replaced by a re-rendering


def _keeps_current(spec: GateSpec, state: DesignState) -> bool:
    """A revisited step keeps its drafts, unless they are rendered and not the user's."""
    records = [state.artifacts.get(name) for name in spec.artifacts]
    if not all(r is not None and r.current for r in records):
        return False
    user_written = any(r.drafts and r.drafts[-1].origin in OWN for r in records if r)
    return user_written or not spec.redraft_on_revisit


def _project_files(spec: GateSpec, ctx: AgentContext) -> dict[str, str]:
    """Artifacts already in the project folder (uploaded, or from an earlier session)."""
    found = {}
    for name in spec.artifacts:
        path = ctx.project / spec.path_of(name)
        if name in ARTIFACTS and path.is_file():
            found[name] = path.read_text(encoding="utf-8", errors="replace")
    return found


async def _first_draft(spec: GateSpec, state: DesignState, ctx: AgentContext, sources: list) -> Drafted:  # fmt: skip
    """The project's own files where they exist; the gate drafts the rest."""
    existing = _project_files(spec, ctx)
    if existing and set(existing) == set(spec.artifacts):
        files = ", ".join(spec.path_of(name) for name in existing)
        return Drafted(existing, "project", [f"Starting from the project's own {files}."])
    drafted = await spec.draft(state, ctx, sources)
    drafted.texts.update(existing)
    return drafted


async def _produce(spec: GateSpec, state: DesignState, ctx: AgentContext, sources: list) -> tuple[Drafted | None, str | None]:  # fmt: skip
    """(new drafts or None to keep the current ones, a failure message or None)."""
    reply = state.reply
    try:
        if reply is not None and reply.kind == "paste":
            return await spec.adopt(state, ctx, reply.text), None
        if reply is not None and reply.kind == "change":
            return await spec.revise(state, ctx, reply.text, sources), None
        if _keeps_current(spec, state):
            return None, None
        return await _first_draft(spec, state, ctx, sources), None
    except FtdesignError as error:
        first = str(error).replace("\n", " ")
        if reply is not None and reply.kind == "paste":
            return None, f"Your text was not used: {first}"
        if reply is not None:
            return None, CHANGE_FAILED.format(error=first)
        return None, f"Could not draft {spec.title}: {first}"


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
        sources, problem = gate_sources(spec.query, gate, state.domain.closest_domain, ctx.knowledge_hits)  # fmt: skip
        updates, notices = _model_notes(state, ctx)
        notices += [problem] if problem else []
        write({"kind": "progress", "text": f"{spec.title}: drafting"})
        drafted, failure = await _produce(spec, state, ctx, sources)
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
        after = state.model_copy(update={"artifacts": records, "gate_inputs": inputs, "statuses": statuses})  # fmt: skip
        texts = {n: records[n].current for n in spec.artifacts if n in records and records[n].current}  # fmt: skip
        write({"kind": "progress", "text": f"{spec.title}: validating and reviewing"})
        found = _checked(spec, after, ctx, texts)
        verdict = None
        if gate is not None and texts:
            verdict = await review(spec.step, spec.title, after, ctx, "\n\n".join(texts.values()), found)  # fmt: skip
        pending = Pending(findings=found, sources=sources, review=verdict, notices=notices)
        return {**updates, "step": spec.step, "statuses": statuses, "artifacts": records,
                "gate_inputs": inputs, "pending": pending, "reply": None, "route": "stop"}  # fmt: skip

    node.__name__ = f"draft_{spec.step}"
    return node


def _checked(spec: GateSpec, state: DesignState, ctx: AgentContext, texts: dict[str, str]) -> list[Issue]:  # fmt: skip
    if not texts:
        path = spec.path_of(spec.artifacts[0]) if spec.artifacts else spec.step
        return [Issue(file=path, severity="error", code="draft.missing",
                      message="there is no draft yet: paste your own version or skip")]  # fmt: skip
    try:
        return spec.check(state, ctx, texts)
    except FtdesignError as error:
        return [Issue(file=spec.step, severity="error", code="check.failed", message=str(error))]


async def answer_node(state: DesignState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    """Answer a question from the guides, citing them; the stop is shown again afterwards."""
    ctx, question = runtime.context, state.reply.text if state.reply else ""
    runtime.stream_writer({"kind": "progress", "text": "searching the guides"})
    sources, problem = search(question, ctx.knowledge_hits)
    try:
        text = await ask_text(ctx, answer_messages(question, sources), ctx.reply_max_tokens)
    except FtdesignError as error:
        shown = " The closest guide sections are listed below." if sources else ""
        text = f"The model could not answer ({str(error).splitlines()[0]}).{shown}"
    if problem:
        text += f"\n\n{problem}"
    pending = state.pending.model_copy(update={"answer": text, "answer_sources": sources, "notices": []})  # fmt: skip
    return {"pending": pending, "reply": None, "route": "stop"}
