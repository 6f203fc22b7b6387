"""The token-budget gate's settings and the plan computed from them.

The ceiling defaults to the seed's 16K, capped at half the chosen model's context window
(the practical per-example limit sits well under the window). The system prompt is
counted with the chosen model's own tokenizer: the approved prompt when there is one,
else the worked domain's.
"""

from __future__ import annotations

from pydantic import BaseModel, Field

from ftdesign.agent.state import DesignState
from ftdesign.tools.budget import DEFAULT_BUFFER, DEFAULT_CEILING, Budget, Training, plan_budget
from ftdesign.tools.errors import FtdesignError


class BudgetSettings(BaseModel):
    ceiling: int = Field(default=DEFAULT_CEILING, ge=512, description="max tokens per example")
    tokens_per_exchange: float = Field(default=500, gt=0)
    buffer: int = Field(default=DEFAULT_BUFFER, ge=0)
    examples: int | None = Field(
        default=None, gt=0, description="training examples, to price a run"
    )
    epochs: float | None = Field(default=None, gt=0)
    price_per_million: float | None = Field(default=None, ge=0)


def chosen_gguf(state: DesignState) -> str | None:
    choice = state.gate_inputs.get("model_choice", {})
    candidates, chosen = choice.get("candidates", []), choice.get("chosen", 0)
    return candidates[chosen] if chosen < len(candidates) else None


def _system_prompt(state: DesignState) -> str:
    record = state.artifacts.get("system_prompt")
    if record is not None and record.current:
        return record.current
    from ftdesign.agent.gates.common import template

    try:
        return template(state, "system_prompt")[0]
    except FtdesignError:
        return ""


def plan(state: DesignState, settings: BudgetSettings) -> Budget:
    from ftdesign.tools.tokens import count_tokens, get_tokenizer

    gguf = chosen_gguf(state)
    try:
        tokenizer = get_tokenizer(gguf) if gguf else get_tokenizer()
    except FtdesignError:  # the candidate's file moved: count with cl100k rather than stop
        tokenizer = get_tokenizer()
    prompt = _system_prompt(state)
    training = None
    if settings.examples and settings.epochs and settings.price_per_million is not None:
        training = Training(
            examples=settings.examples,
            epochs=settings.epochs,
            price_per_million=settings.price_per_million,
        )
    return plan_budget(
        system_prompt_tokens=count_tokens(prompt, tokenizer) if prompt else 500,
        tokens_per_exchange=settings.tokens_per_exchange,
        ceiling=settings.ceiling,
        buffer=settings.buffer,
        tokenizer=tokenizer.name,
        training=training,
    )


def window_of(state: DesignState) -> int | None:
    from ftdesign.tools.gguf_facts import inspect_gguf

    gguf = chosen_gguf(state)
    try:
        return inspect_gguf(gguf).context_length if gguf else None
    except FtdesignError:
        return None


def settings_of(state: DesignState) -> BudgetSettings:
    """Saved settings, else the 16K ceiling capped at half the chosen model's window."""
    saved = state.gate_inputs.get("token_economics")
    if saved:
        return BudgetSettings.model_validate(saved)
    window = window_of(state)
    return BudgetSettings(ceiling=min(DEFAULT_CEILING, window // 2) if window else DEFAULT_CEILING)
