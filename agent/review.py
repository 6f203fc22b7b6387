"""The agent-led review at each gate: the guide's checklist plus an expert role-play critique.

The model judges each checklist item and plays 3-5 experts who fit the domain; the
verdict itself is computed, not asked for: PASS only when the validators found no
errors or warnings and every checklist item holds. Validator findings become the
first suggested edits, so "apply 1" fixes what the tools can prove is wrong.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from pydantic import AfterValidator, BaseModel, Field, StringConstraints

from ftdesign.agent.context import AgentContext
from ftdesign.agent.honest_review import (
    DEMO_PANEL,
    DEMO_REVIEWER,
    demo_checklist,
    review_by_model,  # re-exported: nodes ask it for the one-time notice
    screened_checks,
    screened_experts,
    screened_suggestions,
)
from ftdesign.agent.llm import ask_structured, describe
from ftdesign.agent.prompts import review_messages
from ftdesign.agent.records import Issue, Review
from ftdesign.agent.retrieval import checklist as gate_checklist
from ftdesign.agent.state import DesignState
from ftdesign.agent.validation import describe as describe_issue
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.steps import REGISTRY

MAX_SUGGESTIONS = 6
MIN_EXPERTS = 3
MAX_CHECKS = 8  # the longest gate checklist in the guides (a test keeps it so)
ATTEMPTS = 2  # a panel that is still invalid after one correction is not worth more waiting
# What each expert panel should press on, per gate (used when no model can run the panel).
FOCUS = {step.id: step.focus or "" for step in REGISTRY.gates}  # from tools/steps.py
PANEL = ("Domain practitioner", "Safety specialist", "User advocate", "Evaluation researcher")


# Every string and list the model writes is bounded in the schema, so grammar-constrained
# decoding closes prose JSON inside `review_max_tokens` (a 135M model otherwise rambles to the
# limit and is cut off mid-string; random characters, ~1.5 per token, can still overrun).
# Strings are read onto one line: small models put raw tabs and newlines in them, which would
# break the panel's layout in chat and terminal.
Line = Annotated[str, AfterValidator(lambda text: " ".join(text.split()))]
Phrase = Annotated[Line, StringConstraints(min_length=3, max_length=100)]
Suggestion = Annotated[Line, StringConstraints(min_length=15, max_length=100)]  # an edit


class CheckAnswer(BaseModel):
    """The model's answer to one checklist item; items are matched by position."""

    ok: bool
    note: str = Field(default="", max_length=80)


class Expert(BaseModel):
    """One panellist as the model must write it: every field filled in."""

    name: Line = Field(min_length=2, max_length=24)
    role: Line = Field(min_length=3, max_length=48)
    risks: list[Phrase] = Field(min_length=1, max_length=2)
    inadequate_pass: Line = Field(min_length=10, max_length=120)
    missed_users: Line = Field(min_length=3, max_length=80)


class ReviewDraft(BaseModel):
    """What the model returns; the verdict and numbering are added by code."""

    checks: list[CheckAnswer] = Field(max_length=MAX_CHECKS)
    experts: list[Expert] = Field(min_length=MIN_EXPERTS, max_length=5)
    suggestions: list[Suggestion] = Field(default_factory=list, max_length=3)


def unassessed(step: str, names: tuple[str, ...] = PANEL) -> list[Expert]:
    """Panellists whose questions no model answered, saying what they would press on."""
    focus = FOCUS.get(step, "what this artifact misses")
    return [
        Expert(
            name=name,
            role=name.lower(),
            risks=[f"check {focus}"],
            inadequate_pass="not assessed: no model ran the panel",
            missed_users="not assessed",
        )
        for name in names
    ]


def distinct_panel(step: str) -> Callable[[ReviewDraft], ReviewDraft]:
    """A repair for small models, which often play one expert several times: keep the first
    of each name and make up the minimum with honest unassessed panellists."""

    def repair(draft: ReviewDraft) -> ReviewDraft:
        first: dict[str, Expert] = {}
        for expert in draft.experts:
            first.setdefault(expert.name.lower(), expert)
        experts = list(first.values())
        experts += unassessed(step, PANEL[: max(0, MIN_EXPERTS - len(experts))])
        suggestions = list(dict.fromkeys(draft.suggestions))
        return draft.model_copy(update={"experts": experts, "suggestions": suggestions})

    return repair


def fallback(step: str, items: list[str]) -> ReviewDraft:
    """An honest placeholder: the checklist unassessed and the panel's questions unanswered."""
    checks = [CheckAnswer(ok=False, note="not assessed by a model") for _ in items]
    return ReviewDraft(checks=checks, experts=unassessed(step))


async def review(
    step: str, title: str, state: DesignState, ctx: AgentContext, text: str, found: list[Issue]
) -> Review:
    """Checklist, expert panel and suggested edits for a draft; never raises for the model."""
    items = gate_checklist(step)
    problems = [i for i in found if i.severity != "info"]
    fixes = [f"Fix {i.code}: {i.message}" for i in problems]
    if not review_by_model(ctx):
        return Review(
            verdict="CONCERNS",  # validators alone cannot tick the guide's checklist
            checklist=demo_checklist(items),
            suggestions=fixes[:MAX_SUGGESTIONS],
            reviewer=DEMO_REVIEWER,
            withheld=[DEMO_PANEL],
        )
    messages = review_messages(
        title, text, items, state.domain, [describe_issue(i) for i in problems]
    )
    try:
        reviewer = describe(ctx).label
        draft = await ask_structured(
            ctx, ReviewDraft, messages, ctx.review_max_tokens, distinct_panel(step), ATTEMPTS
        )
    except FtdesignError as error:
        reviewer = f"none (the model failed: {error.message[:200]})"
        draft = fallback(step, items)
    reference = "\n".join([text, *items, *fixes])
    offered, withheld = screened_suggestions(draft.suggestions, reference)
    suggestions = list(dict.fromkeys(fixes + offered))[:MAX_SUGGESTIONS]
    checklist = screened_checks(items, draft.checks, text)
    clean = not problems and all(c.ok for c in checklist)
    return Review(
        verdict="PASS" if clean else "CONCERNS",
        checklist=checklist,
        experts=screened_experts(draft.experts, reference),
        suggestions=suggestions,
        reviewer=reviewer,
        withheld=withheld,
    )
