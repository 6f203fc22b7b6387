"""Gate 4, the evaluation rubric: `config/rubric.yaml`.

Starts once the taxonomy is settled. Drafts binary criteria in weighted categories with
safety gates and calibration examples, from the closest worked domain. Passes when the
rubric validates with no errors (weights sum to 1, 3-8 calibration examples per
criterion, gates named) and the user approves it. Calibration examples are refined
one criterion at a time in the UI, or by change requests here.
"""

from __future__ import annotations

from agent.context import AgentContext
from agent.gates.base import Drafted, GateSpec
from agent.gates.common import approve_artifacts, check_artifacts
from agent.gates.yaml_drafts import adopt_text, draft_yaml, normalised, revise_yaml
from agent.records import Issue, Source
from agent.state import DesignState
from tools.schemas.rubric import Rubric

KIND = "rubric"


def repair(rubric: Rubric) -> Rubric:
    """Weighted categories scaled to sum to 1; gate-only groups keep no weight."""
    weighted = rubric.weighted_categories
    weights = normalised([c.weight or 0.0 for c in weighted.values()])
    categories = dict(rubric.categories)
    for (name, category), weight in zip(weighted.items(), weights, strict=True):
        categories[name] = category.model_copy(update={"weight": weight})
    return rubric.model_copy(update={"categories": categories})


async def draft(state: DesignState, ctx: AgentContext, sources: list[Source]) -> Drafted:
    return await draft_yaml(state, ctx, KIND, Rubric, repair, sources)


async def revise(
    state: DesignState, ctx: AgentContext, request: str, sources: list[Source]
) -> Drafted:
    return await revise_yaml(state, ctx, KIND, Rubric, repair, request, sources)


async def adopt(state: DesignState, ctx: AgentContext, text: str) -> Drafted:
    return await adopt_text(KIND, text)


def check(state: DesignState, ctx: AgentContext, texts: dict[str, str]) -> list[Issue]:
    return check_artifacts(state, texts)


def approve(state: DesignState, ctx: AgentContext) -> dict:
    return approve_artifacts(state, ctx, (KIND,))


SPEC = GateSpec(
    step="rubric",
    title="Evaluation rubric",
    question="Are these the yes/no questions a good conversation must pass, and are the"
    " safety gates complete?",
    query="rubric binary criteria categories weights safety gates calibration examples",
    artifacts=(KIND,),
    draft=draft,
    revise=revise,
    adopt=adopt,
    check=check,
    approve=approve,
    fmt="yaml",
)
