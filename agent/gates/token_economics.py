"""Gate 2, the token budget: the `## Token budget` section of `model-choice.md`.

Starts once the model choice is settled. Plans the longest training example from the
ceiling, the system prompt's real size (counted with the chosen model's tokenizer)
and the tokens per exchange, then prices it in the seed's cost bands. Passes when the
plan fits the chosen model's window and the user approves; approval saves
`.ftdesign/budget.json`, which the prompts and evaluation gates check against.
"""

from __future__ import annotations

import re

from ftdesign.agent.context import AgentContext
from ftdesign.agent.gates.base import Drafted, GateSpec
from ftdesign.agent.gates.budget_plan import BudgetSettings, plan, settings_of, window_of
from ftdesign.agent.gates.settings import parse_settings, revise_settings
from ftdesign.agent.records import ArtifactRecord, Issue, Source
from ftdesign.agent.state import DesignState
from ftdesign.tools.budget import DEFAULT_CEILING
from ftdesign.tools.errors import FtdesignError

NAME = "token_budget"
SECTION = "## Token budget"


def _drafted(state: DesignState, settings: BudgetSettings) -> Drafted:
    from ftdesign.tools.budget_io import render_budget

    text = render_budget(plan(state, settings))
    return Drafted({NAME: text}, "rendered", inputs=settings.model_dump())


async def draft(state: DesignState, ctx: AgentContext, sources: list[Source]) -> Drafted:
    return _drafted(state, settings_of(state))


async def revise(
    state: DesignState, ctx: AgentContext, request: str, sources: list[Source]
) -> Drafted:
    settings = await revise_settings(state, ctx, request, BudgetSettings, settings_of(state))
    return _drafted(state, settings)


async def adopt(state: DesignState, ctx: AgentContext, text: str) -> Drafted:
    settings = parse_settings(text, BudgetSettings, settings_of(state))
    if settings is None:
        raise FtdesignError(
            "the token budget is computed, not pasted",
            hint="paste settings instead, e.g. `ceiling: 8192` and `tokens_per_exchange: 450`",
        )
    return _drafted(state, settings)


def check(state: DesignState, ctx: AgentContext, texts: dict[str, str]) -> list[Issue]:
    budget, found, window = plan(state, settings_of(state)), [], window_of(state)

    def issue(severity: str, code: str, message: str) -> None:
        found.append(Issue(file="model-choice.md", severity=severity, code=code, message=message))  # type: ignore[arg-type]

    if budget.max_exchanges < 1:
        issue("error", "budget.no_room", "the system prompt and buffer leave no room for a turn")
    if window and budget.ceiling > window:
        issue(
            "error",
            "budget.over_window",
            f"ceiling {budget.ceiling:,} exceeds the chosen"
            f" model's {window:,}-token window; lower `ceiling`",
        )
    elif window and budget.ceiling > window // 2:
        issue(
            "warning",
            "budget.near_window",
            f"ceiling {budget.ceiling:,} is over half the"
            f" {window:,}-token window; practical limits sit well under it",
        )
    if budget.ceiling > DEFAULT_CEILING:
        issue("warning", "budget.over_16k", "above 16K per example, cost rises steeply")
    return found


def with_section(document: str, section: str) -> str:
    """`document` with its token-budget section replaced, or the section appended."""
    pattern = re.compile(rf"^{re.escape(SECTION)}\s*$.*?(?=^## |\Z)", re.MULTILINE | re.DOTALL)
    if pattern.search(document):
        return pattern.sub(lambda _: section.rstrip() + "\n\n", document).rstrip() + "\n"
    return document.rstrip() + "\n\n" + section


def approve(state: DesignState, ctx: AgentContext) -> dict:
    """Save budget.json; add the section to model-choice.md when that document exists."""
    from ftdesign.tools.budget_io import save_budget
    from ftdesign.tools.project_files import write_artifact

    save_budget(ctx.project, plan(state, settings_of(state)))
    records = dict(state.artifacts)
    section = records[NAME].current
    records[NAME] = records[NAME].model_copy(update={"approved": section})
    choice = records.get("model_choice")
    path = ctx.project / "model-choice.md"
    existing = choice.approved if choice else None
    if existing is None and path.is_file():
        existing = path.read_text(encoding="utf-8")
    if existing is None:  # model choice was skipped: budget.json alone records the plan
        return {"artifacts": records}
    document = with_section(existing, section)
    write_artifact(ctx.project, "model-choice.md", document)
    record = choice or ArtifactRecord(name="model_choice", path="model-choice.md")
    records["model_choice"] = record.revise(document, "approved").model_copy(
        update={"approved": document}
    )
    return {"artifacts": records}


SPEC = GateSpec(
    step="token_economics",
    artifacts=(NAME,),
    draft=draft,
    revise=revise,
    adopt=adopt,
    check=check,
    approve=approve,
    redraft_on_revisit=True,
    paths={NAME: "model-choice.md (## Token budget)"},
)
