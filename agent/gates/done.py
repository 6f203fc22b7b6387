"""Done: the summary stop after the last gate.

Starts when no gate is left pending or stale. Shows every step's status, the files
written and the whole-project validation (what `ftdesign validate` will say). It is
not a gate: approving it ends the session even when skipped gates left findings,
and going back to any gate is still possible from here.
"""

from __future__ import annotations

from ftdesign.agent.context import AgentContext
from ftdesign.agent.gates.base import Drafted, GateSpec
from ftdesign.agent.records import Issue, Source
from ftdesign.agent.state import DesignState
from ftdesign.agent.validation import to_issue
from ftdesign.tools.artifacts import ARTIFACTS
from ftdesign.tools.errors import FtdesignError

NAME = "summary"


def summary(state: DesignState, ctx: AgentContext) -> str:
    lines = ["# Design session summary", "", "| Step | Status |", "|---|---|"]
    lines += [f"| {step} | {status} |" for step, status in state.statuses.items()]
    lines += ["", "## Files", ""]
    for artifact in ARTIFACTS.values():
        exists = (ctx.project / artifact.path).is_file()
        lines.append(f"- `{artifact.path}`: {'written' if exists else 'missing'}")
    skipped = [d for d in state.decisions if d.decision == "skipped"]
    lines += ["", "## Skipped gates", ""]
    lines += [f"- {d.gate}: {d.rationale}" for d in skipped] or ["- none"]
    lines += ["", "## Models", ""]
    lines += [f"- {role}: {name}" for role, name in state.models.items()] or ["- none used"]
    lines += ["", "## Completion", "", _completion(ctx)]
    lines += ["", f"{len(state.decisions)} decisions are logged in `.ftdesign/decisions.jsonl`."]
    lines += ["Next: `ftdesign validate` on this folder, then the data-generation phase."]
    return "\n".join(lines) + "\n"


def _completion(ctx: AgentContext) -> str:
    """The same checklist as `ftdesign status`, so the session and the shell agree."""
    from ftdesign.evals.evidence import evidence_lines
    from ftdesign.tools.completeness import completeness, render_checklist

    return render_checklist(completeness(ctx.project) + evidence_lines(ctx.project))


async def draft(state: DesignState, ctx: AgentContext, sources: list[Source]) -> Drafted:
    return Drafted({NAME: summary(state, ctx)}, "summary")


async def revise(
    state: DesignState, ctx: AgentContext, request: str, sources: list[Source]
) -> Drafted:
    raise FtdesignError(
        "the summary is not editable", hint="go back to a gate (`back to rubric`) to change it"
    )


async def adopt(state: DesignState, ctx: AgentContext, text: str) -> Drafted:
    return await revise(state, ctx, text, [])


def check(state: DesignState, ctx: AgentContext, texts: dict[str, str]) -> list[Issue]:
    from ftdesign.tools.validators import validate_project

    return [to_issue(f) for f in validate_project(ctx.project)]


def approve(state: DesignState, ctx: AgentContext) -> dict:
    return {}


SPEC = GateSpec(
    step="done",
    artifacts=(NAME,),
    draft=draft,
    revise=revise,
    adopt=adopt,
    check=check,
    approve=approve,
    redraft_on_revisit=True,
    skippable=False,
    blocking=False,
    editable=False,
    paths={NAME: "session summary"},
)
