"""`ftdesign eval` (baseline evaluation of a candidate model) and `ftdesign compare`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, TextIO

BAR_WIDTH = 28


def add_parser(subparsers: Any) -> None:
    run = subparsers.add_parser(
        "eval",
        help="evaluate the candidate model on simulated conversations (gate 7)",
        description="Simulate N scenarios stratified over the taxonomy, judge every "
        "conversation on the rubric, and write base-model-eval-results.md (+ a PNG chart). "
        "Finished work is checkpointed: rerunning the same command resumes.",
    )
    run.add_argument("--project", type=Path, default=Path("."), help="project folder")
    run.add_argument(
        "--model",
        action="append",
        metavar="PATH.gguf|URL",
        help="candidate GGUF or endpoint; repeat to compare several side by side (default:"
        " the candidate role's settings, else the models model-choice.md lists)",
    )
    run.add_argument("--judge", metavar="PATH.gguf|URL", help="judge GGUF or endpoint URL")
    run.add_argument("--scenarios", type=int, default=20, help="how many (default 20)")
    run.add_argument(
        "--turns", type=int, help="exchanges per conversation (default: gate 2's planned count)"
    )
    run.add_argument("--seed", type=int, default=0)
    run.add_argument("--concurrency", type=int, default=1, help="requests in flight")
    run.add_argument("--max-tokens", type=int, help="candidate reply limit (default: settings)")
    run.set_defaults(handler=run_eval_command)

    compare = subparsers.add_parser(
        "compare",
        help="compare two evaluation runs (e.g. base vs fine-tuned)",
        description="RESULTS are results.json files of `ftdesign eval` or JSONL records "
        "(id, answers, scores). One file whose ids start base_/finetune_ is split in two.",
    )
    compare.add_argument("results", type=Path, nargs="+", metavar="RESULTS", help="1 or 2 files")
    compare.add_argument("--rubric", type=Path, help="rescore records from their answers")
    compare.set_defaults(handler=run_compare)


class ProgressBar:
    """A plain-text bar on stderr; one line per update when stderr is not a terminal.

    On a terminal the line is redrawn, and shows every unfinished stage: the judge's
    calibration and judging run while conversations are simulated (evals/task.py)."""

    def __init__(self, stream: TextIO | None = None) -> None:
        self.stream = stream or sys.stderr  # looked up now, not at import (tests swap it)
        self.live = self.stream.isatty()
        self.running: dict[str, Any] = {}  # unfinished stage -> its latest step

    def __call__(self, step: Any) -> None:
        if not self.live:
            self.stream.write(self.line(step) + "\n")
        elif step.done >= step.total:
            self.running.pop(step.stage, None)
            self.stream.write("\r" + self.line(step).ljust(110) + "\n")
        else:
            self.running[step.stage] = step
            both = " | ".join(f"{s.stage} {s.done}/{s.total}" for s in self.running.values())
            text = self.line(step) if len(self.running) == 1 else both
            self.stream.write("\r" + text[:110].ljust(110))
        self.stream.flush()

    @staticmethod
    def line(step: Any) -> str:
        share = step.done / step.total if step.total else 1.0
        filled = int(round(share * BAR_WIDTH))
        bar = "#" * filled + "-" * (BAR_WIDTH - filled)
        return f"{step.stage:<13} [{bar}] {step.done}/{step.total} {step.detail}"[:110]


def run_eval_command(args: argparse.Namespace) -> int:
    from ftdesign.evals.multi_run import load_side_by_side, run_candidates

    output = run_candidates(
        args.project,
        models=args.model,
        judge=args.judge,
        scenarios=args.scenarios,
        turns=args.turns,
        seed=args.seed,
        concurrency=args.concurrency,
        candidate_max_tokens=args.max_tokens,
        progress=ProgressBar(),
    )
    rows = output.results.scenarios
    print(f"{sum(r.passed for r in rows)} of {len(rows)} passed ({output.pass_rate:.1%}).")
    for run in load_side_by_side(args.project)[1:]:  # the others, when several ran
        print(f"  {run.label}: {run.passed} of {run.n} passed ({run.pass_rate:.1%}).")
    print(f"report:  {output.report}\nchart:   {output.chart}\nresults: {output.results_json}")
    return 0


def run_compare(args: argparse.Namespace) -> int:
    from ftdesign.evals.compare import render
    from ftdesign.evals.run_files import load_runs
    from ftdesign.tools.errors import FtdesignError

    if len(args.results) > 2:
        raise FtdesignError("compare takes one or two result files", hint="drop the extra ones")
    rubric = None
    if args.rubric is not None:
        from ftdesign.tools.loading import load_artifact

        rubric = load_artifact(args.rubric, "rubric")
    print(render(load_runs(list(args.results), rubric)))
    return 0
