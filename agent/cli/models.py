"""`ftdesign inspect`, `budget`, `choose` and `models`: gates 1 and 2 from the shell."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from ftdesign.tools.errors import FtdesignError


def add_parser(subparsers: Any) -> None:
    p = subparsers.add_parser("inspect", help="facts of a GGUF model file (no weights loaded)")
    p.add_argument("model", type=Path, help="path to a .gguf file")
    p.add_argument("--seq-len", type=int, default=4096, help="training sequence length")
    p.add_argument("--memory-gb", type=float, help="memory for logits; prints the length that fits")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=run_inspect)

    p = subparsers.add_parser("budget", help="token budget per training example (gate 2)")
    p.add_argument("--project", type=Path, default=Path("."), help="project folder")
    p.add_argument("--ceiling", type=int, default=16_384, help="max tokens per example")
    p.add_argument("--buffer", type=int, default=1_000, help="tokens kept in reserve")
    p.add_argument("--system-prompt", type=Path, help="system prompt file (default: project's)")
    p.add_argument("--transcripts", type=Path, nargs="+", help="sample transcript .json/.jsonl")
    p.add_argument("--tokens-per-exchange", type=float, help="assumed user+assistant tokens")
    p.add_argument("--examples", type=int, help="training examples, to price a run")
    p.add_argument("--epochs", type=float, default=3, help="training epochs (default 3)")
    p.add_argument("--price-per-million", type=float, help="price per million training tokens")
    p.add_argument("--tokenizer", default="cl100k", help="candidate .gguf path, or cl100k")
    p.add_argument("--no-save", action="store_true", help="do not write .ftdesign/budget.json")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=run_budget)

    p = subparsers.add_parser("choose", help="draft model-choice.md from candidate GGUF files")
    p.add_argument("models", type=Path, nargs="+", help="candidate .gguf files")
    p.add_argument("--project", type=Path, default=Path("."), help="project folder")
    p.add_argument("--chosen", type=int, default=1, help="which candidate is chosen (1-based)")
    p.add_argument("--speed", type=float, nargs="*", default=[], help="measured tok/s, in order")
    p.add_argument("--pass-rate", type=float, nargs="*", default=[], help="base pass rates 0-1")
    p.add_argument("--deployment", default="llama.cpp / Ollama (GGUF)", help="deployment target")
    p.add_argument("--method", default="QLoRA", help="training method")
    p.add_argument("--seq-len", type=int, default=4096, help="training sequence length")
    p.add_argument("--memory-gb", type=float, help="training memory available for logits")
    p.add_argument("--rationale", default="", help="your reasons, written under Tradeoffs")
    p.add_argument("--print", dest="print_only", action="store_true", help="print, do not write")
    p.set_defaults(handler=run_choose)

    p = subparsers.add_parser("models", help="which model serves each role")
    p.add_argument("--project", type=Path, default=Path("."), help="project folder")
    p.add_argument(
        "--set",
        dest="overrides",
        action="append",
        default=[],
        metavar="ROLE.FIELD=VALUE",
        help="override a setting, e.g. judge.model=x",
    )
    p.add_argument("--json", action="store_true", help="machine-readable output")
    p.set_defaults(handler=run_models)


def run_inspect(args: argparse.Namespace) -> int:
    from ftdesign.tools.gguf_facts import GB, inspect_gguf

    facts = inspect_gguf(args.model)
    logits = facts.logits_bytes(args.seq_len)
    fits = facts.seq_len_for_memory(args.memory_gb) if args.memory_gb else None
    if args.json:
        extra = {"seq_len": args.seq_len, "logits_bytes": logits, "memory_gb": args.memory_gb,
                 "seq_len_for_memory": fits}  # fmt: skip
        print(json.dumps(facts.model_dump() | extra, indent=2))
        return 0
    rows = [
        ("Model", facts.name or Path(facts.path).name),
        ("Architecture", facts.architecture),
        ("Parameters", f"{facts.parameter_count:,} ({facts.size_label or 'no size label'})"),
        ("Training context", f"{facts.context_length:,} tokens" if facts.context_length else "?"),
        ("Vocabulary", f"{facts.vocab_size:,} tokens" if facts.vocab_size else "?"),
        ("Quantization", facts.file_type),
        ("File size", f"{facts.file_size_bytes / GB:.3f} GB ({facts.file_size_bytes:,} bytes)"),
        ("Chat template", "present" if facts.has_chat_template else "absent"),
        ("Logits memory", f"{logits / GB:.2f} GB at {args.seq_len:,} tokens (vocab x len x 4)"),
    ]
    if fits is not None:
        rows.append(("Fits in memory", f"{fits:,} tokens of logits in {args.memory_gb:g} GB"))
    for label, value in rows:
        print(f"{label + ':':<18}{value}")
    return 0


def run_budget(args: argparse.Namespace) -> int:
    from ftdesign.agent.cli.models_budget import compute_budget

    budget, text = compute_budget(args)
    print(budget.model_dump_json(indent=2) if args.json else text.rstrip("\n"))
    return 0


def run_choose(args: argparse.Namespace) -> int:
    from ftdesign.tools.budget_io import load_budget
    from ftdesign.tools.gguf_facts import inspect_gguf
    from ftdesign.tools.model_choice import (
        Candidate,
        ChoiceInputs,
        render_model_choice,
        write_model_choice,
    )

    if not 1 <= args.chosen <= len(args.models):
        raise FtdesignError(f"--chosen {args.chosen}: pick 1 to {len(args.models)}.")
    if any(not 0 <= rate <= 1 for rate in args.pass_rate) or any(s <= 0 for s in args.speed):
        raise FtdesignError(
            "--pass-rate values must be fractions 0-1 and --speed values positive.",
            hint="e.g. --pass-rate 0.8 0.65 --speed 31.5 48",
        )
    candidates = [
        Candidate(
            facts=inspect_gguf(path),
            speed_tok_s=args.speed[i] if i < len(args.speed) else None,
            base_pass_rate=args.pass_rate[i] if i < len(args.pass_rate) else None,
            training_method=args.method,
            deployment_target=args.deployment,
        )
        for i, path in enumerate(args.models)
    ]
    inputs = ChoiceInputs(
        candidates=candidates,
        chosen=args.chosen - 1,
        train_seq_len=args.seq_len,
        training_memory_gb=args.memory_gb,
        budget=load_budget(args.project),
        rationale=args.rationale,
    )
    if args.print_only:
        print(render_model_choice(inputs), end="")
    else:
        print(f"wrote {write_model_choice(args.project, inputs)}")
    return 0


def run_models(args: argparse.Namespace) -> int:
    from ftdesign.models import describe_roles, parse_overrides

    roles = describe_roles(args.project, parse_overrides(args.overrides))
    if args.json:
        print(json.dumps([r.model_dump() for r in roles], indent=2))
    else:
        for role in roles:
            print(role.line())
    return 0
