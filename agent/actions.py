"""What each kind of reply does at a stop, as state updates for the stop node to return.

Approval is refused while the validators report errors; skipping needs a reason;
going back marks later gates stale. Every decision goes to the decision log.
"""

from __future__ import annotations

from typing import Any

from ftdesign.agent.context import AgentContext
from ftdesign.agent.decisions import decide, log_decision
from ftdesign.agent.gates.base import GateSpec
from ftdesign.agent.records import Pending, Reply
from ftdesign.agent.state import DesignState, GateStatus
from ftdesign.agent.transitions import earlier_steps, next_step, went_back
from ftdesign.agent.validation import describe, errors, summary
from ftdesign.tools.errors import FtdesignError


def approved_steps(state: DesignState) -> set[str]:
    """Steps whose every artifact has an approved version."""
    from ftdesign.agent.gates import SPECS

    records = state.artifacts
    return {
        step
        for step, spec in SPECS.items()
        if all(a in records and records[a].approved is not None for a in spec.artifacts)
    }


def stay(state: DesignState, notice: str) -> dict[str, Any]:
    """Show the same stop again with one message on top."""
    pending = state.pending.model_copy(update={"notices": [notice], "answer": None})
    return {"pending": pending, "route": "stop", "reply": None}


def _logged(state: DesignState, ctx: AgentContext, step: str, what: str, why: str) -> list:
    found = state.pending.findings
    decision = decide(step, what, why, found, model=state.models.get("agent", ""))
    log_decision(ctx.project, decision)
    return [*state.decisions, decision]


def _moved_on(spec: GateSpec, state: DesignState, status: GateStatus, decisions: list) -> dict:
    """The step settled as `status`, and the session on to the next step still to do."""
    statuses = {**state.statuses, spec.step: status}
    return {
        "statuses": statuses,
        "decisions": decisions,
        "step": next_step(statuses, spec.step),
        "route": "draft",
        "pending": Pending(),
        "reply": None,
    }


def approve(spec: GateSpec, state: DesignState, ctx: AgentContext, reply: Reply) -> dict:
    blocking = errors(state.pending.findings) if spec.blocking else []
    if blocking:
        return stay(
            state,
            f"{spec.title} cannot be approved yet: {summary(blocking)}. First:"
            f" {describe(blocking[0])}. Ask for a change, paste your own version,"
            " or skip with a reason.",
        )
    try:
        # The reply rides along: an approval may need the user's reason (gate 7).
        updates = spec.approve(state.model_copy(update={"reply": reply}), ctx)
    except (FtdesignError, OSError) as error:
        return stay(state, f"Approval failed, nothing was marked passed: {error}")
    review = state.pending.review
    verdict = f"review {review.verdict}; " if review else ""
    why = f"{reply.text or 'approved by the user'} ({verdict}{summary(state.pending.findings)})"
    decisions = _logged(state, ctx, spec.step, "approved", why)
    if spec.step == "done":
        return {**updates, "decisions": decisions, "route": "end"}
    return {**updates, **_moved_on(spec, state, "passed", decisions)}


def redraft(spec: GateSpec, state: DesignState, ctx: AgentContext, reply: Reply) -> dict:
    what = "pasted own version" if reply.kind == "paste" else "changes requested"
    decisions = _logged(state, ctx, spec.step, what, reply.text[:500])
    return {"reply": reply, "route": "draft", "decisions": decisions}


def apply(spec: GateSpec, state: DesignState, ctx: AgentContext, reply: Reply) -> dict:
    offered = state.pending.review.suggestions if state.pending.review else []
    numbers = reply.suggestions or list(range(1, len(offered) + 1))
    if not offered or any(n < 1 or n > len(offered) for n in numbers):
        return stay(state, f"There are {len(offered)} suggestions; say `apply 1` or `apply all`.")
    text = "Apply these suggested edits:\n" + "\n".join(f"- {offered[n - 1]}" for n in numbers)
    return redraft(spec, state, ctx, Reply(kind="change", text=text, how=reply.how))


def back(spec: GateSpec, state: DesignState, ctx: AgentContext, reply: Reply) -> dict:
    allowed = earlier_steps(spec.step)
    target = reply.target or (allowed[-1] if allowed else None)
    if target not in allowed:
        named = f"'{reply.text}'" if reply.text else "that"
        return stay(
            state,
            f"Cannot go back to {named} from {spec.title}; choose one of:"
            f" {', '.join(allowed) or 'none (this is the first step)'}.",
        )
    statuses = went_back(state.statuses, spec.step, target, approved_steps(state))
    decisions = _logged(state, ctx, spec.step, f"back to {target}", reply.text)
    return {
        "step": target,
        "statuses": statuses,
        "decisions": decisions,
        "route": "draft",
        "reply": None,
        "pending": Pending(),
    }


def skip(spec: GateSpec, state: DesignState, ctx: AgentContext, reply: Reply) -> dict:
    if not spec.skippable:
        return stay(state, f"{spec.title} cannot be skipped.")
    if not reply.text.strip():
        return stay(state, "Say why, so the decision log explains it: `skip: <reason>`.")
    decisions = _logged(state, ctx, spec.step, "skipped", reply.text.strip())
    return _moved_on(spec, state, "skipped", decisions)


def act(spec: GateSpec, state: DesignState, ctx: AgentContext, reply: Reply) -> dict[str, Any]:
    """The state updates for one classified reply."""
    if reply.kind == "approve":
        return approve(spec, state, ctx, reply)
    if reply.kind in ("change", "paste"):
        return redraft(spec, state, ctx, reply)
    if reply.kind == "apply":
        return apply(spec, state, ctx, reply)
    if reply.kind == "question":
        return {"reply": reply, "route": "answer"}
    if reply.kind == "back":
        return back(spec, state, ctx, reply)
    if reply.kind == "skip":
        return skip(spec, state, ctx, reply)
    return stay(
        state,
        "I could not tell what you meant: approve, ask for a change, paste your"
        " own version, ask a question, `back to <gate>`, or `skip: <reason>`.",
    )
