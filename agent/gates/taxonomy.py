"""Gate 3, the input taxonomy: `config/input-taxonomy.yaml`.

Starts once the token budget is settled (passed or skipped). Drafts the closest worked
domain's taxonomy, adapted to the user's domain when the model may. Passes when the
file validates with no errors (weights sum to 1, edge cases allocated) and the user
approves it.
"""

from __future__ import annotations

from agent.context import AgentContext
from agent.gates.base import Drafted, GateSpec
from agent.gates.common import approve_artifacts, check_artifacts
from agent.gates.yaml_drafts import adopt_text, draft_yaml, normalised, normalised_map, revise_yaml
from agent.records import Issue, Source
from agent.state import DesignState
from tools.schemas.taxonomy import TaxonomyFile

KIND = "taxonomy"


def repair(file: TaxonomyFile) -> TaxonomyFile:
    """Topic weights and every {option: weight} dimension scaled to sum to 1."""
    data = file.to_data()
    body = data["taxonomy"]
    weights = normalised([topic["weight"] for topic in body["topics"]])
    for topic, weight in zip(body["topics"], weights, strict=True):
        topic["weight"] = weight
    for name, value in body.items():
        if name not in ("topics", "edge_cases") and isinstance(value, dict) and value:
            body[name] = normalised_map(value)
    return TaxonomyFile.from_data(data)


async def draft(state: DesignState, ctx: AgentContext, sources: list[Source]) -> Drafted:
    return await draft_yaml(state, ctx, KIND, TaxonomyFile, repair, sources)


async def revise(
    state: DesignState, ctx: AgentContext, request: str, sources: list[Source]
) -> Drafted:
    return await revise_yaml(state, ctx, KIND, TaxonomyFile, repair, request, sources)


async def adopt(state: DesignState, ctx: AgentContext, text: str) -> Drafted:
    return await adopt_text(KIND, text)


def check(state: DesignState, ctx: AgentContext, texts: dict[str, str]) -> list[Issue]:
    return check_artifacts(state, texts)


def approve(state: DesignState, ctx: AgentContext) -> dict:
    return approve_artifacts(state, ctx, (KIND,))


SPEC = GateSpec(
    step="taxonomy",
    title="Input taxonomy",
    question="Does this distribution of topics, styles, difficulty and edge cases fit your users?",
    query="input taxonomy dimensions weights edge cases share",
    artifacts=(KIND,),
    draft=draft,
    revise=revise,
    adopt=adopt,
    check=check,
    approve=approve,
    fmt="yaml",
)
