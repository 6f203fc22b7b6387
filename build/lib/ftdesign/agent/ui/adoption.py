"""Uploads becoming drafts: when the session stops at a gate, its waiting files are pasted.

A paste is what the user would do by hand, so the agent validates and reviews the
uploaded text like any draft, and the stop shows what it found.
"""

from __future__ import annotations

import chainlit as cl

from ftdesign.agent.session import DesignSession
from ftdesign.agent.stop import Stop
from ftdesign.agent.ui import uploads
from ftdesign.agent.ui.scope import AUTHOR, project
from ftdesign.agent.ui.turn import stream_turn

MAX_ADOPTED = 12  # uploads adopted in a row at one stop (the prompts gate has three files)


def paste_text(stop: Stop, relpath: str, text: str) -> str:
    # The prompts gate holds three files; a paste there names the one it replaces.
    return f"{relpath.rsplit('/', 1)[-1]}:\n{text}" if stop.step == "prompts" else text


def _next_upload(stop: Stop, thread: str) -> tuple[str, str] | None:
    for relpath in stop.drafts:
        text = uploads.take(project(), thread, relpath)
        if text is not None:
            return relpath, text
    return None


async def adopt_uploads(session: DesignSession, stop: Stop | None) -> Stop | None:
    """Make waiting uploads the drafts of the gate the session stopped at."""
    for _ in range(MAX_ADOPTED):
        found = _next_upload(stop, session.thread_id) if stop is not None else None
        if found is None:
            return stop
        relpath, text = found
        await cl.Message(
            content=f"Using your uploaded `{relpath}` as the draft.", author=AUTHOR
        ).send()
        reply = {"action": "paste", "text": paste_text(stop, relpath, text)}  # type: ignore[arg-type]
        stop = await stream_turn(session.send(reply))
    return stop
