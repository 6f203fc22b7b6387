"""The agent-led review at each gate: the guide's checklist plus an expert role-play critique.

The model judges each checklist item and plays 3-5 experts who fit the domain; the
verdict itself is computed, not asked for: PASS only when the validators found no
errors or warnings and every checklist item holds. Validator findings become the
first suggested edits, so "apply 1" fixes what the tools can prove is wrong.
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel, Field

from agent.context import AgentContext
from agent.llm import ask_structured, describe
from agent.prompts import review_messages
from agent.records import ChecklistCheck, ExpertCritique, Issue, Review
from agent.retrieval import checklist as gate_checklist
from agent.state import DesignState
from agent.validation import describe as describe_issue
from tools.errors import FtdesignError

MAX_SUGGESTIONS = 6
ATTEMPTS = 2  # a panel that is still invalid after one correction is not worth more waiting
# What each expert panel should press on, per gate (used when no model can run the panel).
FOCUS = {
    "model_choice": "speed on the real device and the vocabulary's logits memory",
    "token_economics": "whether the longest realistic conversation fits without slicing away"
    " context",
    "taxonomy": "missing users, stances and presentations; edge cases near 15 %",
    "rubric": "a bad reply that passes every criterion; incomplete safety gates",
    "personas": "flaws that never vary per message; too few flawless personas",
    "prompts": "whether the assistant prompt produces what the rubric rewards",
    "baseline_eval": "scenarios that miss edge-case types; unread truncated replies",
}
PANEL = ("Domain practitioner", "Safety specialist", "User advocate", "Evaluation researcher")


class Expert(BaseModel):
    """One panellist as the model must write it: every field filled in."""

    name: str = Field(min_length=2)
    role: str = Field(min_length=3)
    risks: list[str] = Field(min_length=1, max_length=3)
    inadequate_pass: str = Field(min_length=10)
    missed_users: str = Field(min_length=3)


class ReviewDraft(BaseModel):
    """What the model returns; the verdict and numbering are added by code."""

    checklist: list[ChecklistCheck] = Field(default_factory=list)
    experts: list[Expert] = Field(min_length=3, max_length=5)
    suggestions: list[str] = Field(default_factory=list, max_length=5)


def aligned(items: list[str]) -> Callable[[ReviewDraft], ReviewDraft]:
    """A repair that pins the checklist to the guide's own items, in order."""

    def repair(draft: ReviewDraft) -> ReviewDraft:
        checks = list(draft.checklist[: len(items)])
        checks += [
            ChecklistCheck(item=i, ok=False, note="not assessed") for i in items[len(checks) :]
        ]
        fixed = [c.model_copy(update={"item": item}) for c, item in zip(checks, items, strict=True)]
        return draft.model_copy(update={"checklist": fixed})

    return repair


def fallback(step: str, domain: str, items: list[str]) -> ReviewDraft:
    """An honest placeholder: the checklist unassessed and the panel's questions unanswered."""
    focus = FOCUS.get(step, "what this artifact misses")
    experts = [
        Expert(
            name=name,
            role=f"{name.lower()} for {domain or 'this domain'}",
            risks=[f"check {focus}"],
            inadequate_pass="not assessed: no model ran the panel",
            missed_users="not assessed",
        )
        for name in PANEL
    ]
    checks = [ChecklistCheck(item=i, ok=False, note="not assessed by a model") for i in items]
    return ReviewDraft(checklist=checks, experts=experts)


async def review(
    step: str, title: str, state: DesignState, ctx: AgentContext, text: str, found: list[Issue]
) -> Review:
    """Checklist, expert panel and suggested edits for a draft; never raises for the model."""
    items = gate_checklist(step)
    problems = [i for i in found if i.severity != "info"]
    messages = review_messages(
        title, text, items, state.domain, [describe_issue(i) for i in problems]
    )
    try:
        reviewer = describe(ctx).label
        draft = await ask_structured(
            ctx, ReviewDraft, messages, ctx.review_max_tokens, aligned(items), ATTEMPTS
        )
    except FtdesignError as error:
        reviewer = f"none (the model failed: {str(error).splitlines()[0][:200]})"
        draft = fallback(step, state.domain.description, items)
    fixes = [f"Fix {i.code}: {i.message}" for i in problems]
    suggestions = list(dict.fromkeys(fixes + draft.suggestions))[:MAX_SUGGESTIONS]
    clean = not problems and all(c.ok for c in draft.checklist)
    return Review(
        verdict="PASS" if clean else "CONCERNS",
        checklist=draft.checklist,
        experts=[ExpertCritique(**expert.model_dump()) for expert in draft.experts],
        suggestions=suggestions,
        reviewer=reviewer,
    )
