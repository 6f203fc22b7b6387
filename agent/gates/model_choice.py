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
from ftdesign.agent.gates.candidates import candidate_facts
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


def render(settings: ChoiceSettings, project: Path, confined: bool = False) -> str:
    """The document; a budget saved by gate 2 (when revisiting) is included. `confined`
    (the browser app): candidates only from the models folder (gates/candidates.py)."""
    from ftdesign.tools.budget_io import load_budget

    if not settings.candidates:
        raise FtdesignError(
            "no candidate model to compare", hint="answer `candidates: [/path/model.gguf]`"
        )
    if settings.chosen >= len(settings.candidates):
        raise FtdesignError(f"chosen: {settings.chosen} is not one of the candidates (0-based)")
    candidates = [
        Candidate(facts=facts, deployment_target=settings.deployment_target)
        for facts in candidate_facts(settings.candidates, confined)
    ]
    inputs = ChoiceInputs(
        candidates=candidates,
        chosen=settings.chosen,
        train_seq_len=settings.train_seq_len,
        training_memory_gb=settings.training_memory_gb,
        rationale=settings.rationale,
        budget=load_budget(project),
    )
    return with_evidence(render_model_choice(inputs), project)


def with_evidence(text: str, project: Path) -> str:
    """Measured rows from the last baseline run kept (and marked stale when outdated)."""
    from ftdesign.evals.evidence import fill_evidence, inputs_digest, mark_stale
    from ftdesign.evals.multi_run import load_side_by_side

    return mark_stale(fill_evidence(text, load_side_by_side(project)), inputs_digest(project))


async def draft(state: DesignState, ctx: AgentContext, sources: list[Source]) -> Drafted:
    settings = settings_of(state)
    text = render(settings, ctx.project, ctx.confined_models)
    return Drafted({KIND: text}, "rendered", inputs=settings.model_dump())


async def revise(
    state: DesignState, ctx: AgentContext, request: str, sources: list[Source]
) -> Drafted:
    settings = await revise_settings(state, ctx, request, ChoiceSettings, settings_of(state))
    text = render(settings, ctx.project, ctx.confined_models)
    return Drafted({KIND: text}, "rendered", inputs=settings.model_dump())


async def adopt(state: DesignState, ctx: AgentContext, text: str) -> Drafted:
    """Settings (`candidates: [...]`) re-render the document; Markdown replaces it."""
    settings = parse_settings(text, ChoiceSettings, settings_of(state))
    if settings is not None:
        text = render(settings, ctx.project, ctx.confined_models)
        return Drafted({KIND: text}, "rendered", inputs=settings.model_dump())
    return await adopt_text(KIND, text)


SPEC = GateSpec(
    step="model_choice",
    artifacts=(KIND,),
    draft=draft,
    revise=revise,
    adopt=adopt,
    check=check_artifacts,
    approve=approver((KIND,)),
    redraft_on_revisit=True,
)
