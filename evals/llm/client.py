"""One OpenAI-compatible chat interface (langchain-openai) for every role and endpoint.

`get_model(role)` returns a configured `ChatOpenAI`; a local role starts (or reuses)
its llama.cpp server first. `complete` / `acomplete` return a `Completion` (text,
finish reason, token counts); `stream` / `astream` yield text pieces for the chat
UI. The OpenAI client retries connection errors, 429 and 5xx with exponential
backoff (`max_retries`) and gives up after `timeout` seconds per request; what
still fails becomes a FtdesignError naming the URL and the setting to change.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from langchain_core.language_models import LanguageModelInput
from langchain_core.messages import AIMessage, BaseMessage
from langchain_openai import ChatOpenAI
from pydantic import SecretStr

from evals.llm.errors import endpoint_errors
from evals.llm.server import embedded_gguf_path, ensure_server
from evals.llm.settings import RoleSettings, load_role
from tools.errors import FtdesignError

NO_KEY = "not-needed"  # local servers accept any key; the OpenAI client insists on one


@dataclass(frozen=True)
class Completion:
    text: str
    finish_reason: str | None
    prompt_tokens: int
    completion_tokens: int
    model: str


def _api_key(settings: RoleSettings) -> str:
    if settings.api_key_env is None:
        return NO_KEY
    value = os.environ.get(settings.api_key_env)
    if not value:
        raise FtdesignError(
            f"model role {settings.role}: environment variable {settings.api_key_env}"
            " (named by api_key_env) is empty or not set.",
            hint=f"export {settings.api_key_env}, or change {settings.setting_name('api_key_env')}",
        )
    return value


def endpoint(settings: RoleSettings) -> tuple[str, str]:
    """(base URL, model name) for a role, starting a local server when needed."""
    if settings.is_local:
        server = ensure_server(settings.gguf or embedded_gguf_path(), settings.n_ctx)
        return server.base_url, settings.model or server.model
    if not settings.model:
        raise FtdesignError(
            f"model role {settings.role}: {settings.base_url} needs a model name.",
            hint=f"set {settings.setting_name('model')}",
        )
    return str(settings.base_url), settings.model


def build_model(settings: RoleSettings, **chat_options: Any) -> ChatOpenAI:
    """A ChatOpenAI for resolved settings; `chat_options` pass through (e.g. streaming)."""
    url, name = endpoint(settings)
    options: dict[str, Any] = {
        "model": name,
        "base_url": url,
        "api_key": SecretStr(_api_key(settings)),
        "temperature": settings.temperature,
        "seed": settings.seed,
        "max_tokens": settings.max_tokens,
        "timeout": settings.timeout,
        "max_retries": settings.max_retries,
        "stream_usage": True,
    }
    options.update(chat_options)
    return ChatOpenAI(**{k: v for k, v in options.items() if v is not None})


def get_model(role: str, project: Path | None = None, **overrides: Any) -> ChatOpenAI:
    """The chat model serving `role` (settings file, environment, then `overrides`)."""
    return build_model(load_role(role, project, **overrides))


def to_completion(reply: BaseMessage, model: str) -> Completion:
    usage = reply.usage_metadata if isinstance(reply, AIMessage) else None
    return Completion(
        text=reply.text,
        finish_reason=reply.response_metadata.get("finish_reason"),
        prompt_tokens=usage["input_tokens"] if usage else 0,
        completion_tokens=usage["output_tokens"] if usage else 0,
        model=model,
    )


def prepare_role(
    role: str, project: Path | None, overrides: dict[str, Any]
) -> tuple[RoleSettings, ChatOpenAI, str]:
    """Resolved settings, a ready model and its URL, for callers that wrap their own calls."""
    settings = load_role(role, project, **overrides)
    model = build_model(settings)
    return settings, model, str(model.openai_api_base)


def complete(
    role: str, messages: LanguageModelInput, project: Path | None = None, **overrides: Any
) -> Completion:
    """One chat completion for `role`; `messages` is text, dicts or LangChain messages."""
    settings, model, url = prepare_role(role, project, overrides)
    with endpoint_errors(settings, url):
        return to_completion(model.invoke(messages), model.model_name)


async def acomplete(
    role: str, messages: LanguageModelInput, project: Path | None = None, **overrides: Any
) -> Completion:
    """`complete` for asyncio callers (many conversations at once)."""
    settings, model, url = prepare_role(role, project, overrides)
    with endpoint_errors(settings, url):
        return to_completion(await model.ainvoke(messages), model.model_name)


def stream(
    role: str, messages: LanguageModelInput, project: Path | None = None, **overrides: Any
) -> Iterator[str]:
    """Text pieces as the model produces them."""
    settings, model, url = prepare_role(role, project, overrides)
    with endpoint_errors(settings, url):
        for chunk in model.stream(messages):
            if chunk.text:
                yield chunk.text


async def astream(
    role: str, messages: LanguageModelInput, project: Path | None = None, **overrides: Any
) -> AsyncIterator[str]:
    """`stream` for asyncio callers such as the Chainlit UI."""
    settings, model, url = prepare_role(role, project, overrides)
    with endpoint_errors(settings, url):
        async for chunk in model.astream(messages):
            if chunk.text:
                yield chunk.text

