"""One turn of the session in the chat: progress streamed as it happens, then the stop.

The agent's events arrive while it works: progress lines ("Rubric: drafting") stream
into one message, answer tokens into another, and the stop it ends on is shown with
its draft, findings, sources, review and buttons.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

import chainlit as cl

from ftdesign.agent.events import Event
from ftdesign.agent.stop import Stop
from ftdesign.agent.ui.model_text import StreamGuard
from ftdesign.agent.ui.problems import show_problem
from ftdesign.agent.ui.scope import AUTHOR
from ftdesign.agent.ui.stop_message import show_stop

READ_AS = {
    "approve": "approval",
    "change": "a change request",
    "paste": "your own version",
    "question": "a question",
    "back": "going back",
    "skip": "skipping",
    "apply": "applying suggestions",
    "unclear": "unclear",
}


def progress_text(event: Event) -> str:
    if event.kind == "reply":
        kind, _, target = event.text.partition(" ")
        meaning = READ_AS.get(kind, kind) + (f" to {target}" if target else "")
        return f"→ Read your reply as {meaning}.\n\n"
    return f"▸ {event.text}…\n\n"


async def stream_turn(events: AsyncIterator[Event]) -> Stop | None:
    """Show one run of the graph; return the stop it ended on (None when it did not stop)."""
    working = cl.Message(content="", author=AUTHOR)
    answer: cl.Message | None = None
    guard = StreamGuard()  # model text: no image the browser would fetch
    stop: Stop | None = None
    async for event in events:
        if event.kind in ("progress", "reply"):
            await working.stream_token(progress_text(event))
        elif event.kind == "token":
            answer = answer or cl.Message(content="", author=AUTHOR)
            await answer.stream_token(guard.feed(event.text))
        elif event.kind == "stop":
            stop = event.stop
        elif event.kind == "finished":
            await working.stream_token(f"✔ {event.text}\n\n")
        elif event.kind == "error":
            await show_problem(event.text, "ask again, or change the request; nothing was lost.")
    if working.content:
        await working.send()
    if answer is not None:
        await answer.send()
    if stop is not None:
        await show_stop(stop, answer_streamed=answer is not None)
    return stop
