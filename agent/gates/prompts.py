"""Gate 6, the three prompts: user simulator, assistant, and the system prompt baked into data.

Starts once the persona template is settled. Drafts each prompt from the closest worked
domain (adapted by the model when it may). Passes when all three validate with no
errors (the assistant prompt states length matching, question discipline, tentative
language and phrases to avoid; the simulator states word limits and non-cooperative
users) and the user approves them. The system prompt's size is checked against the
token budget saved by gate 2, because it is paid in every training example.
"""

from __future__ import annotations

import re

from ftdesign.agent.context import AgentContext
from ftdesign.agent.gates.base import Drafted, GateSpec
from ftdesign.agent.gates.common import approver, check_artifacts, draft_markdown, revise_markdown
from ftdesign.agent.records import Issue, Source
from ftdesign.agent.state import DesignState
from ftdesign.tools.artifacts import ARTIFACTS, Kind
from ftdesign.tools.errors import FtdesignError

KINDS: tuple[Kind, ...] = ("user_sim", "assistant", "system_prompt")
NAMES = {
    "user_sim": r"user[ _-]?sim|simulator",
    "assistant": r"assistant",
    "system_prompt": r"system",
}
HEADER = re.compile(r"^\s*(#\s*)?(file:\s*)?(?P<name>[\w./-]+\.md)\s*:?\s*\n", re.IGNORECASE)
BUDGET_SLACK = 1.25  # a system prompt this much over the budgeted size is worth a warning


def named_in(request: str) -> tuple[str, ...]:
    """The prompts a change request names; all three when it names none."""
    found = tuple(k for k in KINDS if re.search(NAMES[k], request, re.IGNORECASE))
    return found or KINDS


async def draft(state: DesignState, ctx: AgentContext, sources: list[Source]) -> Drafted:
    return await draft_markdown(state, ctx, KINDS, sources)


async def revise(
    state: DesignState, ctx: AgentContext, request: str, sources: list[Source]
) -> Drafted:
    return await revise_markdown(state, ctx, named_in(request), request, sources)


async def adopt(state: DesignState, ctx: AgentContext, text: str) -> Drafted:
    """A pasted prompt must start with the file it replaces, e.g. `assistant.md:`."""
    match = HEADER.match(text)
    name = match.group("name").lower() if match else ""
    kind = next((k for k in KINDS if ARTIFACTS[k].path.endswith(name) and name), None)
    if match is None or kind is None:
        raise FtdesignError(
            "a pasted prompt must say which of the three it replaces",
            hint="start the paste with a line `assistant.md:`, `user_sim.md:` or"
            " `system-prompt.md:`",
        )
    return Drafted({kind: text[match.end() :].strip() + "\n"}, "user")


def _budget_issue(ctx: AgentContext, system_prompt: str) -> list[Issue]:
    from ftdesign.tools.budget_io import load_budget
    from ftdesign.tools.tokens import count_tokens

    budget = load_budget(ctx.project)
    if budget is None:
        return []
    used = count_tokens(system_prompt)
    if used <= budget.system_prompt_tokens * BUDGET_SLACK:
        return []
    return [
        Issue(
            file=ARTIFACTS["system_prompt"].path,
            severity="warning",
            code="prompt.system_over_budget",
            message=f"the system prompt is {used:,} tokens; the token budget assumed"
            f" {budget.system_prompt_tokens:,} and every training example pays for it"
            " (go back to token economics, or shorten it)",
        )
    ]


def check(state: DesignState, ctx: AgentContext, texts: dict[str, str]) -> list[Issue]:
    found = check_artifacts(state, ctx, texts)
    return found + _budget_issue(ctx, texts.get("system_prompt", ""))


SPEC = GateSpec(
    step="prompts",
    artifacts=KINDS,
    draft=draft,
    revise=revise,
    adopt=adopt,
    check=check,
    approve=approver(KINDS),
)
