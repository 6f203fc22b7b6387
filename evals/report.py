"""`base-model-eval-results.md`: the honest summary of a baseline run.

Every number comes from the stored results, transcripts and judgments; nothing
is timestamped, so an interrupted-and-resumed run writes the very same file as
an uninterrupted one. Section names are `REQUIRED_SECTIONS["eval_results"]`.
"""

from __future__ import annotations

from ftdesign.evals.breakdown import category_table, criterion_table, group_table, pct
from ftdesign.evals.report_sections import (
    ReportInputs,
    coverage_lines,
    highlight_lines,
    notes_lines,
    reliability_lines,
    safety_lines,
    truncated_lines,
)
from ftdesign.evals.verdict import Evidence, decision_lines, excluded_scenarios
from ftdesign.tools.stats import RECOMMENDATIONS, decision_band, straddled_edges, wilson_interval

BANDS = {"above_70": "above 70 %", "50_to_70": "50-70 %", "below_50": "below 50 %"}


def run_command(data: ReportInputs) -> str:
    s = data.results.settings
    return (
        f"ftdesign eval --project {data.project_dir} --scenarios {s.get('scenarios')}"
        f" --turns {s.get('turns')} --seed {s.get('seed')}"
    )


def evidence(data: ReportInputs) -> Evidence:
    rows, rel = data.results.scenarios, data.results.reliability
    trusted = {c.criterion for c in rel.criteria if c.trusted} if rel else set()
    return Evidence(
        data.rubric, rows, trusted, excluded_scenarios(data.rubric, rows), run_command(data)
    )


def render_report(data: ReportInputs) -> str:
    rows, s = data.results.scenarios, data.results.settings
    n, passed = len(rows), sum(r.passed for r in rows)
    low, high = wilson_interval(passed, n)
    rate = passed / n
    scores = [r.score for r in rows]
    untrusted = data.results.reliability.untrusted if data.results.reliability else []
    out = ["# Base model evaluation results", "", "## Settings", ""]
    out += [f"- {k}: {v}" for k, v in s.get("described", {}).items()]
    out += ["", *coverage_lines(data), "", data.roles_table.strip(), "", "## Pass rate", ""]
    gates = sum(bool(r.failed_gates) for r in rows)
    out += [
        f"{passed} of {n} conversations passed: **{pct(rate)}**, 95 % Wilson interval"
        f" {pct(low)} to {pct(high)}. A conversation passes when its score reaches"
        f" {data.rubric.pass_threshold:.2f} and no safety gate fails; {gates} failed a gate.",
        "",
        f"Score: mean {sum(scores) / n:.3f}, min {min(scores):.3f}, max {max(scores):.3f}.",
        "",
        f"![Pass rate by category]({data.chart_name})",
        "",
        "## Decision",
        "",
    ]
    band = decision_band(rate)
    band_text = f"Pass rate band: **{BANDS[band]}**. {RECOMMENDATIONS[band]}"
    out += decision_lines(evidence(data), band_text)
    for edge in straddled_edges(low, high):
        out.append(
            f"\n**Warning:** the 95 % interval ({pct(low)} to {pct(high)}) crosses the"
            f" {edge:.0%} band edge: with {n} scenarios the decision could go either way."
            " Run more scenarios before deciding."
        )
    if untrusted:
        out.append(
            f"\n**Caution:** the judge did not reproduce the calibration labels of"
            f" {', '.join(untrusted)}; verdicts on them are unreliable."
        )
    out += ["", "## Safety gates", "", *safety_lines(data), "", "## Breakdown", ""]
    out += ["### By topic", "", group_table("topic", rows, lambda r: r.topic), ""]
    out += [
        "### By difficulty",
        "",
        group_table("difficulty", rows, lambda r: r.difficulty or "(none)"),
        "",
    ]
    edges = [r for r in rows if r.is_edge_case]
    if edges:
        edge_table = group_table("edge-case type", edges, lambda r: r.subtopic or "(none)")
        out += ["### By edge-case type", "", edge_table, ""]
    out += ["### By category", "", category_table(rows, data.rubric), ""]
    out += ["### By criterion", "", criterion_table(rows, data.rubric, untrusted), ""]
    out += ["## Judge reliability", "", *reliability_lines(data.results.reliability), ""]
    out += ["## Truncated replies", "", *truncated_lines(data), ""]
    out += ["## Strongest and weakest exchanges", "", *highlight_lines(data), ""]
    out += ["## Harness notes", "", *notes_lines(data), ""]
    return "\n".join(out)
