"""Gate 7, the baseline evaluation: `base-model-eval-results.md`.

Starts once the prompts are settled. Runs the evaluation harness (evals.task) on the
approved artifacts, streaming its progress, and shows the report with its pass rate
and decision band. When the harness cannot run, the draft says so plainly and states
`Status: evaluation unavailable`; no result is ever invented. Passes when the report
validates with no errors and the user approves the decision it documents.
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from typing import Any

from pydantic import BaseModel, Field

from ftdesign.agent.context import AgentContext
from ftdesign.agent.gates.base import Drafted, GateSpec
from ftdesign.agent.gates.common import adopter, approve_artifacts, check_artifacts
from ftdesign.agent.gates.settings import revise_settings
from ftdesign.agent.records import Source
from ftdesign.agent.state import DesignState
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.schemas.documents import EVAL_UNAVAILABLE, REQUIRED_SECTIONS

KIND = "eval_results"
CHOSEN = re.compile(r"chosen:\s*(\d+)", re.IGNORECASE)
EVAL_ROLES = ("simulator", "candidate", "judge")


class EvalSettings(BaseModel):
    scenarios: int = Field(default=20, ge=1, le=500)
    turns: int | None = Field(default=None, ge=1, le=50)  # None: gate 2's planned exchanges
    seed: int = 0


def unavailable(reason: str) -> str:
    """The report written when nothing could be measured: every section says so."""
    lines = [
        "# Base model evaluation",
        "",
        EVAL_UNAVAILABLE,
        "",
        f"No scenarios were run, so there is no pass rate and no decision. Reason: {reason}",
        "",
    ]
    for heading in REQUIRED_SECTIONS[KIND]:
        lines += [f"## {heading}", "", "Not measured: evaluation unavailable.", ""]
    return "\n".join(lines)


def settings_of(state: DesignState, ctx: AgentContext) -> EvalSettings:
    saved = state.gate_inputs.get("baseline_eval")
    if saved:
        return EvalSettings.model_validate(saved)
    return EvalSettings(scenarios=ctx.eval_scenarios, turns=ctx.eval_turns)


def _harness() -> Callable[..., Awaitable[Any]] | None:
    try:  # every candidate model-choice.md lists, side by side when there are several
        from ftdesign.evals.multi_run import arun_candidates
    except ImportError:
        return None
    return arun_candidates


async def evaluate(ctx: AgentContext, settings: EvalSettings) -> Drafted:
    """Run the harness with progress events; an unavailable report when it cannot run."""
    from langgraph.config import get_stream_writer

    inputs = settings.model_dump()
    runner = ctx.eval_runner or _harness()
    if runner is None:
        reason = "the evaluation harness (evals.task) is not installed"
        return Drafted({KIND: unavailable(reason)}, "unavailable", [reason], inputs)
    try:
        from ftdesign.tools.fit_for_use import require_fit_for_eval

        require_fit_for_eval(ctx.project)  # even a test's runner: no model on broken inputs
    except FtdesignError as error:
        return _could_not_run(error, inputs)
    write = get_stream_writer()

    def progress(step: Any) -> None:
        detail = f" ({step.detail})" if step.detail else ""
        write({"kind": "progress", "text": f"{step.stage}: {step.done}/{step.total}{detail}"})

    try:
        output = await runner(
            ctx.project,
            scenarios=settings.scenarios,
            turns=settings.turns,
            seed=settings.seed,
            progress=progress,
        )
    except FtdesignError as error:
        return _could_not_run(error, inputs)
    text = output.report.read_text(encoding="utf-8")
    notice = f"Evaluation finished: pass rate {output.pass_rate:.0%} ({output.report.name})."
    return Drafted({KIND: text}, "evaluation", [notice], inputs, models=_eval_models(ctx))


def _could_not_run(error: FtdesignError, inputs: dict[str, Any]) -> Drafted:
    reason = str(error).replace("\n", " ")
    notice = f"The evaluation could not run: {reason}"
    return Drafted({KIND: unavailable(reason)}, "unavailable", [notice], inputs)


def _eval_models(ctx: AgentContext) -> dict[str, str]:
    from ftdesign.agent.llm import describe

    found = {}
    for role in EVAL_ROLES:
        try:
            found[role] = describe(ctx, role).label
        except FtdesignError:
            continue
    return found


async def draft(state: DesignState, ctx: AgentContext, sources: list[Source]) -> Drafted:
    return await evaluate(ctx, settings_of(state, ctx))


async def revise(
    state: DesignState, ctx: AgentContext, request: str, sources: list[Source]
) -> Drafted:
    """A change here means: run again, with new settings if the request names any;
    `chosen: N` instead makes candidate N the chosen model, with no new run."""
    switch = CHOSEN.fullmatch(request.strip())
    if switch:
        return switch_choice(state, ctx, int(switch.group(1)))
    current = settings_of(state, ctx)
    try:
        settings = await revise_settings(state, ctx, request, EvalSettings, current)
    except FtdesignError:
        settings = current
    return await evaluate(ctx, settings)


def switch_choice(state: DesignState, ctx: AgentContext, position: int) -> Drafted:
    """Rewrite model-choice.md (versioned) with another chosen candidate, measured rows kept."""
    from ftdesign.agent.gates import model_choice
    from ftdesign.tools.project_files import write_artifact

    choice = model_choice.settings_of(state)
    if position >= len(choice.candidates):
        raise FtdesignError(
            f"chosen: {position} is not one of the {len(choice.candidates)} candidates",
            hint="use the `chosen: N` shown under a model's name in the side-by-side table",
        )
    chosen = choice.model_copy(update={"chosen": position})
    text = model_choice.render(chosen, ctx.project, ctx.confined_models)
    write_artifact(ctx.project, "model-choice.md", text)
    report = (ctx.project / "base-model-eval-results.md").read_text(encoding="utf-8")
    notice = f"model-choice.md now chooses {choice.candidates[position]}; no new run needed."
    inputs = settings_of(state, ctx).model_dump()
    # Gate 1's record and settings follow the file, so a revisit keeps this choice.
    texts = {KIND: report, model_choice.KIND: text}
    upstream = {model_choice.KIND: chosen.model_dump()}
    return Drafted(texts, "evaluation", [notice], inputs, upstream_inputs=upstream)


def approve(state: DesignState, ctx: AgentContext) -> dict:
    """A withheld verdict ("No recommendation yet") is approved only with a stated reason."""
    from ftdesign.evals.verdict import is_withheld, with_approval

    record = state.artifacts[KIND]
    why = state.reply.text.strip() if state.reply else ""
    if record.current and is_withheld(record.current):
        if not why:
            raise FtdesignError(
                "the report withholds its recommendation, so approving it needs a reason",
                hint="reply `approve: <why>`; the reason goes to the decision log and the report",
            )
        record = record.model_copy(update={"current": with_approval(record.current, why)})
        state = state.model_copy(update={"artifacts": {**state.artifacts, KIND: record}})
    return approve_artifacts(state, ctx, (KIND,))


SPEC = GateSpec(
    step="baseline_eval",
    artifacts=(KIND,),
    draft=draft,
    revise=revise,
    adopt=adopter(KIND),
    check=check_artifacts,
    approve=approve,
    redraft_on_revisit=True,
)
