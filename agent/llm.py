"""How the agent talks to chat models: a configured role through models, or an injected one.

Every failure (endpoint down, timeout, cut-off reply, JSON that still breaks the schema
after repair) surfaces as FtdesignError, so a node can leave its state untouched and
tell the user what happened. Injected models (tests, custom clients) get the same
parse-validate-repair loop that models.structured applies to configured roles.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from pydantic import BaseModel

from ftdesign.agent.context import AgentContext
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.redact import redact

T = TypeVar("T", bound=BaseModel)
ATTEMPTS = 3
FENCE = re.compile(r"^```[a-zA-Z]*\n(.*?)\n```\s*$", re.DOTALL)


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
    from ftdesign.models.server import embedded_gguf_path
    from ftdesign.models.settings import load_role

    settings = load_role(role, ctx.project)  # type: ignore[arg-type]
    if not settings.is_local:
        return ModelUse(
            role, f"{settings.model} at {redact(str(settings.base_url))}", embedded=False
        )
    if settings.gguf is not None:
        return ModelUse(role, f"{settings.gguf.name} (local llama.cpp)", embedded=False)
    return ModelUse(role, embedded_gguf_path().stem, embedded=True)


def strip_fence(text: str) -> str:
    """The body of a reply wrapped in one ``` fence, else the reply itself."""
    match = FENCE.match(text.strip())
    return match.group(1) if match else text.strip()


def _json_of(text: str) -> Any:
    body = strip_fence(text)
    start, end = body.find("{"), body.rfind("}")
    return json.loads(body[start : end + 1] if start >= 0 < end else body, strict=False)


async def ask_text(ctx: AgentContext, messages: list[BaseMessage], max_tokens: int) -> str:
    """The agent role's reply as text; FtdesignError when it fails or is cut off."""
    injected = ctx.models.get("agent")
    try:
        if injected is not None:
            return strip_fence((await injected.ainvoke(messages)).text)
        from ftdesign.models import client

        reply = await client.acomplete("agent", messages, ctx.project, max_tokens=max_tokens)
    except FtdesignError:
        raise
    except Exception as error:  # an injected client may raise anything; report, not crash
        raise FtdesignError(f"model role agent: {type(error).__name__}: {error}") from error
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
    injected = ctx.models.get("agent")
    if injected is None:
        from ftdesign.models.structured import astructured

        return await astructured(
            "agent",
            schema,
            messages,
            ctx.project,
            repair=repair,
            max_tokens=max_tokens,
            max_attempts=attempts,
        )
    conversation, problem = list(messages), "no attempt made"
    for _ in range(attempts):
        try:
            text = (await injected.ainvoke(conversation)).text
        except Exception as error:
            raise FtdesignError(f"model role agent: {type(error).__name__}: {error}") from error
        try:
            value = schema.model_validate(_json_of(text))
            return repair(value) if repair else value
        except ValueError as error:  # bad JSON, schema violations and rejected repairs
            problem = str(error).splitlines()[0][:300]
            conversation += [
                AIMessage(text),
                HumanMessage(f"That reply is invalid: {problem}. Reply with corrected JSON only."),
            ]
    raise FtdesignError(
        f"model role agent: no valid {schema.__name__} after {attempts} attempts;"
        f" last problem: {problem}."
    )
