"""How long the evaluated conversations are: gate 2's budget decides, a shorter run says so.

The budget (`.ftdesign/budget.json`, written by gate 2) plans how many exchanges one
training example holds; evaluating far shorter conversations leaves the rubric's
later-turn criteria unasked, and a category with none of its criteria asked would
score 1.0 for free. So the default is the budget's planned exchanges, and a shorter
run names every criterion and category it cannot assess and the weight they carry.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ftdesign.evals.breakdown import pct
from ftdesign.evals.verdict import criterion_weights
from ftdesign.tools.budget import Budget, plan_budget
from ftdesign.tools.budget_io import load_budget
from ftdesign.tools.schemas.rubric import Rubric
from ftdesign.tools.scoring import category_members


@dataclass(frozen=True)
class Planned:
    exchanges: int  # the budget's recommended maximum: what one example is planned to hold
    low: int
    source: str


def planned_exchanges(root: Path, system_prompt: str) -> Planned:
    """Gate 2's plan, or (gate 2 not run) the same plan with its default settings."""
    budget: Budget | None = load_budget(root)
    source = "gate 2's token budget (.ftdesign/budget.json)"
    if budget is None:
        from ftdesign.tools.tokens import count_tokens

        budget = plan_budget(system_prompt_tokens=count_tokens(system_prompt) or 500)
        source = "the token budget at gate 2's default settings (no .ftdesign/budget.json yet)"
    low, high = budget.recommended_exchanges
    return Planned(max(high, 1), max(low, 1), source)


def unassessed_at(rubric: Rubric, turns: int) -> tuple[dict[str, float], dict[str, float]]:
    """Criteria and weighted categories a conversation of `turns` exchanges cannot assess."""
    weights = criterion_weights(rubric)
    total = sum(c.weight or 0.0 for c in rubric.weighted_categories.values()) or 1.0
    criteria = {
        cid: weights.get(cid, 0.0)
        for cid, c in rubric.criteria.items()
        if c.min_turns is not None and turns < c.min_turns
    }
    categories = {
        name: (rubric.categories[name].weight or 0.0) / total
        for name, members in category_members(rubric).items()
        if rubric.categories[name].weight is not None
        and members
        and all(cid in criteria for cid in members)
    }
    return criteria, categories


def length_note(rubric: Rubric, turns: int, planned: dict[str, object] | None) -> str:
    """The Settings line on conversation length: the turns run next to the planned budget."""
    if not planned:
        return str(turns)
    text = f"{turns} (planned: {planned['exchanges']}, from {planned['source']})"
    if turns >= int(str(planned["exchanges"])):
        return text
    criteria, categories = unassessed_at(rubric, turns)
    if not criteria:
        return text + "; shorter than planned, every criterion still assessable"
    named = ", ".join(f"{cid} ({pct(w)})" for cid, w in criteria.items())
    text += (
        f"; shorter than planned for speed, so these criteria are not assessed: {named},"
        f" {pct(sum(criteria.values()))} of the weight"
    )
    if categories:
        groups = ", ".join(f"{name} ({pct(w)})" for name, w in categories.items())
        text += f"; categories with no criterion assessed (scored 1.0 by the rule): {groups}"
    return text
