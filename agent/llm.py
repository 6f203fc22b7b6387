"""How the agent talks to chat models: always through the models layer's public face.

Every failure (endpoint down, timeout, cut-off reply, JSON that still breaks the schema
after repair) surfaces as FtdesignError, so a node can leave its state untouched and
tell the user what happened. Models injected through `AgentContext.models` (tests,
custom clients) are plugged in with `models.use_models` around each call, so they run
through the same retry-and-repair loop as a configured role; there is no second loop here.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from langchain_core.messages import BaseMessage
from pydantic import BaseModel

from ftdesign.agent import warmup
from ftdesign.agent.context import AgentContext
from ftdesign.models import (
    acomplete,
    astructured,
    embedded_gguf_path,
    load_role,
    strip_fence,
    use_models,
)
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.redact import redact

T = TypeVar("T", bound=BaseModel)
ATTEMPTS = 3


@dataclass(frozen=True)
class ModelUse:
    """Which model serves a role; `embedded` marks the SmolLM2 demo model."""

    role: str
    name: str
    embedded: bool

    @property
    def label(self) -> str:
        return f"{self.name} (embedded demo model)" if self.embedded else self.name


def describe(ctx: AgentContext, role: str = "agent") -> ModelUse:
    injected = ctx.models.get(role)
    if injected is not None:
        name = getattr(injected, "model_name", None) or type(injected).__name__
        return ModelUse(role, str(name), embedded=False)
    settings = load_role(role, ctx.project)
    if not settings.is_local:
        return ModelUse(
            role, f"{settings.model} at {redact(str(settings.base_url))}", embedded=False
        )
    if settings.gguf is not None:
        return ModelUse(role, f"{settings.gguf.name} (local llama.cpp)", embedded=False)
    return ModelUse(role, embedded_gguf_path().stem, embedded=True)


async def _model_ready(ctx: AgentContext) -> None:
    """While `ftdesign ui` is still starting the agent's model, wait for that start (off the
    event loop) instead of starting a second server; an injected model needs no start."""
    if "agent" not in ctx.models:
        await warmup.ready(warmup.MODEL)


async def ask_text(ctx: AgentContext, messages: list[BaseMessage], max_tokens: int) -> str:
    """The agent role's reply as text; FtdesignError when it fails or is cut off."""
    await _model_ready(ctx)
    with use_models(ctx.models):
        reply = await acomplete("agent", messages, ctx.project, max_tokens=max_tokens)
    if reply.finish_reason == "length":
        raise FtdesignError(
            f"model role agent ({reply.model}): the reply was cut off at {max_tokens} tokens.",
            hint="use a model with a longer context or ask for a smaller change",
        )
    return strip_fence(reply.text)


async def ask_structured(
    ctx: AgentContext,
    schema: type[T],
    messages: list[BaseMessage],
    max_tokens: int,
    repair: Callable[[T], T] | None = None,
    attempts: int = ATTEMPTS,
) -> T:
    """A validated `schema` object from the agent role, repaired, or FtdesignError."""
    await _model_ready(ctx)
    with use_models(ctx.models):
        return await astructured(
            "agent",
            schema,
            messages,
            ctx.project,
            repair=repair,
            max_tokens=max_tokens,
            max_attempts=attempts,
        )
