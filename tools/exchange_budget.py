"""The per-exchange token budget a persona's word limits are held to, and where it came from.

Gate 2 saves the project's budget in `.ftdesign/budget.json`; before it has run (or for a
file outside any project) the seed's default exchange of 500 tokens stands in. Every
message that uses the budget says which of the two it was.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ftdesign.tools.budget import DEFAULT_TOKENS_PER_EXCHANGE
from ftdesign.tools.errors import FtdesignError

# English prose runs about 4/3 tokens a word, so a budget of T tokens holds about 3T/4 words.
WORDS_PER_TOKEN = 3 / 4


@dataclass(frozen=True)
class ExchangeBudget:
    tokens: float
    described: str

    @property
    def words(self) -> int:
        return int(self.tokens * WORDS_PER_TOKEN)


def default_budget(why: str = "since gate 2 has no budget yet") -> ExchangeBudget:
    tokens = DEFAULT_TOKENS_PER_EXCHANGE
    return ExchangeBudget(tokens, f"the default {tokens}-token exchange, {why}")


DEFAULT_EXCHANGE = default_budget()


def exchange_budget(project: Path | None) -> ExchangeBudget:
    """Gate 2's budget for `project` when it has one, else the default (never raises)."""
    from ftdesign.tools.budget_io import load_budget

    if project is None:
        return DEFAULT_EXCHANGE
    try:
        budget = load_budget(project)
    except FtdesignError:  # a damaged budget file must not stop validation
        return default_budget("since gate 2's budget file cannot be read (re-run gate 2)")
    if budget is None:
        return DEFAULT_EXCHANGE
    tokens = budget.tokens_per_exchange
    return ExchangeBudget(tokens, f"gate 2's budget of {tokens:,.0f} tokens per exchange")
