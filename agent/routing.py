"""Where the session goes after a stop or an answer; routers return node names."""

from __future__ import annotations

from ftdesign.agent.state import STEPS, DesignState

# A step's drafting node is named after the step itself, its stop after the step + `_stop`.
StopNode = str
NodeName = str  # a step id, a StopNode, "answer" or "__end__"

STOP_NODES: dict[str, StopNode] = {step: f"{step}_stop" for step in STEPS}


def after_reply(state: DesignState) -> NodeName:
    """Draft the current step again, show its stop, answer a question, or end."""
    if state.route == "end":
        return "__end__"
    if state.route == "answer":
        return "answer"
    if state.route == "stop":
        return STOP_NODES[state.step]
    return state.step
