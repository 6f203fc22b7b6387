"""One OpenAI-compatible chat interface (langchain-openai) for every role and endpoint.

`get_model(role)` returns a configured `ChatOpenAI`; a local role starts (or reuses)
its llama.cpp server first. `complete` / `acomplete` return a `Completion` (text,
finish reason, token counts); `stream` / `astream` yield text pieces for the chat
UI. The OpenAI client retries connection errors, 429 and 5xx with exponential
backoff (`max_retries`) and gives up after `timeout` seconds per request; what
still fails becomes a FtdesignError naming the URL and the setting to change.
A role plugged in with `use_models` (injected.py) is called instead of its endpoint.
Set `max_tokens` through settings or overrides, not `.bind()`: llama.cpp ignores
the field name langchain-openai sends (see endpoint.py).
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langchain_core.language_models import BaseChatModel, LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage
from langchain_openai import ChatOpenAI

from ftdesign.models.endpoint import Endpoint, connect
from ftdesign.models.errors import endpoint_errors
from ftdesign.models.injected import plugged, plugged_errors, plugged_name
from ftdesign.models.settings import load_role


@dataclass(frozen=True)
class Completion:
    text: str
    finish_reason: str | None  # "stop", "length" (cut off by max_tokens), ...
    prompt_tokens: int
    completion_tokens: int
    model: str


def role_endpoint(role: str, project: Path | None = None, **overrides: Any) -> Endpoint:
    """Settings, ChatOpenAI, URL and backend of a role, for callers wrapping their own calls."""
    return connect(load_role(role, project, **overrides))


async def arole_endpoint(role: str, project: Path | None = None, **overrides: Any) -> Endpoint:
    """`role_endpoint` off the event loop: starting a llama.cpp server or probing an endpoint
    takes seconds, and a web app serving other chats must not freeze meanwhile."""
    return await asyncio.to_thread(role_endpoint, role, project, **overrides)


Target = tuple[BaseChatModel, str, AbstractContextManager[None]]


def _target(role: str, project: Path | None, overrides: dict[str, Any]) -> Target:
    """The model to call for `role`, its name, and how its failures become FtdesignError."""
    model = plugged(role)
    if model is not None:
        return model, plugged_name(model), plugged_errors(role)
    end = role_endpoint(role, project, **overrides)
    return end.model, end.model.model_name, endpoint_errors(end.settings, end.url)


async def _atarget(role: str, project: Path | None, overrides: dict[str, Any]) -> Target:
    if plugged(role) is not None:
        return _target(role, project, overrides)
    end = await arole_endpoint(role, project, **overrides)
    return end.model, end.model.model_name, endpoint_errors(end.settings, end.url)


def get_model(role: str, project: Path | None = None, **overrides: Any) -> ChatOpenAI:
    """The chat model serving `role` (settings file, environment, then `overrides`)."""
    return role_endpoint(role, project, **overrides).model


def to_completion(reply: BaseMessage, model: str) -> Completion:
    usage = reply.usage_metadata if isinstance(reply, AIMessage) else None
    return Completion(
        text=reply.text,
        finish_reason=reply.response_metadata.get("finish_reason"),
        prompt_tokens=usage["input_tokens"] if usage else 0,
        completion_tokens=usage["output_tokens"] if usage else 0,
        model=model,
    )


def complete(
    role: str, messages: LanguageModelInput, project: Path | None = None, **overrides: Any
) -> Completion:
    """One chat completion for `role`; `messages` is text, dicts or LangChain messages."""
    model, name, errors = _target(role, project, overrides)
    with errors:
        return to_completion(model.invoke(messages), name)


async def acomplete(
    role: str, messages: LanguageModelInput, project: Path | None = None, **overrides: Any
) -> Completion:
    """`complete` for asyncio callers (many conversations at once)."""
    model, name, errors = await _atarget(role, project, overrides)
    with errors:
        return to_completion(await model.ainvoke(messages), name)


def stream(
    role: str, messages: LanguageModelInput, project: Path | None = None, **overrides: Any
) -> Iterator[str]:
    """Text pieces as the model produces them."""
    model, _, errors = _target(role, project, overrides)
    with errors:
        for chunk in model.stream(messages):
            if chunk.text:
                yield chunk.text


async def astream(
    role: str, messages: LanguageModelInput, project: Path | None = None, **overrides: Any
) -> AsyncIterator[str]:
    """`stream` for asyncio callers such as the Chainlit UI."""
    model, _, errors = await _atarget(role, project, overrides)
    with errors:
        async for chunk in model.astream(messages):
            if chunk.text:
                yield chunk.text
