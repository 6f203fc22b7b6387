"""Real completions through langchain-openai against the embedded SmolLM2 server."""

from __future__ import annotations

import asyncio
import socket
from typing import Literal

import pytest
from langchain_openai import ChatOpenAI
from pydantic import BaseModel, Field

from ftdesign.models import (
    acomplete,
    astream,
    astructured,
    complete,
    embedded_gguf_path,
    ensure_server,
    get_model,
    start_server,
    stop_server,
    stream,
    structured,
)
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.tokens import count_chat, get_tokenizer

pytestmark = pytest.mark.slow

QUESTION = [
    {"role": "system", "content": "You are a concise assistant."},
    {"role": "user", "content": "Name one colour of the sky."},
]


class Verdict(BaseModel):
    evidence: str = Field(max_length=160)
    answer: Literal["YES", "NO"]


def test_get_model_is_chat_openai_on_loopback():
    model = get_model("agent")
    assert isinstance(model, ChatOpenAI)
    assert str(model.openai_api_base).startswith("http://127.0.0.1:")
    agent_server = ensure_server(embedded_gguf_path(), name="agent")  # the one get_model used
    assert agent_server is ensure_server(embedded_gguf_path(), name="agent")
    assert str(model.openai_api_base) == agent_server.base_url


def test_a_server_started_on_a_given_port_answers_there():
    # A kept benchmark run restarts its servers on the same ports: the run key covers them.
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = start_server(embedded_gguf_path(), 512, 1, port=port)
    try:
        assert server.port == port
        assert server.base_url == f"http://127.0.0.1:{port}/v1"
        assert server.process.poll() is None  # ready: start_server waited for /models
    finally:
        stop_server(server)


def test_chat_completion_reports_text_reason_and_tokens():
    reply = complete("agent", QUESTION, max_tokens=24)
    assert reply.text.strip()
    assert reply.finish_reason in ("stop", "length")
    assert 0 < reply.completion_tokens <= 24
    # The server's prompt count equals our template count plus the generation prompt.
    tokenizer = get_tokenizer(embedded_gguf_path())
    opener = tokenizer.count("<|im_start|>assistant\n", special=True)
    assert reply.prompt_tokens == count_chat(QUESTION, tokenizer) + opener


def test_max_tokens_is_honoured():
    reply = complete("agent", "Write a long essay about the sea.", max_tokens=5)
    assert reply.completion_tokens == 5 and reply.finish_reason == "length"


def test_judge_is_deterministic():
    first = complete("judge", QUESTION, max_tokens=20)
    second = complete("judge", QUESTION, max_tokens=20)
    assert first.text == second.text


def test_schema_constrained_completion_validates():
    question = [{"role": "user", "content": "Is the sky blue on a clear day? Answer YES or NO."}]
    verdict = structured("judge", Verdict, question, max_tokens=200)
    assert isinstance(verdict, Verdict) and verdict.answer in ("YES", "NO")


def test_repair_fixes_content_deterministically():
    seen: list[Verdict] = []

    def shout(value: Verdict) -> Verdict:
        seen.append(value)
        return value.model_copy(update={"evidence": value.evidence.upper()})

    verdict = structured("judge", Verdict, "Is water wet? YES or NO.", max_tokens=200, repair=shout)
    assert len(seen) == 1 and verdict.evidence == seen[0].evidence.upper()


def test_failing_repair_is_retried_then_reported():
    calls = []

    def reject(value: Verdict) -> Verdict:
        calls.append(value)
        raise ValueError("evidence must quote the user")

    with pytest.raises(FtdesignError, match="after 2 attempt.*evidence must quote the user"):
        structured("judge", Verdict, "Is fire cold?", max_tokens=200, repair=reject, max_attempts=2)
    assert len(calls) == 2


def test_truncated_json_is_reported_as_cut_off():
    with pytest.raises(FtdesignError, match="cut off at max_tokens"):
        structured("judge", Verdict, "Is the sky green?", max_tokens=3, max_attempts=1)


def test_streaming_yields_pieces():
    pieces = list(stream("agent", QUESTION, max_tokens=16))
    assert len(pieces) > 1 and "".join(pieces).strip()


def test_async_variants_run_concurrently():
    async def run() -> tuple:
        replies = await asyncio.gather(
            acomplete("simulator", QUESTION, max_tokens=8),
            acomplete("agent", QUESTION, max_tokens=8),
        )
        pieces = [p async for p in astream("agent", QUESTION, max_tokens=8)]
        verdict = await astructured("judge", Verdict, "Is ice cold?", max_tokens=200)
        return replies, pieces, verdict

    replies, pieces, verdict = asyncio.run(run())
    assert all(r.completion_tokens > 0 for r in replies)
    assert pieces and isinstance(verdict, Verdict)
