"""`ftdesign score` (rubric verdicts -> scores) and `ftdesign sample` (scenarios, personas)."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from ftdesign.tools.artifacts import ARTIFACTS, Kind
from ftdesign.tools.errors import FtdesignError


def add_parser(subparsers: Any) -> None:
    score = subparsers.add_parser(
        "score",
        help="score judged answers against a rubric",
        description="Score YES/NO/NA/ERROR verdicts with the rubric's categories, weights and "
        "gates. ANSWERS is a JSON object (criterion id -> verdict, or a record with 'answers' "
        "and 'turns') or a JSONL file of such records. Exit 0 when every conversation passes, "
        "1 when one fails or the rubric has an error scoring depends on, 2 when scoring "
        "could not run.",
    )
    score.add_argument("answers", type=Path, metavar="ANSWERS")
    score.add_argument("--rubric", type=Path, default=Path(ARTIFACTS["rubric"].path))
    score.add_argument("--turns", type=int, help="conversation length for records without one")
    score.add_argument(
        "--na-policy",
        choices=["pass", "exclude"],
        default="pass",
        help="pass: a valid NA counts as a pass (default, the real project's rule); "
        "exclude: a valid NA leaves the denominator (the seed's prose)",
    )
    score.add_argument("--json", action="store_true", help="print machine-readable JSON")
    score.set_defaults(handler=run_score)

    sample = subparsers.add_parser(
        "sample",
        help="draw scenarios from the taxonomy or personas from the persona template",
        description="Seeded draws: the same seed gives the same list on every machine.",
    )
    sample.add_argument("what", choices=["taxonomy", "personas"])
    source = sample.add_mutually_exclusive_group()
    source.add_argument("--project", type=Path, default=Path("."), help="project folder")
    source.add_argument("--file", type=Path, help="the artifact file itself")
    sample.add_argument("--n", type=int, default=10, help="how many to draw (default 10)")
    sample.add_argument("--seed", type=int, default=0)
    sample.add_argument(
        "--stratified",
        action="store_true",
        help="taxonomy only: topic counts proportional to weights, at least one edge case",
    )
    sample.add_argument("--json", action="store_true", help="print machine-readable JSON")
    sample.set_defaults(handler=run_sample)


def load(path: Path, kind: Kind) -> Any:
    """The artifact's model, through the shared hostile-input-safe loader."""
    from ftdesign.tools.loading import load_artifact

    return load_artifact(path, kind)


def run_score(args: argparse.Namespace) -> int:
    from ftdesign.tools.answer_records import read_answer_records
    from ftdesign.tools.fit_for_use import scoring_refusal
    from ftdesign.tools.scoring import score

    rubric = load(args.rubric, "rubric")
    refusal = scoring_refusal(args.rubric)
    if refusal:  # a score from a broken rubric looks valid and is not: fail, loudly
        print(f"ftdesign: {refusal}", file=sys.stderr)
        return 1
    records = read_answer_records(args.answers)
    rows = []
    for record in records:
        turns = record.turns if record.turns is not None else args.turns
        try:
            result = score(rubric, record.answers, turns=turns, na_policy=args.na_policy)
        except FtdesignError as error:
            raise FtdesignError(f"{args.answers} (record {record.id}): {error}") from error
        rows.append({"id": record.id, "turns": turns, **result.model_dump(mode="json")})
    if args.json:
        single = len(rows) == 1 and args.answers.suffix.lower() != ".jsonl"
        print(json.dumps(rows[0] if single else rows, indent=2))
    else:
        _print_scores(rows)
    return 0 if all(row["passed"] for row in rows) else 1


def _print_scores(rows: list[dict[str, Any]]) -> None:
    for row in rows:
        verdict = "PASS" if row["passed"] else "FAIL"
        gates = f"  gate failed: {', '.join(row['failed_gates'])}" if row["failed_gates"] else ""
        print(f"{row['id']}: {row['score']:.3f} {verdict} (threshold {row['threshold']}){gates}")
        categories = ", ".join(f"{k} {v:.3f}" for k, v in row["category_scores"].items())
        print(f"  categories: {categories}")
        if row["failed_criteria"]:
            print(f"  failed: {', '.join(row['failed_criteria'])}")
    if len(rows) > 1:
        passed = sum(row["passed"] for row in rows)
        mean = sum(row["score"] for row in rows) / len(rows)
        print(f"{len(rows)} conversations: mean {mean:.3f}, {passed} passed")


def run_sample(args: argparse.Namespace) -> int:
    from ftdesign.tools import samplers

    if args.n < 0:
        raise FtdesignError(f"--n is {args.n}", hint="give a count of 0 or more")
    kind: Kind = "taxonomy" if args.what == "taxonomy" else "persona"
    path = args.file or args.project / ARTIFACTS[kind].path
    artifact = load(path, kind)
    items: list[Any]
    if kind == "taxonomy":
        draw = samplers.allocate_scenarios if args.stratified else samplers.sample_taxonomy
        items = draw(getattr(artifact, "taxonomy", artifact), args.n, args.seed)
    else:
        items = samplers.sample_personas(artifact, args.n, args.seed)
    data = [item.model_dump(mode="json") for item in items]
    if args.json:
        print(json.dumps(data, indent=2))
        return 0
    for row in data:
        fields = {k: v for k, v in row.items() if k not in ("id", "dimensions", "attributes")}
        fields.update(row.get("dimensions") or row.get("attributes") or {})
        print(f"{row['id']}: " + ", ".join(f"{k}={v}" for k, v in fields.items()))
    return 0
