"""Structured output from an injected model: fenced JSON, repair, and a clear failure.

The injected model is plugged into the models layer (`use_models`), so these tests drive
the production retry-and-repair loop (models/structured.py), the only one there is.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
from agent_fakes import ScriptedChatModel
from langchain_core.messages import HumanMessage
from pydantic import BaseModel

from ftdesign.agent.context import AgentContext
from ftdesign.agent.llm import ask_structured, ask_text
from ftdesign.models import astructured, structured, use_models
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
    with pytest.raises(FtdesignError, match="no valid Pair after 3 attempt"):
        ask(tmp_path, ["garbage"])


def test_timeouts_become_ftdesign_errors(tmp_path: Path) -> None:
    model = ScriptedChatModel(failing={"draft"})
    ctx = AgentContext(project=tmp_path, models={"agent": model})
    with pytest.raises(FtdesignError, match="TimeoutError"):
        asyncio.run(ask_text(ctx, [HumanMessage("x")], 50))


def test_the_agent_has_no_loop_of_its_own() -> None:
    """One retry-and-repair loop: agent/llm.py delegates to the models layer."""
    source = (Path(__file__).parents[2] / "agent" / "llm.py").read_text()
    assert "for _ in range" not in source and "astructured(" in source


def test_a_plugged_model_serves_any_caller_of_the_models_layer(tmp_path: Path) -> None:
    """The evaluation and the workshop call models.astructured / structured directly."""
    model = ScriptedChatModel(script={"draft": ["nope", '{"a": 4, "b": 5}']})
    with use_models({"judge": model}):
        value = asyncio.run(astructured("judge", Pair, "pair?", tmp_path, max_tokens=20))
        again = structured("judge", Pair, "pair?", tmp_path)
    assert value == again == Pair(a=4, b=5) and model.count("draft") == 3


def test_plugging_is_scoped_to_the_block(tmp_path: Path) -> None:
    from ftdesign.models.injected import plugged

    model = ScriptedChatModel()
    with use_models({"simulator": model}):
        assert plugged("simulator") is model and plugged("judge") is None
    assert plugged("simulator") is None
    with pytest.raises(FtdesignError, match="unknown role"), use_models({"critic": model}):
        pass


def test_the_workshop_proposes_through_the_plugged_agent(tmp_path: Path) -> None:
    from ftdesign.agent.ui.calibration.judging import propose
    from ftdesign.tools.schemas.rubric import Criterion

    example = {"type": "FAIL", "context": "c", "response": "r", "reasoning": "why"}
    reply = '{"examples": [%s, %s]}' % ((json.dumps(example),) * 2)
    model = ScriptedChatModel(script={"draft": [reply]})
    criterion = Criterion(name="Counts steps", question="Does it give three steps?")
    with use_models({"agent": model}):
        found = asyncio.run(propose("C1", criterion, "coaching", tmp_path))
    assert [e.type for e in found] == ["PASS", "FAIL"] and model.count("draft") == 1
