"""Gate 5, the persona template: `config/persona-template.yaml`.

Starts once the rubric is settled. Drafts communication styles with word limits, flaw
patterns that vary per message and a share of flawless personas, from the closest
worked domain. Passes when the template validates with no errors and the user
approves it.
"""

from __future__ import annotations

from typing import Any

from agent.context import AgentContext
from agent.gates.base import Drafted, GateSpec
from agent.gates.common import approve_artifacts, check_artifacts
from agent.gates.yaml_drafts import adopt_text, draft_yaml, normalised, revise_yaml
from agent.records import Issue, Source
from agent.state import DesignState
from tools.schemas.persona import PersonaTemplate

KIND = "persona"


def _fix_choice(choice: Any) -> None:
    if isinstance(choice, dict) and isinstance(choice.get("weights"), list):
        choice["weights"] = normalised([float(w) for w in choice["weights"]])


def repair(template: PersonaTemplate) -> PersonaTemplate:
    """Every weights list scaled to sum to 1 (styles, flaw groups, extra attributes)."""
    data = template.to_data()["persona_template"]
    _fix_choice(data["communication_style"])
    for group in ("primary", "secondary"):
        _fix_choice(data["flaw_patterns"].get(group))
    for name, value in data.items():
        if name not in ("communication_style", "flaw_patterns"):
            _fix_choice(value)
    return PersonaTemplate.from_data(data)


async def draft(state: DesignState, ctx: AgentContext, sources: list[Source]) -> Drafted:
    return await draft_yaml(state, ctx, KIND, PersonaTemplate, repair, sources)


async def revise(
    state: DesignState, ctx: AgentContext, request: str, sources: list[Source]
) -> Drafted:
    return await revise_yaml(state, ctx, KIND, PersonaTemplate, repair, request, sources)


async def adopt(state: DesignState, ctx: AgentContext, text: str) -> Drafted:
    return await adopt_text(KIND, text)


def check(state: DesignState, ctx: AgentContext, texts: dict[str, str]) -> list[Issue]:
    return check_artifacts(state, texts)


def approve(state: DesignState, ctx: AgentContext) -> dict:
    return approve_artifacts(state, ctx, (KIND,))


SPEC = GateSpec(
    step="personas",
    title="Persona template",
    question="Do these styles, word limits and flaws cover the people who will talk to the model?",
    query="persona template communication styles word limits flaw patterns per message",
    artifacts=(KIND,),
    draft=draft,
    revise=revise,
    adopt=adopt,
    check=check,
    approve=approve,
    fmt="yaml",
)
