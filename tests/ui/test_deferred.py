"""The app's callbacks name their code by module and function; it is imported after listening.

Chainlit calls a callback with the arguments its signature names, so each deferred button must
still take exactly one `action`; every table entry must name a real coroutine function.
"""

from __future__ import annotations

import asyncio
import importlib
import inspect

import pytest

import ftdesign.agent.ui.app as app
from ftdesign.agent.ui import deferred
from ftdesign.agent.ui.problems import guarded

ENTRIES = {**app.GATE_BUTTONS, **app.WORKSHOP_BUTTONS}


@pytest.mark.parametrize("button", sorted(ENTRIES))
def test_each_button_names_a_coroutine_taking_one_action(button: str) -> None:
    module, function = ENTRIES[button]
    assert module in deferred.MODULES
    target = getattr(importlib.import_module(f"{deferred.PACKAGE}.{module}"), function)
    assert inspect.iscoroutinefunction(target)
    assert list(inspect.signature(target).parameters) == ["action"]


def test_a_deferred_button_keeps_the_signature_chainlit_reads() -> None:
    callback = guarded(deferred.action("buttons", "approve", one_at_a_time=True))
    assert list(inspect.signature(callback).parameters) == ["action"]
    assert callback.__name__ == "approve"


def test_a_module_comes_from_the_import_system_and_only_from_the_list() -> None:
    chat = asyncio.run(deferred.module("chat"))
    assert chat is importlib.import_module("ftdesign.agent.ui.chat")
    with pytest.raises(ValueError, match="not one of the chat's modules"):
        asyncio.run(deferred.module("../../tools"))
