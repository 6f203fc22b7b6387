"""Deciding what a step's drafting node starts from, and producing that draft.

In order: the user's pasted text, a change the user asked for, the current draft when a
step is revisited (unless it is rendered from settings and can simply be redone), the
project's own files (uploaded, or left by an earlier session), and only then the gate's
own first draft. A failure returns a message and no draft, so the state stays as it was.
"""

from __future__ import annotations

from ftdesign.agent.context import AgentContext
from ftdesign.agent.gates.base import Drafted, GateSpec
from ftdesign.agent.prompts import CHANGE_FAILED
from ftdesign.agent.records import Source
from ftdesign.agent.state import DesignState
from ftdesign.tools.artifacts import ARTIFACTS
from ftdesign.tools.errors import FtdesignError

OWN = ("user", "project")  # drafts the user wrote: never replaced by a re-rendering


def _keeps_current(spec: GateSpec, state: DesignState) -> bool:
    """A revisited step keeps its drafts, unless they are rendered and not the user's."""
    records = [state.artifacts.get(name) for name in spec.artifacts]
    if not all(r is not None and r.current for r in records):
        return False
    user_written = any(r.drafts and r.drafts[-1].origin in OWN for r in records if r)
    return user_written or not spec.redraft_on_revisit


def _project_files(spec: GateSpec, ctx: AgentContext) -> dict[str, str]:
    """Artifacts already in the project folder (uploaded, or from an earlier session)."""
    found: dict[str, str] = {}
    for name in spec.artifacts:
        path = ctx.project / spec.path_of(name)
        if name in ARTIFACTS and path.is_file():
            found[name] = path.read_text(encoding="utf-8", errors="replace")
    return found


async def _first_draft(
    spec: GateSpec, state: DesignState, ctx: AgentContext, sources: list[Source]
) -> Drafted:
    """The project's own files where they exist; the gate drafts the rest."""
    existing = _project_files(spec, ctx)
    if existing and set(existing) == set(spec.artifacts):
        files = ", ".join(spec.path_of(name) for name in existing)
        return Drafted(existing, "project", [f"Starting from the project's own {files}."])
    drafted = await spec.draft(state, ctx, sources)
    drafted.texts.update(existing)
    return drafted


async def produce(
    spec: GateSpec, state: DesignState, ctx: AgentContext, sources: list[Source]
) -> tuple[Drafted | None, str | None]:
    """(new drafts or None to keep the current ones, a failure message or None)."""
    reply = state.reply
    try:
        if reply is not None and reply.kind == "paste":
            return await spec.adopt(state, ctx, reply.text), None
        if reply is not None and reply.kind == "change":
            return await spec.revise(state, ctx, reply.text, sources), None
        if _keeps_current(spec, state):
            return None, None
        return await _first_draft(spec, state, ctx, sources), None
    except FtdesignError as error:
        first = str(error).replace("\n", " ")
        if reply is not None and reply.kind == "paste":
            return None, f"Your text was not used: {first}"
        if reply is not None:
            return None, CHANGE_FAILED.format(error=first)
        return None, f"Could not draft {spec.title}: {first}"
