"""Where the session goes after a stop or an answer; routers return Literal node names."""

from __future__ import annotations

from typing import Literal

from ftdesign.agent.state import DesignState, StepId

StopNode = Literal[
    "intake_stop",
    "model_choice_stop",
    "token_economics_stop",
    "taxonomy_stop",
    "rubric_stop",
    "personas_stop",
    "prompts_stop",
    "baseline_eval_stop",
    "done_stop",
]
# A step's drafting node is named after the step itself.
NodeName = Literal[StepId, StopNode, "answer", "__end__"]

STOP_NODES: dict[StepId, StopNode] = {
    "intake": "intake_stop",
    "model_choice": "model_choice_stop",
    "token_economics": "token_economics_stop",
    "taxonomy": "taxonomy_stop",
    "rubric": "rubric_stop",
    "personas": "personas_stop",
    "prompts": "prompts_stop",
    "baseline_eval": "baseline_eval_stop",
    "done": "done_stop",
}


def after_reply(state: DesignState) -> NodeName:
    """Draft the current step again, show its stop, answer a question, or end."""
    if state.route == "end":
        return "__end__"
    if state.route == "answer":
        return "answer"
    if state.route == "stop":
        return STOP_NODES[state.step]
    return state.step
