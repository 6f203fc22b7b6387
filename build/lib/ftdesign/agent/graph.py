"""The design session as a LangGraph graph: wiring only.

START -> intake -> intake_stop -> model_choice -> model_choice_stop -> ... -> done_stop -> END.
Each step is a drafting node followed by its stop (an interrupt). After a stop the
router goes on to the next step, back to an earlier one, redrafts the same step, or
answers a question and shows the stop again.
"""

from __future__ import annotations

from typing import Any

from langgraph.graph import START, StateGraph

from ftdesign.agent.answer import answer_node
from ftdesign.agent.context import AgentContext
from ftdesign.agent.gates import SPECS
from ftdesign.agent.nodes import draft_node
from ftdesign.agent.routing import STOP_NODES, after_reply
from ftdesign.agent.state import DesignInput, DesignState
from ftdesign.agent.stop import stop_node


def build_graph(checkpointer: Any = None) -> Any:
    """The compiled graph; pass a checkpointer to make sessions resumable."""
    graph = StateGraph(DesignState, context_schema=AgentContext, input_schema=DesignInput)
    for step, spec in SPECS.items():
        graph.add_node(step, draft_node(spec))
        graph.add_node(STOP_NODES[step], stop_node(spec))
        graph.add_edge(step, STOP_NODES[step])
        graph.add_conditional_edges(STOP_NODES[step], after_reply)
    graph.add_node("answer", answer_node)
    graph.add_conditional_edges("answer", after_reply)
    graph.add_edge(START, "intake")
    return graph.compile(checkpointer=checkpointer)
