"""What a running session reports: progress, streamed tokens, stops, the end, errors.

`to_event` turns LangGraph's stream chunks (custom, messages and updates modes) into
these few kinds, so front ends never deal with LangGraph's stream format.
"""

from __future__ import annotations

from typing import Any, Literal

from langchain_core.messages import BaseMessage
from pydantic import BaseModel

from ftdesign.agent.stop import Stop

EventKind = Literal["progress", "token", "reply", "stop", "finished", "error"]
STREAMED_NODES = {"answer"}  # nodes whose model tokens are shown as they arrive


class Event(BaseModel):
    kind: EventKind
    text: str = ""
    stop: Stop | None = None


def to_event(mode: str, chunk: Any) -> Event | None:
    if mode == "custom" and isinstance(chunk, dict):
        kind = chunk.get("kind", "progress")
        return Event(
            kind=kind if kind in ("progress", "reply") else "progress",
            text=str(chunk.get("text", "")),
        )
    if mode == "messages":
        message, meta = chunk
        text = message.text if isinstance(message, BaseMessage) else ""
        if meta.get("langgraph_node") in STREAMED_NODES and text:
            return Event(kind="token", text=text)
        return None
    if mode == "updates" and isinstance(chunk, dict) and "__interrupt__" in chunk:
        return Event(kind="stop", stop=Stop.model_validate(chunk["__interrupt__"][0].value))
    return None
