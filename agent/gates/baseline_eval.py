"""Gate 7, the baseline evaluation: `base-model-eval-results.md`.

Starts once the prompts are settled. Runs the evaluation harness (evals.task) on the
approved artifacts, streaming its progress, and shows the report with its pass rate
and decision band. When the harness cannot run, the draft says so plainly and states
`Status: evaluation unavailable`; no result is ever invented. Passes when the report
validates with no errors and the user approves the decision it documents.
"""

from __future__ import annotations

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
    try:
        from ftdesign.evals.task import arun_eval
    except ImportError:
        return None
    return arun_eval


async def evaluate(ctx: AgentContext, settings: EvalSettings) -> Drafted:
    """Run the harness with progress events; an unavailable report when it cannot run."""
    from langgraph.config import get_stream_writer

    inputs = settings.model_dump()
    runner = ctx.eval_runner or _harness()
    if runner is None:
        reason = "the evaluation harness (evals.task) is not installed"
        return Drafted({KIND: unavailable(reason)}, "unavailable", [reason], inputs)
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
        reason = str(error).replace("\n", " ")
        notice = f"The evaluation could not run: {reason}"
        return Drafted({KIND: unavailable(reason)}, "unavailable", [notice], inputs)
    text = output.report.read_text(encoding="utf-8")
    notice = f"Evaluation finished: pass rate {output.pass_rate:.0%} ({output.report.name})."
    return Drafted({KIND: text}, "evaluation", [notice], inputs, models=_eval_models(ctx))


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
    """A change here means: run again, with new settings if the request names any."""
    current = settings_of(state, ctx)
    try:
        settings = await revise_settings(state, ctx, request, EvalSettings, current)
    except FtdesignError:
        settings = current
    return await evaluate(ctx, settings)


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
    title="Baseline evaluation",
    question="Does this result support the decision to fine-tune? Say `run again with"
    " scenarios: 20` to re-run, or paste results from your own evaluation.",
    query="base model evaluation pass rate decision bands scenarios",
    artifacts=(KIND,),
    draft=draft,
    revise=revise,
    adopt=adopter(KIND),
    check=check_artifacts,
    approve=approve,
    redraft_on_revisit=True,
)
