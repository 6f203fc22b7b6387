"""Resolve a role to a ready endpoint: URL, model name, key, backend, ChatOpenAI.

A local role first gets its llama.cpp server (started or reused). The backend
decides two llama.cpp quirks: llama_cpp.server ignores `max_completion_tokens`
(what langchain-openai now sends for `max_tokens`), so for llama.cpp we send
`max_tokens` in the request body ourselves; and structured output uses
`json_object` + schema there (see structured.py). `backend = "auto"` means local
roles are llama.cpp and remote ones are asked once per URL who owns their models.
"""

from __future__ import annotations

import json
import os
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from langchain_openai import ChatOpenAI
from pydantic import SecretStr

from ftdesign.models import trust
from ftdesign.models.embedded import embedded_gguf_path
from ftdesign.models.server import ensure_server
from ftdesign.models.settings import RoleSettings
from ftdesign.tools.errors import FtdesignError

NO_KEY = "not-needed"  # for keyless endpoints; the OpenAI client insists on one
LLAMA_CPP_OWNERS = {"me", "llamacpp"}  # owned_by of llama_cpp.server and llama-server
_backends: dict[str, str] = {}


@dataclass(frozen=True)
class Endpoint:
    """A role ready to call; `model` is the configured ChatOpenAI."""

    settings: RoleSettings
    model: ChatOpenAI
    url: str
    backend: str  # "llama.cpp" or "openai"


def api_key(settings: RoleSettings) -> str:
    """The key from the variable named by api_key_env; never stored or logged."""
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


def _probe_backend(url: str, key: str) -> str:
    if url not in _backends:
        request = urllib.request.Request(
            url.rstrip("/") + "/models", headers={"Authorization": f"Bearer {key}"}
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                owners = {m.get("owned_by") for m in json.load(response).get("data", [])}
        except (OSError, ValueError, AttributeError):
            return "openai"  # unknown for now; not cached, so a later call may ask again
        _backends[url] = "llama.cpp" if owners & LLAMA_CPP_OWNERS else "openai"
    return _backends[url]


def local_server(settings: RoleSettings) -> tuple[str, Path]:
    """The name and GGUF of the local server a role runs on, as `ensure_server` keys it:
    roles with the same pair share one server and its prompt cache."""
    return settings.server or settings.role, (settings.gguf or embedded_gguf_path()).resolve()


def connect(settings: RoleSettings, **chat_options: Any) -> Endpoint:
    """Build the endpoint for resolved settings; `chat_options` go to ChatOpenAI."""
    key = api_key(settings)
    if settings.gguf is not None and not settings.gguf.is_file():
        raise FtdesignError(
            f"model role {settings.role}: the GGUF {settings.gguf} (from"
            f" {settings.sources.get('gguf', '?')}) does not exist.",
            hint=f"fix {settings.setting_name('gguf')}, or remove it to use the embedded model",
        )
    if settings.is_local:
        name, gguf = local_server(settings)
        server = ensure_server(gguf, settings.n_ctx, settings.n_threads, name)
        url, name, backend = server.base_url, settings.model or server.model, "llama.cpp"
        key = server.api_key or key
    elif not settings.model:
        raise FtdesignError(
            f"model role {settings.role}: {settings.base_url} needs a model name.",
            hint=f"set {settings.setting_name('model')}",
        )
    else:
        url, name = str(settings.base_url), settings.model
        trust.check_endpoint(settings.role, url, settings.setting_name("base_url"))
        if settings.api_key_env is not None:
            trust.announce_key(settings.role, settings.api_key_env, url)
        backend = settings.backend if settings.backend != "auto" else _probe_backend(url, key)
    options: dict[str, Any] = {
        "model": name,
        "base_url": url,
        "api_key": SecretStr(key),
        "temperature": settings.temperature,
        "seed": settings.seed,
        # An httpx.Timeout (unhashable) makes langchain-openai build a client for this model
        # instead of reusing one cached per URL, which breaks once its event loop has closed
        # (each CLI command and test runs its own loop).
        "timeout": httpx.Timeout(settings.timeout),
        # langchain-openai adds its own 120 s silence limit on async streams; a busy CPU can keep
        # a small local model silent longer while it prefills, so the role's timeout governs.
        "stream_chunk_timeout": float(settings.timeout),
        "max_retries": settings.max_retries,
        "stream_usage": True,
    }
    if backend == "llama.cpp" and settings.max_tokens is not None:
        options["extra_body"] = {"max_tokens": settings.max_tokens}
    else:
        options["max_tokens"] = settings.max_tokens
    options.update(chat_options)
    model = ChatOpenAI(**{k: v for k, v in options.items() if v is not None})
    return Endpoint(settings, model, url, backend)
