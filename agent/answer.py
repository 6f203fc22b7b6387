"""The node that answers a question asked at a stop, from the guides and with sources.

The stop is shown again afterwards with the answer on top; the draft is not touched.
Model tokens of this node are streamed to the user as they arrive.
"""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from ftdesign.agent.context import AgentContext
from ftdesign.agent.llm import ask_text
from ftdesign.agent.prompts import answer_messages
from ftdesign.agent.retrieval import search
from ftdesign.agent.state import DesignState
from ftdesign.tools.errors import FtdesignError


async def answer_node(state: DesignState, runtime: Runtime[AgentContext]) -> dict[str, Any]:
    """Answer a question from the guides, citing them; the stop is shown again afterwards."""
    ctx, question = runtime.context, state.reply.text if state.reply else ""
    runtime.stream_writer({"kind": "progress", "text": "searching the guides"})
    sources, problem = await search(question, ctx.knowledge_hits)
    try:
        text = await ask_text(ctx, answer_messages(question, sources), ctx.reply_max_tokens)
    except FtdesignError as error:
        shown = " The closest guide sections are listed below." if sources else ""
        text = f"The model could not answer ({error.message}).{shown}"
    if problem:
        text += f"\n\n{problem}"
    pending = state.pending.model_copy(
        update={"answer": text, "answer_sources": sources, "notices": []}
    )
    return {"pending": pending, "reply": None, "route": "stop"}
