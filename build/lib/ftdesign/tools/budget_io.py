"""Reading transcripts for gate 2, and saving and rendering the token budget.

Transcripts are chat files in the common fine-tuning shape: JSONL with one
`{"messages": [...]}` per line, or JSON holding such an object, a list of them, or
one bare list of `{"role", "content"}` messages. An exchange is one user message
and the assistant reply after it; the system message is counted separately.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ftdesign.tools.budget import Budget
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.tokens import Tokenizer, count_chat

Message = dict[str, str]


@dataclass(frozen=True)
class TranscriptStats:
    """Measured sizes: whole examples, and the mean cost of one exchange."""

    example_tokens: list[int]
    tokens_per_exchange: float
    exchanges: int


def _bad(path: Path, where: str, why: str) -> FtdesignError:
    return FtdesignError(
        f"{path}: {where}: {why}.",
        hint='each transcript needs "messages": [{"role": "user", "content": "..."}, ...]',
    )


def _messages(path: Path, where: str, item: object) -> list[Message]:
    raw = item.get("messages") if isinstance(item, dict) else item
    if not isinstance(raw, list) or not raw:
        raise _bad(path, where, "no list of messages")
    for number, message in enumerate(raw, 1):
        if not (isinstance(message, dict) and isinstance(message.get("content"), str)
                and message.get("role") in ("system", "user", "assistant")):  # fmt: skip
            raise _bad(path, f"{where}, message {number}", "needs a role and text content")
    return [{"role": m["role"], "content": m["content"]} for m in raw]


def read_transcripts(path: Path) -> list[list[Message]]:
    """Every conversation in a .json or .jsonl transcript file."""
    try:
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".jsonl":
            lines = [(n, line) for n, line in enumerate(text.splitlines(), 1) if line.strip()]
            return [_messages(path, f"line {n}", json.loads(line)) for n, line in lines]
        data = json.loads(text)
    except OSError as error:
        raise FtdesignError(f"{path}: cannot read transcripts ({error.strerror}).") from error
    except json.JSONDecodeError as error:
        raise _bad(path, f"line {error.lineno}", f"invalid JSON ({error.msg})") from error
    if isinstance(data, list) and data and all(isinstance(i, dict) and "messages" in i
                                               for i in data):  # fmt: skip
        return [_messages(path, f"item {n}", item) for n, item in enumerate(data, 1)]
    return [_messages(path, "top level", data)]


def measure_transcripts(
    transcripts: list[list[Message]], tokenizer: Tokenizer, system_prompt: str | None = None
) -> TranscriptStats:
    """Exact tokens per example; a missing system message is filled with `system_prompt`."""
    totals: list[int] = []
    conversation_tokens = exchanges = 0
    for messages in transcripts:
        system = [m for m in messages if m["role"] == "system"]
        if not system and system_prompt:
            system = [{"role": "system", "content": system_prompt}]
        rest = [m for m in messages if m["role"] != "system"]
        total = count_chat(system + rest, tokenizer)
        totals.append(total)
        conversation_tokens += total - (count_chat(system, tokenizer) if system else 0)
        exchanges += max(sum(1 for m in rest if m["role"] == "user"), 1)
    return TranscriptStats(totals, conversation_tokens / max(exchanges, 1), exchanges)


BUDGET_FILE = ".ftdesign/budget.json"


def save_budget(project: Path, budget: Budget) -> Path:
    """Store the budget where later gates (prompts, evaluation) check against it."""
    from ftdesign.tools.project_files import write_artifact

    return write_artifact(project, BUDGET_FILE, budget.model_dump_json(indent=2) + "\n")


def load_budget(project: Path) -> Budget | None:
    """The saved budget, or None when gate 2 has not run yet."""
    path = project / BUDGET_FILE
    if not path.is_file():
        return None
    try:
        return Budget.model_validate_json(path.read_text(encoding="utf-8"))
    except ValueError as error:
        raise FtdesignError(
            f"{path}: not a valid token budget ({error.__class__.__name__}).",
            hint="re-run `ftdesign budget` to rewrite it",
        ) from error


def render_budget(budget: Budget) -> str:
    """The '## Token budget' section of model-choice.md."""
    low, high = budget.recommended_exchanges
    lines = [
        "## Token budget",
        "",
        f"- Ceiling: {budget.ceiling:,} tokens per example ({budget.tokenizer} tokenizer)",
        f"- System prompt: {budget.system_prompt_tokens:,} tokens"
        f" ({budget.system_prompt_source}); buffer {budget.buffer:,}",
        f"- Per exchange (user + assistant): {budget.tokens_per_exchange:,.0f} tokens"
        f" ({budget.exchange_source})",
        f"- Maximum exchanges: {budget.max_exchanges}; recommended {low}-{high}",
        f"- Tokens per example at {high} exchanges: {budget.tokens_per_example:,}",
        f"- Cost band: {budget.cost_band} ({budget.cost_note});"
        f" {budget.cost_multiple_of_4k}x the cost of a 4K example",
    ]
    if budget.longest_transcript_tokens is not None:
        lines.append(
            f"- Longest sample transcript: {budget.longest_transcript_tokens:,} tokens;"
            f" {budget.transcripts_over_ceiling} over the ceiling (slice those at"
            " exchange boundaries)"
        )
    if budget.training is not None and budget.training_cost is not None:
        t = budget.training
        lines.append(
            f"- Training: {t.examples:,} examples x {t.epochs:g} epochs ="
            f" {budget.training_tokens:,} tokens; at {t.price_per_million:g} per million"
            f" tokens that costs {budget.training_cost:,.2f}"
        )
    return "\n".join(lines) + "\n"
