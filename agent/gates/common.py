"""Helpers the artifact gates share: templates, the model's adaptation, writing on approval.

Gates that draft differently still take a paste, check and approve alike; `adopter`,
`check_artifacts` and `approver` are those shared parts, in the shape gates/base.py sets.

A model's rewrite is kept only when it does not break more validator checks than the
text it replaces; otherwise the gate keeps the old text and says why. That is what
lets a weak model take part without ever making a draft worse.
"""

from __future__ import annotations

from typing import Any

import yaml

from ftdesign.agent.context import AgentContext
from ftdesign.agent.gates.base import AdoptFn, ApproveFn, Drafted
from ftdesign.agent.llm import ask_text, describe
from ftdesign.agent.prompts import MODEL_FAILED, adapt_messages, change_messages
from ftdesign.agent.records import Issue, Source
from ftdesign.agent.state import DesignState
from ftdesign.agent.validation import errors, summary, validate_artifact
from ftdesign.tools.artifacts import ARTIFACTS
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.project_files import write_artifact


def use_model(ctx: AgentContext) -> bool:
    """Whether the model adapts templates (False for the embedded demo model by default)."""
    if ctx.draft_with_model is not None:
        return ctx.draft_with_model
    try:
        return not describe(ctx).embedded
    except FtdesignError:
        return False


def check_can_rewrite(ctx: AgentContext, kind: str) -> None:
    """Refuse, quickly and plainly, to have the demo model rewrite a whole artifact."""
    try:
        embedded = describe(ctx).embedded
    except FtdesignError:
        embedded = False
    if embedded and ctx.draft_with_model is not True:
        path = ARTIFACTS[kind].path
        raise FtdesignError(
            f"the embedded demo model is too small to rewrite {path}",
            hint="paste your own version (edit the draft shown above), or point the agent role"
            " at a stronger model (FTDESIGN_AGENT_MODEL / FTDESIGN_AGENT_GGUF)",
        )


def template(state: DesignState, kind: str) -> tuple[str, str]:
    """(text, domain) of the closest worked domain's version of an artifact."""
    from ftdesign.knowledge.domains import domain_artifact

    name = state.domain.closest_domain
    if not name:
        raise FtdesignError("intake did not pick a worked domain to start from")
    return domain_artifact(name, kind), name


def yaml_text(data: Any) -> str:
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=100)


def origin_of(ctx: AgentContext) -> str:
    try:
        return f"model:{describe(ctx).label}"
    except FtdesignError:
        return "model"


async def rewrite(
    state: DesignState, ctx: AgentContext, kind: str, request: str | None, sources: list[Source]
) -> str:
    """The model's Markdown rewrite of an artifact (adapted template, or changed draft)."""
    title = ARTIFACTS[kind].title
    if request is None:
        text, name = template(state, kind)
        messages = adapt_messages(title, text, name, state.domain, sources)
    else:
        current = state.artifacts[kind].current
        messages = change_messages(title, current, request, state.domain, sources)
    return await ask_text(ctx, messages, ctx.draft_max_tokens)


def keep_if_not_worse(kind: str, old: str, new: str) -> str:
    """`new` unless it breaks more checks than `old`; FtdesignError says what broke."""
    before, after = errors(validate_artifact(kind, old)), errors(validate_artifact(kind, new))
    if len(after) > len(before):
        raise FtdesignError(
            f"the rewrite of {ARTIFACTS[kind].path} has {summary(after)}"
            f" where the previous text had {len(before)}: {after[0].message}"
        )
    return new


async def draft_markdown(
    state: DesignState, ctx: AgentContext, kinds: tuple[str, ...], sources: list[Source]
) -> Drafted:
    """Templates for each Markdown artifact, adapted by the model when it is allowed to."""
    texts = {kind: template(state, kind)[0] for kind in kinds}
    origin = f"template:{state.domain.closest_domain}"
    if not use_model(ctx):
        return Drafted(texts, origin)
    notices = []
    for kind in kinds:
        try:
            new = await rewrite(state, ctx, kind, None, sources)
            texts[kind] = keep_if_not_worse(kind, texts[kind], new)
            origin = origin_of(ctx)
        except FtdesignError as error:
            task = f"adapt {ARTIFACTS[kind].path}; it keeps the template"
            notices.append(MODEL_FAILED.format(task=task, error=error.message))
    return Drafted(texts, origin, notices)


async def revise_markdown(
    state: DesignState,
    ctx: AgentContext,
    kinds: tuple[str, ...],
    request: str,
    sources: list[Source],
) -> Drafted:
    """Apply a change in words to the named Markdown artifacts; FtdesignError on failure."""
    texts = {}
    for kind in kinds:
        check_can_rewrite(ctx, kind)
        new = await rewrite(state, ctx, kind, request, sources)
        texts[kind] = keep_if_not_worse(kind, state.artifacts[kind].current, new)
    return Drafted(texts, origin_of(ctx))


async def adopt_text(kind: str, text: str) -> Drafted:
    """The user's own version, taken as is; validation will say what it lacks."""
    return Drafted({kind: text.strip() + "\n"}, "user")


def adopter(kind: str) -> AdoptFn:
    """A gate's `adopt` for its one artifact: the pasted text becomes the draft."""

    async def adopt(state: DesignState, ctx: AgentContext, text: str) -> Drafted:
        return await adopt_text(kind, text)

    return adopt


def check_artifacts(state: DesignState, ctx: AgentContext, texts: dict[str, str]) -> list[Issue]:
    """A gate's `check` when the artifact validators say all there is to say."""
    found = [validate_artifact(kind, text, ctx.project) for kind, text in texts.items()]
    return [issue for issues in found for issue in issues]


def approve_artifacts(state: DesignState, ctx: AgentContext, kinds: tuple[str, ...]) -> dict:
    """Write each approved draft atomically (history kept) and mark it approved."""
    records = dict(state.artifacts)
    for kind in kinds:
        record = records[kind]
        write_artifact(ctx.project, ARTIFACTS[kind].path, record.current)
        records[kind] = record.model_copy(update={"approved": record.current})
    return {"artifacts": records}


def approver(kinds: tuple[str, ...]) -> ApproveFn:
    """A gate's `approve` that writes these artifacts and nothing else."""

    def approve(state: DesignState, ctx: AgentContext) -> dict:
        from ftdesign.evals.evidence import refresh_model_choice

        written = approve_artifacts(state, ctx, kinds)
        refresh_model_choice(ctx.project)  # a new rubric or prompt makes measured rows stale
        return written

    return approve
