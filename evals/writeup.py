"""Write a finished run: results.json in the run folder, the report and chart in the project."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ftdesign.evals.breakdown import category_pass_rates
from ftdesign.evals.chart import category_chart
from ftdesign.evals.dataset import Sample
from ftdesign.evals.project import EvalProject
from ftdesign.evals.records import RunStore
from ftdesign.evals.reliability import Reliability
from ftdesign.evals.report import render_report
from ftdesign.evals.report_sections import ReportInputs
from ftdesign.evals.results import RunResults, scenario_result, write_results
from ftdesign.evals.run_settings import described, roles_table
from ftdesign.evals.scorer import Judgment
from ftdesign.evals.transcript import Transcript
from ftdesign.tools.artifacts import ARTIFACTS
from ftdesign.tools.project_files import write_artifact

CHART = "base-model-eval-results.png"
SAFETY_BAR = "safety gates"  # share of conversations with no gate failed


@dataclass(frozen=True)
class RunOutput:
    """Where a run's outputs are, and its results (what gate 7 shows and records)."""

    run_key: str
    report: Path
    chart: Path
    results_json: Path
    records: Path
    results: RunResults

    @property
    def pass_rate(self) -> float:
        rows = self.results.scenarios
        return sum(r.passed for r in rows) / len(rows) if rows else 0.0


def write_outputs(
    project: EvalProject,
    store: RunStore,
    key: str,
    settings: dict[str, Any],
    samples: list[Sample],
    transcripts: dict[str, Transcript],
    judgments: dict[str, list[Judgment]],
    reliability: Reliability,
) -> RunOutput:
    rubric = project.rubric
    # Dataset order, whatever order concurrent jobs finished in: same inputs, same report.
    transcripts = {s.id: transcripts[s.id] for s in samples}
    judgments = {s.id: judgments[s.id] for s in samples}
    rows = [scenario_result(rubric, s, transcripts[s.id], judgments[s.id]) for s in samples]
    shown = {**settings, "described": described(settings, project, key)}
    results = RunResults(settings=shown, scenarios=rows, reliability=reliability)
    results_json = write_results(store.folder / "results.json", results)
    rates = category_pass_rates(rows, rubric.pass_threshold)
    if rubric.safety_gates:
        rates[SAFETY_BAR] = sum(not r.failed_gates for r in rows) / len(rows)
    chart = category_chart(
        rates,
        rubric.pass_threshold,
        project.root / CHART,
        f"{settings['roles']['candidate']['model']}: {len(rows)} scenarios,"
        f" seed {settings['seed']}",
    )
    text = render_report(
        ReportInputs(
            rubric=rubric,
            results=results,
            transcripts=transcripts,
            judgments=judgments,
            phrases=project.avoid_phrases,
            roles_table=roles_table(settings),
            chart_name=CHART,
            project_dir=project.root.resolve().name,
        )
    )
    report = write_artifact(project.root, ARTIFACTS["eval_results"].path, text)
    return RunOutput(key, report, chart, results_json, store.path, results)
