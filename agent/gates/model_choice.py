"""Gate 1, the base model: `model-choice.md`.

Starts after intake. Reads each candidate GGUF's header (context window, vocabulary,
quantization, size) and renders the seed's five-factor comparison with the decision
checklist; what only the user can measure (speed, base pass rate) stays an open item.
Candidates are the GGUF files named at intake (or `candidates: [...]` at the stop), else
the embedded demo model.
Passes when the document validates with no errors and the user approves it.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, Field

from ftdesign.agent.context import AgentContext
from ftdesign.agent.gates.base import Drafted, GateSpec
from ftdesign.agent.gates.common import adopt_text, approver, check_artifacts
from ftdesign.agent.gates.settings import parse_settings, revise_settings
from ftdesign.agent.records import Source
from ftdesign.agent.state import DesignState
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.model_choice import (
    DEFAULT_DEPLOYMENT,
    Candidate,
    ChoiceInputs,
    render_model_choice,
)

KIND = "model_choice"


class ChoiceSettings(BaseModel):
    """What the user can change at this gate, by words or `key: value` lines."""

    candidates: list[str] = Field(default_factory=list, description="GGUF file paths")
    chosen: int = Field(default=0, ge=0, description="index of the chosen candidate")
    rationale: str = ""
    train_seq_len: int = Field(default=4096, ge=256)
    training_memory_gb: float | None = Field(default=None, gt=0)
    deployment_target: str = DEFAULT_DEPLOYMENT


def local_ggufs() -> list[str]:
    """The embedded demo model's GGUF, the one candidate every install has."""
    from ftdesign.models import embedded_gguf_path

    try:
        return [str(embedded_gguf_path())]
    except FtdesignError:
        return []


def defaults(state: DesignState) -> ChoiceSettings:
    memory = re.search(r"(\d+(?:\.\d+)?)\s*GB", state.domain.hardware, re.IGNORECASE)
    d = state.domain
    rationale = (
        f"- Constraints from intake: hardware {d.hardware}; offline {d.offline_need}; budget"
        f" {d.budget}. Prefer the candidate whose window fits the token budget and whose"
        " quantized build runs on that hardware; confirm speed there and the base pass rate"
        " (gate 7) before committing."
    )
    return ChoiceSettings(
        candidates=d.candidates or local_ggufs(),
        rationale=rationale,
        training_memory_gb=float(memory.group(1)) if memory else None,
    )


def settings_of(state: DesignState) -> ChoiceSettings:
    saved = state.gate_inputs.get(KIND)
    return ChoiceSettings.model_validate(saved) if saved else defaults(state)


def render(settings: ChoiceSettings, project: Path) -> str:
    """The document; a budget saved by gate 2 (when revisiting) is included."""
    from ftdesign.tools.budget_io import load_budget
    from ftdesign.tools.gguf_facts import inspect_gguf

    if not settings.candidates:
        raise FtdesignError(
            "no candidate model to compare", hint="answer `candidates: [/path/model.gguf]`"
        )
    if settings.chosen >= len(settings.candidates):
        raise FtdesignError(f"chosen: {settings.chosen} is not one of the candidates (0-based)")
    candidates = [
        Candidate(facts=inspect_gguf(path), deployment_target=settings.deployment_target)
        for path in settings.candidates
    ]
    inputs = ChoiceInputs(
        candidates=candidates,
        chosen=settings.chosen,
        train_seq_len=settings.train_seq_len,
        training_memory_gb=settings.training_memory_gb,
        rationale=settings.rationale,
        budget=load_budget(project),
    )
    return render_model_choice(inputs)


async def draft(state: DesignState, ctx: AgentContext, sources: list[Source]) -> Drafted:
    settings = settings_of(state)
    return Drafted({KIND: render(settings, ctx.project)}, "rendered", inputs=settings.model_dump())


async def revise(
    state: DesignState, ctx: AgentContext, request: str, sources: list[Source]
) -> Drafted:
    settings = await revise_settings(state, ctx, request, ChoiceSettings, settings_of(state))
    return Drafted({KIND: render(settings, ctx.project)}, "rendered", inputs=settings.model_dump())


async def adopt(state: DesignState, ctx: AgentContext, text: str) -> Drafted:
    """Settings (`candidates: [...]`) re-render the document; Markdown replaces it."""
    settings = parse_settings(text, ChoiceSettings, settings_of(state))
    if settings is not None:
        return Drafted(
            {KIND: render(settings, ctx.project)}, "rendered", inputs=settings.model_dump()
        )
    return await adopt_text(KIND, text)


SPEC = GateSpec(
    step="model_choice",
    title="Model choice",
    question="Is this the model to fine-tune? Change it with `chosen: 1`, add models with"
    " `candidates: [path.gguf, ...]`, or set `training_memory_gb: 24`.",
    query="base model selection context window quantization vocabulary memory",
    artifacts=(KIND,),
    draft=draft,
    revise=revise,
    adopt=adopt,
    check=check_artifacts,
    approve=approver((KIND,)),
    redraft_on_revisit=True,
)
