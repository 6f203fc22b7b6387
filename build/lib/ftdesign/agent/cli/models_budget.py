"""The arithmetic behind `ftdesign budget`: gather counts, plan, save, render."""

from __future__ import annotations

import argparse
from pathlib import Path

from ftdesign.tools.artifacts import ARTIFACTS
from ftdesign.tools.budget import (
    DEFAULT_SYSTEM_PROMPT_TOKENS,
    DEFAULT_TOKENS_PER_EXCHANGE,
    Budget,
    Training,
    plan_budget,
)
from ftdesign.tools.budget_io import (
    measure_transcripts,
    read_transcripts,
    render_budget,
    save_budget,
)
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.tokens import count_tokens, get_tokenizer


def _system_prompt(args: argparse.Namespace) -> tuple[str | None, str]:
    path: Path | None = args.system_prompt
    if path is None:
        default = args.project / ARTIFACTS["system_prompt"].path
        path = default if default.is_file() else None
    if path is None:
        return None, "assumed; no system prompt file yet"
    try:
        return path.read_text(encoding="utf-8"), f"counted from {path}"
    except OSError as error:
        raise FtdesignError(f"{path}: cannot read the system prompt ({error.strerror}).") from error


def _training(args: argparse.Namespace) -> Training | None:
    if args.examples is None and args.price_per_million is None:
        return None
    if args.examples is None or args.price_per_million is None:
        raise FtdesignError(
            "pricing a training run needs both --examples and --price-per-million.",
            hint="add the missing one (and --epochs, default 3)",
        )
    if args.examples <= 0 or args.epochs <= 0 or args.price_per_million < 0:
        raise FtdesignError("--examples and --epochs must be positive, the price not negative.")
    return Training(
        examples=args.examples, epochs=args.epochs, price_per_million=args.price_per_million
    )


def compute_budget(args: argparse.Namespace) -> tuple[Budget, str]:
    """Plan from the arguments; saves `.ftdesign/budget.json` unless --no-save."""
    tokenizer = get_tokenizer(args.tokenizer)
    text, system_source = _system_prompt(args)
    system_tokens = count_tokens(text, tokenizer) if text else DEFAULT_SYSTEM_PROMPT_TOKENS
    per_exchange: float = args.tokens_per_exchange or DEFAULT_TOKENS_PER_EXCHANGE
    source = "given" if args.tokens_per_exchange else "assumed"
    totals: list[int] = []
    if args.transcripts:
        transcripts = [t for path in args.transcripts for t in read_transcripts(path)]
        stats = measure_transcripts(transcripts, tokenizer, text)
        totals = stats.example_tokens
        if not args.tokens_per_exchange:
            per_exchange = stats.tokens_per_exchange
            source = f"measured over {stats.exchanges} exchanges in {len(totals)} transcripts"
    if per_exchange <= 0 or args.ceiling <= 0:
        raise FtdesignError("--ceiling and --tokens-per-exchange must be positive.")
    budget = plan_budget(
        system_prompt_tokens=system_tokens,
        tokens_per_exchange=per_exchange,
        ceiling=args.ceiling,
        buffer=args.buffer,
        transcript_tokens=totals,
        exchange_source=source,
        system_prompt_source=system_source,
        tokenizer=tokenizer.name,
        training=_training(args),
    )
    text_out = render_budget(budget)
    if not args.no_save:
        if not args.project.is_dir():
            raise FtdesignError(
                f"{args.project}: no such project folder.",
                hint="run `ftdesign init` first, or pass --no-save",
            )
        text_out += f"\nSaved to {save_budget(args.project, budget)}\n"
    return budget, text_out
