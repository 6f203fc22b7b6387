"""The chat's code, imported once the app listens: the first page does not wait for it.

The chat, its buttons and the calibration workshop pull in the agent's graph, LangChain and
OpenAI's client: about 1.7 s of imports on this kind of machine, as much as Chainlit's own.
app.py names each callback by module and function; the warm-up imports them all in a
background thread once the port answers (agent/warmup.py), and a callback that comes first
waits for that import in a worker thread, never on the event loop that serves every chat.
"""

from __future__ import annotations

import asyncio
import importlib
from collections.abc import Awaitable, Callable
from types import ModuleType
from typing import Any

import chainlit as cl

from ftdesign.agent import warmup

PACKAGE = "ftdesign.agent.ui"
# Everything a callback reaches (app.py's tables name only these), and the chat history's store
# first: Chainlit builds the data layer on the event loop, at the first request that needs it.
MODULES = (
    "store",
    "chat",
    "buttons",
    "conversation",
    "calibration.handlers",
    "calibration.examples",
)
Action = Callable[[cl.Action], Awaitable[Any]]


def import_all() -> None:
    """The warm-up's job: import every module a callback needs, in this (background) thread."""
    for name in MODULES:
        importlib.import_module(f"{PACKAGE}.{name}")


async def module(name: str) -> ModuleType:
    """One of MODULES, imported off the event loop (after the warm-up's import, if running)."""
    if name not in MODULES:
        raise ValueError(f"{name!r} is not one of the chat's modules {MODULES}")
    await warmup.ready(warmup.CODE)
    return await asyncio.to_thread(importlib.import_module, f"{PACKAGE}.{name}")


def action(name: str, function: str, one_at_a_time: bool = False) -> Action:
    """A button callback that runs `name.function`, imported when first pressed.

    `one_at_a_time`: the call queues behind any other request of the same chat
    (conversation.one_at_a_time), as the workshop's buttons that change its saved state must.
    """

    async def call(action: cl.Action) -> Any:
        target = getattr(await module(name), function)
        if one_at_a_time:
            target = (await module("conversation")).one_at_a_time(target)
        return await target(action)

    call.__name__ = call.__qualname__ = function
    return call
