"""Gates whose draft is rendered from settings (model choice, token budget, intake).

A change request is first read as settings (`ceiling: 8192`, `chosen = 1`, one per
line or comma-separated); only words that are not settings go to the model, which
answers with the whole settings object through structured output.
"""

from __future__ import annotations

import re
from typing import Any, TypeVar

from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, ValidationError

from ftdesign.agent.context import AgentContext
from ftdesign.agent.llm import ask_structured
from ftdesign.agent.prompts import DRAFTER, domain_brief
from ftdesign.agent.state import DesignState
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.yaml_load import NOT_YAML, load_loose

S = TypeVar("S", bound=BaseModel)
PAIR = re.compile(r"\b([A-Za-z_]\w*)\s*[:=]\s*([^,;\n]+)")


def _value(text: str) -> Any:
    value = load_loose(text.strip(), "the reply")
    return text.strip() if value is NOT_YAML else value


def _pairs(text: str) -> dict[str, Any]:
    """`key: value` items: a YAML mapping, or items found anywhere ("run with turns: 2")."""
    data = load_loose(text, "the reply")  # a deeply nested reply is refused, clearly
    if isinstance(data, dict) and all(isinstance(k, str) and k.isidentifier() for k in data):
        return data
    return {m.group(1): _value(m.group(2)) for m in PAIR.finditer(text)}


def parse_settings(text: str, model: type[S], current: S) -> S | None:
    """`current` updated from settings written in `text`; None when the text is not that."""
    pairs = _pairs(text)
    if not pairs or not set(pairs) <= set(model.model_fields):
        return None
    try:
        return model.model_validate({**current.model_dump(), **pairs})
    except ValidationError as error:
        problem = error.errors()[0]
        where = ".".join(str(p) for p in problem["loc"])
        raise FtdesignError(
            f"setting {where}: {problem['msg']}",
            hint=f"valid settings: {', '.join(model.model_fields)}",
        ) from error


async def revise_settings(
    state: DesignState, ctx: AgentContext, request: str, model: type[S], current: S
) -> S:
    """Settings from the request's own `key: value` items, else from the model."""
    parsed = parse_settings(request, model, current)
    if parsed is not None:
        return parsed
    messages = [
        SystemMessage(DRAFTER),
        HumanMessage(
            f"{domain_brief(state.domain)}\n\nCurrent settings (JSON):\n"
            f"{current.model_dump_json(indent=1)}\n\nApply this change and return all the"
            f" settings: {request}"
        ),
    ]
    return await ask_structured(ctx, model, messages, ctx.reply_max_tokens)
