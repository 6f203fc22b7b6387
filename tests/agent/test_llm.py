"""Structured output from an injected model: fenced JSON, repair, and a clear failure."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from agent_fakes import ScriptedChatModel
from langchain_core.messages import HumanMessage
from pydantic import BaseModel

from ftdesign.agent.context import AgentContext
from ftdesign.agent.llm import ask_structured, ask_text
from ftdesign.tools.errors import FtdesignError


class Pair(BaseModel):
    a: int
    b: int


def ask(tmp_path: Path, replies: list[str], repair=None):  # type: ignore[no-untyped-def]
    model = ScriptedChatModel(script={"draft": replies})
    ctx = AgentContext(project=tmp_path, models={"agent": model})
    return asyncio.run(ask_structured(ctx, Pair, [HumanMessage("x")], 50, repair)), model


def test_fenced_json_is_read(tmp_path: Path) -> None:
    value, _ = ask(tmp_path, ['```json\n{"a": 1, "b": 2}\n```'])
    assert value == Pair(a=1, b=2)


def test_invalid_replies_are_retried_with_the_problem(tmp_path: Path) -> None:
    value, model = ask(tmp_path, ["not json", '{"a": 1}', '{"a": 1, "b": 3}'])
    assert value.b == 3 and model.count("draft") == 3
    assert "invalid" in model.calls[1][1]


def test_repair_runs_and_may_reject(tmp_path: Path) -> None:
    def swap(pair: Pair) -> Pair:
        if pair.a > 5:
            raise ValueError("a is too large")
        return Pair(a=pair.b, b=pair.a)

    value, _ = ask(tmp_path, ['{"a": 9, "b": 1}', '{"a": 1, "b": 2}'], swap)
    assert value == Pair(a=2, b=1)


def test_garbage_ends_in_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FtdesignError, match="no valid Pair after 3 attempts"):
        ask(tmp_path, ["garbage"])


def test_timeouts_become_ftdesign_errors(tmp_path: Path) -> None:
    model = ScriptedChatModel(failing={"draft"})
    ctx = AgentContext(project=tmp_path, models={"agent": model})
    with pytest.raises(FtdesignError, match="TimeoutError"):
        asyncio.run(ask_text(ctx, [HumanMessage("x")], 50))
