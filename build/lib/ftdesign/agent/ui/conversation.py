"""The chat's side of a design session: start, reply, resume, one request at a time.

Each request opens the thread's `DesignSession` (its checkpoints live in the project),
streams the turn into the chat and closes it again, so nothing is held between
requests and a server restart loses nothing. A per-chat lock keeps a second click from
racing the first; uploads waiting for the gate the session stops at are adopted after
every turn (agent/ui/adoption.py).
"""

from __future__ import annotations

import asyncio
import functools
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import chainlit as cl

from ftdesign.agent.events import Event
from ftdesign.agent.records import DomainContext
from ftdesign.agent.session import DesignSession
from ftdesign.agent.state import DesignState
from ftdesign.agent.stop import Stop
from ftdesign.agent.ui.adoption import adopt_uploads
from ftdesign.agent.ui.scope import AUTHOR, project, thread_id
from ftdesign.agent.ui.turn import stream_turn

INTENT = "ftd_intent"  # the reply kind a button asked words for ("change" or "skip")


def _lock() -> asyncio.Lock:
    lock = cl.user_session.get("ftd_lock")
    if not isinstance(lock, asyncio.Lock):
        lock = asyncio.Lock()
        cl.user_session.set("ftd_lock", lock)
    return lock


@asynccontextmanager
async def exclusive(wait: bool = False) -> AsyncIterator[bool]:
    """Hold this chat's lock for one request. When busy: yield False after saying so, or
    with `wait`, queue behind the running request (workshop edits must not be lost)."""
    lock = _lock()
    if lock.locked() and not wait:
        await cl.context.emitter.send_toast(
            "Still working on your last request: one moment.", "warning"
        )
        yield False
        return
    async with lock:
        cl.user_session.set(INTENT, None)  # any request ends a pending ask for words
        yield True


def one_at_a_time(func: Callable[..., Awaitable[Any]]) -> Callable[..., Awaitable[Any]]:
    """A callback that waits for any other request of this chat to finish, then runs."""

    @functools.wraps(func)
    async def wrapper(*args: Any, **kwargs: Any) -> Any:
        async with exclusive(wait=True) as free:
            return await func(*args, **kwargs) if free else None

    return wrapper


def open_session() -> DesignSession:
    return DesignSession(project(), thread_id=thread_id())


async def out_of_date(expected: str, current: Stop | None) -> None:
    now = f"the session is now at {current.title}" if current else "no stop is waiting now"
    await cl.Message(
        content=f"That button belongs to an earlier stop ({expected}); {now}."
        " Use the buttons on the latest stop.",
        author=AUTHOR,
    ).send()


async def run(
    call: Callable[[DesignSession], AsyncIterator[Event]], expect: str | None = None
) -> Stop | None:
    """Run one request against this chat's session, unless one is already running.

    `expect` is the step a button belongs to: the request runs only at that stop.
    """
    async with exclusive() as free:
        if free:
            return await _run(call, expect)
    return None


async def _run(
    call: Callable[[DesignSession], AsyncIterator[Event]], expect: str | None
) -> Stop | None:
    async with open_session() as session:
        if expect is not None:
            current = await session.current_stop()
            if current is None or current.step != expect:
                await out_of_date(expect, current)
                return current
        stop = await stream_turn(call(session))
        return await adopt_uploads(session, stop)


async def begin(domain: str | DomainContext) -> Stop | None:
    return await run(lambda session: session.start(domain))


async def reply(payload: str | dict[str, Any], expect: str | None = None) -> Stop | None:
    return await run(lambda session: session.send(payload), expect)


async def carry_on() -> Stop | None:
    """Finish a step that was cut off (the session then stops), or say it is complete."""
    return await run(lambda session: session.resume())


async def adopt_waiting() -> Stop | None:
    """Adopt fresh uploads for the stop the session is waiting at now."""
    async with exclusive() as free, open_session() as session:
        return await adopt_uploads(session, await session.current_stop()) if free else None


async def peek() -> tuple[Stop | None, DesignState | None]:
    """The stop waiting for a reply and the saved state, without running anything."""
    async with open_session() as session:
        return await session.current_stop(), await session.state()
