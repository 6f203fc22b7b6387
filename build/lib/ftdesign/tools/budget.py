"""Token economics (gate 2): how long one training example may be, and what it costs.

Pure arithmetic over token counts; counting itself lives in tools/tokens.py. The
default plan follows the seed: a 16K ceiling, about 500 tokens of system prompt,
about 500 tokens per exchange (user + assistant) and a 1K buffer leave about 14K,
so at most 28 exchanges, 20-25 recommended. Recommended = 70-90 % of the maximum,
the safety margin that turns 28 into 20-25. Cost is linear in tokens.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from pydantic import BaseModel, Field

DEFAULT_CEILING = 16_384
DEFAULT_BUFFER = 1_000
DEFAULT_TOKENS_PER_EXCHANGE = 500
DEFAULT_SYSTEM_PROMPT_TOKENS = 500
RECOMMENDED_SHARE = (0.70, 0.90)
# Upper bound (inclusive) of each band of the seed's table, with its cost note.
COST_BANDS = [
    (8_191, "<8K", "cheapest; short conversations only"),
    (16_384, "8-16K", "cost-effective; moderate conversations"),
    (32_768, "16-32K", "expensive; long conversations"),
    (math.inf, ">32K", "very expensive; may need special handling"),
]


class Training(BaseModel):
    """A training run to price: examples x epochs x tokens per example."""

    examples: int = Field(gt=0)
    epochs: float = Field(gt=0)
    price_per_million: float = Field(ge=0, description="price per million training tokens")


class Budget(BaseModel):
    """The token budget written to `<project>/.ftdesign/budget.json`."""

    ceiling: int
    buffer: int
    system_prompt_tokens: int
    system_prompt_source: str = Field("assumed", description="file counted, or 'assumed'")
    tokens_per_exchange: float
    exchange_source: str = Field(description="'assumed' or 'measured from N transcripts'")
    tokenizer: str
    max_exchanges: int
    recommended_exchanges: tuple[int, int]
    tokens_per_example: int = Field(description="system + recommended maximum of exchanges")
    longest_transcript_tokens: int | None = None
    transcripts_over_ceiling: int = 0
    cost_band: str
    cost_note: str
    cost_multiple_of_4k: float
    training: Training | None = None
    training_tokens: int | None = None
    training_cost: float | None = None


def cost_band(tokens: int) -> tuple[str, str]:
    """The seed's band (label, note) for a per-example token count."""
    return next((label, note) for top, label, note in COST_BANDS if tokens <= top)


def plan_budget(
    *,
    system_prompt_tokens: int,
    tokens_per_exchange: float = DEFAULT_TOKENS_PER_EXCHANGE,
    ceiling: int = DEFAULT_CEILING,
    buffer: int = DEFAULT_BUFFER,
    transcript_tokens: Sequence[int] = (),
    exchange_source: str = "assumed",
    system_prompt_source: str = "assumed",
    tokenizer: str = "cl100k",
    training: Training | None = None,
) -> Budget:
    """Exchanges that fit under the ceiling, the example length, its band and price."""
    if tokens_per_exchange <= 0:
        raise ValueError("tokens_per_exchange must be positive")
    room = max(ceiling - system_prompt_tokens - buffer, 0)
    max_exchanges = int(room // tokens_per_exchange)
    low = math.ceil(max_exchanges * RECOMMENDED_SHARE[0])
    high = math.floor(max_exchanges * RECOMMENDED_SHARE[1])
    per_example = system_prompt_tokens + math.ceil(high * tokens_per_exchange)
    longest = max(transcript_tokens, default=None)
    sized = max(per_example, longest or 0)
    label, note = cost_band(sized)
    budget = Budget(
        ceiling=ceiling,
        buffer=buffer,
        system_prompt_tokens=system_prompt_tokens,
        system_prompt_source=system_prompt_source,
        tokens_per_exchange=round(tokens_per_exchange, 1),
        exchange_source=exchange_source,
        tokenizer=tokenizer,
        max_exchanges=max_exchanges,
        recommended_exchanges=(low, high),
        tokens_per_example=per_example,
        longest_transcript_tokens=longest,
        transcripts_over_ceiling=sum(1 for t in transcript_tokens if t > ceiling),
        cost_band=label,
        cost_note=note,
        cost_multiple_of_4k=round(sized / 4096, 2),
    )
    if training is not None:
        total = math.ceil(training.examples * training.epochs * per_example)
        budget.training = training
        budget.training_tokens = total
        budget.training_cost = round(total / 1_000_000 * training.price_per_million, 2)
    return budget
