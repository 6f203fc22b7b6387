"""Evaluate every candidate model-choice.md lists (or every --model) in one run.

Each candidate is an ordinary resumable run of evals.task with the same scenarios,
seed and turns; only the candidate role differs. The chosen candidate runs last, so
the report left in the project is its own, followed by the side-by-side table. A
machine-readable copy of the table (side-by-side.json) fills model-choice.md's
measured rows (evals/evidence.py), now and whenever gate 1 re-renders the file.
"""

from __future__ import annotations

import asyncio
import json
from dataclasses import asdict, replace
from pathlib import Path
from typing import Any

from ftdesign.evals.calls import Meter
from ftdesign.evals.candidates import resolve_candidates
from ftdesign.evals.evidence import inputs_digest, refresh_model_choice
from ftdesign.evals.progress import Progress, ProgressCallback
from ftdesign.evals.records import RUNS
from ftdesign.evals.side_by_side import (
    CandidateRun,
    append_section,
    measure,
    render_side_by_side,
)
from ftdesign.evals.task import arun_eval
from ftdesign.evals.writeup import RunOutput
from ftdesign.tools.artifacts import ARTIFACTS
from ftdesign.tools.project_files import atomic_write, write_artifact

SIDE_BY_SIDE_FILE = "side-by-side.json"


def _labelled(progress: ProgressCallback | None, label: str) -> ProgressCallback | None:
    if progress is None:
        return None

    def report(step: Progress) -> None:
        progress(Progress(step.stage, step.done, step.total, f"{label} {step.detail}".strip()))

    return report


async def arun_candidates(
    project: Path | str,
    *,
    models: list[str | Path] | None = None,
    progress: ProgressCallback | None = None,
    **options: Any,
) -> RunOutput:
    """Run every candidate; the chosen one's output, its report holding the table."""
    from ftdesign.tools.fit_for_use import require_fit_for_eval

    root = Path(project)
    require_fit_for_eval(root)  # before the first candidate's model starts
    picks = resolve_candidates(root, models)
    digest = inputs_digest(root)
    measured: list[CandidateRun] = []
    output: RunOutput | None = None
    for pick in reversed(picks):
        meter = Meter()
        output = await arun_eval(
            root, candidate=pick, meter=meter, progress=_labelled(progress, pick.label), **options
        )
        results = output.results
        run = measure(pick.label, pick.chosen_by, results, meter, pick.position)
        measured.insert(0, replace(run, inputs=digest))
    assert output is not None  # resolve_candidates always returns at least one pick
    _save(root, measured)
    refresh_model_choice(root, measured)  # pass rate, band and speed into model-choice.md
    if len(measured) > 1:
        report = output.report.read_text(encoding="utf-8")
        text = append_section(report, render_side_by_side(measured))
        write_artifact(root, ARTIFACTS["eval_results"].path, text)
    return output


def _save(root: Path, measured: list[CandidateRun]) -> None:
    path = root / RUNS / SIDE_BY_SIDE_FILE
    path.parent.mkdir(parents=True, exist_ok=True)
    atomic_write(path, json.dumps([asdict(run) for run in measured], indent=2) + "\n")


def load_side_by_side(root: Path) -> list[CandidateRun]:
    """The last multi-candidate (or single) run's measurements, chosen first; [] if none."""
    path = root / RUNS / SIDE_BY_SIDE_FILE
    if not path.is_file():
        return []
    try:
        return [CandidateRun(**row) for row in json.loads(path.read_text(encoding="utf-8"))]
    except (ValueError, TypeError):
        return []  # a hand-edited or older file: treated as not measured


def run_candidates(project: Path | str, **options: Any) -> RunOutput:
    """`arun_candidates` for synchronous callers (the CLI)."""
    return asyncio.run(arun_candidates(project, **options))
