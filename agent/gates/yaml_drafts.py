"""Drafting the YAML artifacts (taxonomy, rubric, personas) as pydantic objects.

The model answers with the artifact's own schema through structured output; the
gate's `repair` then fixes silly-but-valid content deterministically (weights that
do not sum to one) before the object is dumped back to YAML and validated. These
gates differ only in their artifact, schema and repair, so `yaml_gate` builds each one.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel

from ftdesign.agent.context import AgentContext
from ftdesign.agent.gates.base import Drafted, GateSpec
from ftdesign.agent.gates.common import (
    adopter,
    approver,
    check_artifacts,
    check_can_rewrite,
    keep_if_not_worse,
    origin_of,
    template,
    use_model,
    yaml_text,
)
from ftdesign.agent.llm import ask_structured
from ftdesign.agent.prompts import MODEL_FAILED, adapt_messages, change_messages
from ftdesign.agent.records import Source
from ftdesign.agent.state import DesignState, StepId
from ftdesign.tools.artifacts import ARTIFACTS
from ftdesign.tools.errors import FtdesignError


class ArtifactModel(Protocol):
    def to_data(self) -> dict[str, Any]: ...


M = TypeVar("M", bound=BaseModel)


def normalised(weights: list[float]) -> list[float]:
    """Weights scaled to sum to 1 (rounded to 3 places); all-zero becomes uniform."""
    total = sum(max(w, 0.0) for w in weights)
    if not weights:
        return weights
    if total <= 0:
        return [round(1 / len(weights), 3)] * len(weights)
    scaled = [round(max(w, 0.0) / total, 3) for w in weights]
    scaled[-1] = round(1 - sum(scaled[:-1]), 3)
    return scaled


def normalised_map(weights: dict[str, float]) -> dict[str, float]:
    return dict(zip(weights, normalised(list(weights.values())), strict=True))


async def draft_yaml(
    state: DesignState,
    ctx: AgentContext,
    kind: str,
    schema: type[M],
    repair: Callable[[M], M],
    sources: list[Source],
) -> Drafted:
    """The worked domain's file, adapted through structured output when the model may."""
    text, name = template(state, kind)
    if not use_model(ctx):
        return Drafted({kind: text}, f"template:{name}")
    title = ARTIFACTS[kind].title
    messages = adapt_messages(title, text, name, state.domain, sources)
    try:
        adapted = await ask_structured(ctx, schema, messages, ctx.draft_max_tokens, repair)
        new = yaml_text(adapted.to_data())  # type: ignore[attr-defined]
        return Drafted({kind: keep_if_not_worse(kind, text, new)}, origin_of(ctx))
    except FtdesignError as error:
        notice = MODEL_FAILED.format(
            task=f"adapt the template; the draft is the '{name}' template as is",
            error=error.message,
        )
        return Drafted({kind: text}, f"template:{name}", [notice])


async def revise_yaml(
    state: DesignState,
    ctx: AgentContext,
    kind: str,
    schema: type[M],
    repair: Callable[[M], M],
    request: str,
    sources: list[Source],
) -> Drafted:
    """The current draft with a change in words applied; FtdesignError when it fails."""
    check_can_rewrite(ctx, kind)
    current = state.artifacts[kind].current
    title = ARTIFACTS[kind].title
    messages = change_messages(title, current, request, state.domain, sources)
    revised = await ask_structured(ctx, schema, messages, ctx.draft_max_tokens, repair)
    new = yaml_text(revised.to_data())  # type: ignore[attr-defined]
    return Drafted({kind: keep_if_not_worse(kind, current, new)}, origin_of(ctx))


def yaml_gate(
    *,
    step: StepId,
    kind: str,
    schema: type[M],
    repair: Callable[[M], M],
) -> GateSpec:
    """The gate for one YAML artifact, drafted and revised through `schema` and `repair`."""

    async def draft(state: DesignState, ctx: AgentContext, sources: list[Source]) -> Drafted:
        return await draft_yaml(state, ctx, kind, schema, repair, sources)

    async def revise(
        state: DesignState, ctx: AgentContext, request: str, sources: list[Source]
    ) -> Drafted:
        return await revise_yaml(state, ctx, kind, schema, repair, request, sources)

    return GateSpec(
        step=step,
        artifacts=(kind,),
        draft=draft,
        revise=revise,
        adopt=adopter(kind),
        check=check_artifacts,
        approve=approver((kind,)),
        fmt="yaml",
    )
