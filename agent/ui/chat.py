"""Chat events: a new chat, a resumed one, and every message the user sends.

The first message starts the session (the domain in the user's words, or an uploaded
project's intake). Later messages answer the waiting stop: free text is read by the
agent, unless a button asked for words (a change request, a reason to skip).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import chainlit as cl
from pydantic import ValidationError

from ftdesign.agent.records import DomainContext
from ftdesign.agent.ui import conversation, uploads
from ftdesign.agent.ui.problems import show_problem
from ftdesign.agent.ui.restore import show_restored
from ftdesign.agent.ui.scope import AUTHOR, project, thread_id
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.yaml_load import brief, load_yaml

WELCOME = (
    "**Describe the assistant you want to fine-tune**: the domain, where it will run"
    " (hardware, offline or not, budget) and who can review its answers. For example: *a"
    " support assistant for a SaaS billing product, runs offline on a laptop, two support"
    " leads can review*.\n\nYou can also attach artifacts or a zip of an existing project."
    " The **Readme** at the top explains the seven gates and how to use a stronger model."
)


async def welcome() -> None:
    await cl.Message(content=WELCOME, author=AUTHOR).send()


async def resume(thread: dict[str, Any]) -> None:
    """Show where a saved session stands: its stop again, with draft and buttons."""
    stop, state = await conversation.peek()
    if stop is not None:
        await show_restored(stop, thread)
    elif state is None:
        await cl.Message(
            content="This chat has no design session yet. Describe the assistant"
            " you want to begin.",
            author=AUTHOR,
        ).send()
    else:  # complete, or stopped in the middle of a step: resume() says or finishes it
        await conversation.carry_on()


async def receive_files(message: cl.Message) -> list[str]:
    """Queue uploaded artifacts for their gates; return the artifact paths received."""
    received: list[str] = []
    for element in message.elements or []:
        path = getattr(element, "path", None)
        if not path:
            continue
        try:
            # Off the event loop: a large or hostile zip must not stall every other chat.
            files = await asyncio.to_thread(uploads.read_upload, Path(path), element.name)
        except FtdesignError as error:  # one bad file does not lose the others or the text
            await show_problem(error.message, error.hint)
            continue
        uploads.keep(project(), thread_id(), files)
        received += files
    if received:
        listed = ", ".join(f"`{p}`" for p in received)
        await cl.Message(
            content=f"Received {listed}. Each becomes the draft of its gate when"
            " the session gets there.",
            author=AUTHOR,
        ).send()
    return received


def uploaded_intake() -> DomainContext | None:
    text = uploads.take(project(), thread_id(), uploads.INTAKE)
    return None if text is None else read_intake(text)


def read_intake(text: str) -> DomainContext:
    """An uploaded intake.yaml, through the bounded loader; a clear FtdesignError if bad."""
    data = load_yaml(text, f"{uploads.INTAKE} in the upload")  # bounded; SourceError is clear
    try:
        return DomainContext.model_validate(data or {})
    except ValidationError as error:
        raise FtdesignError(
            f"{uploads.INTAKE} in the upload: not a valid intake ({brief(error)}).",
            hint="describe the domain in a message instead",
        ) from error


async def on_message(message: cl.Message) -> None:
    received = await receive_files(message)
    text = (message.content or "").strip()
    stop, state = await conversation.peek()
    if state is None:  # the first message: an uploaded intake (the fuller one), else the text
        domain = uploaded_intake() or text
        if domain:
            await conversation.begin(domain)
        else:
            await cl.Message(
                content="Now describe the assistant you want, to begin.", author=AUTHOR
            ).send()
        return
    if stop is None:  # complete, or stopped mid-step (a restart, the stop button)
        await conversation.carry_on()
        return
    if not text:
        if received:
            await conversation.adopt_waiting()
        return
    intent = cl.user_session.get(conversation.INTENT)
    await conversation.reply({"action": intent, "text": text} if intent else text)
