"""Several candidates on the same scenarios: one table to choose from.

Every candidate answered the same seeded scenarios with the same simulated users
(dataset and per-request seeds come from the run seed, so the first user turn is
identical and later ones differ only where the replies do). Scenario ids match, so
per-scenario scores pair up: the paired t-test asks whether a candidate scores
differently from the chosen one on the very same conversations openings. Speed is
what this machine measured during the run (none when the run resumed from a checkpoint).
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from ftdesign.evals.calls import Meter
from ftdesign.evals.results import RunResults
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.stats import paired_t_test, wilson_interval

HEADING = "## Side by side"


@dataclass(frozen=True)
class CandidateRun:
    """What one candidate's run measured, reduced to the table's cells."""

    label: str
    chosen_by: str
    passed: int
    n: int
    scores: dict[str, float]
    categories: dict[str, float]
    gate_failures: int
    tokens_per_s: float | None = None
    latency_s: float | None = None
    position: int | None = None  # in model-choice.md's list; None for --model / role settings
    inputs: str = ""  # digest of the artifacts the run read (evals/evidence.py)

    @property
    def pass_rate(self) -> float:
        return self.passed / self.n if self.n else 0.0

    @property
    def mean_score(self) -> float:
        return statistics.fmean(self.scores.values()) if self.scores else 0.0


def measure(
    label: str, chosen_by: str, results: RunResults, meter: Meter, position: int | None = None
) -> CandidateRun:
    rows = results.scenarios
    names = sorted({name for row in rows for name in row.category_scores})
    categories = {
        name: statistics.fmean(r.category_scores[name] for r in rows if name in r.category_scores)
        for name in names
    }
    _, tokens, seconds = meter.total("candidate")
    replies = sum(1 for r in meter.requests if r[0] == "candidate")
    return CandidateRun(
        label=label,
        chosen_by=chosen_by,
        passed=sum(r.passed for r in rows),
        n=len(rows),
        scores={r.id: r.score for r in rows},
        categories=categories,
        gate_failures=sum(bool(r.failed_gates) for r in rows),
        tokens_per_s=tokens / seconds if seconds and tokens else None,
        latency_s=seconds / replies if replies else None,
        position=position,
    )


def paired_cell(chosen: CandidateRun, other: CandidateRun) -> str:
    """Δ mean score (other - chosen) with t and p on the scenarios both ran."""
    shared = sorted(set(chosen.scores) & set(other.scores))
    try:
        test = paired_t_test([chosen.scores[i] for i in shared], [other.scores[i] for i in shared])
    except FtdesignError:
        return f"needs 2+ shared scenarios ({len(shared)})"
    return f"Δ {test.mean_difference:+.3f}, t = {test.t:.2f}, p = {test.p_value:.3f} (n = {test.n})"


def _speed(run: CandidateRun) -> tuple[str, str]:
    if run.tokens_per_s is None or run.latency_s is None:
        return "not measured (resumed run)", "not measured (resumed run)"
    return f"{run.tokens_per_s:.1f} tok/s", f"{run.latency_s:.2f} s"


def _reply(run: CandidateRun) -> str:
    return f" `chosen: {run.position}`" if run.position is not None else ""


def render_side_by_side(runs: list[CandidateRun]) -> str:
    """Markdown: the chosen candidate first, every other one with deltas against it."""
    chosen = runs[0]
    head = [r.label + (" (chosen)" if r is chosen else "") + _reply(r) for r in runs]
    table = ["| Measure | " + " | ".join(head) + " |", "|---" * (len(head) + 1) + "|"]

    def row(name: str, cells: list[str]) -> None:
        table.append(f"| {name} | " + " | ".join(cells) + " |")

    def pass_cell(r: CandidateRun) -> str:
        low, high = wilson_interval(r.passed, r.n)
        return f"{r.pass_rate:.0%} ({r.passed}/{r.n}; 95% CI {low:.0%}-{high:.0%})"

    def delta(value: float, base: float, first: bool) -> str:
        return f"{value:.3f}" if first else f"{value:.3f} ({value - base:+.3f})"

    row("Pass rate (Wilson interval)", [pass_cell(r) for r in runs])
    row("Mean score", [delta(r.mean_score, chosen.mean_score, r is chosen) for r in runs])
    for name, base in chosen.categories.items():
        cells = [delta(r.categories.get(name, 0.0), base, r is chosen) for r in runs]
        row(f"Category: {name}", cells)
    row("Safety-gate failures", [f"{r.gate_failures} of {r.n}" for r in runs])
    row("Paired t-test vs chosen", ["-"] + [paired_cell(chosen, r) for r in runs[1:]])
    speeds = [_speed(r) for r in runs]
    row("Tokens per second (this machine)", [s[0] for s in speeds])
    row("Reply latency (mean)", [s[1] for s in speeds])
    row("Chosen by", [r.chosen_by for r in runs])
    lines = [HEADING, "", "Every candidate answered the same scenarios with the same seeded"
             " simulated users; deltas are against the chosen model.", "", *table, "",
             "To make another candidate the chosen one, reply the `chosen: N` under its name;"
             " model-choice.md is rewritten with it."]  # fmt: skip
    return "\n".join(lines) + "\n"


def append_section(report: str, section: str) -> str:
    """The report with the side-by-side section added (or replaced) at its end."""
    kept = report.split(f"\n{HEADING}\n", 1)[0].rstrip()
    return kept + "\n\n" + section
