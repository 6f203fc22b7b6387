"""`base-model-eval-results.md`: the honest summary of a baseline run.

Every number comes from the stored results, transcripts and judgments; nothing
is timestamped, so an interrupted-and-resumed run writes the very same file as
an uninterrupted one. Section names are `REQUIRED_SECTIONS["eval_results"]`.
"""

from __future__ import annotations

from dataclasses import dataclass

from evals.breakdown import category_table, criterion_table, group_table, pct
from evals.highlights import Highlight, quote, strongest_and_weakest
from evals.reliability import Reliability
from evals.results import RunResults
from evals.scorer import Judgment
from evals.transcript import Transcript
from tools.schemas.rubric import Rubric
from tools.stats import RECOMMENDATIONS, decision_band, straddled_edges, wilson_interval

BANDS = {"above_70": "above 70 %", "50_to_70": "50-70 %", "below_50": "below 50 %"}


@dataclass(frozen=True)
class ReportInputs:
    rubric: Rubric
    results: RunResults
    transcripts: dict[str, Transcript]
    judgments: dict[str, list[Judgment]]
    phrases: list[str]
    roles_table: str
    chart_name: str


def render_report(data: ReportInputs) -> str:
    rows, s = data.results.scenarios, data.results.settings
    n, passed = len(rows), sum(r.passed for r in rows)
    low, high = wilson_interval(passed, n)
    rate = passed / n
    scores = [r.score for r in rows]
    untrusted = data.results.reliability.untrusted if data.results.reliability else []
    out = ["# Base model evaluation results", "", "## Settings", ""]
    out += [f"- {k}: {v}" for k, v in s.get("described", {}).items()]
    out += ["", data.roles_table.strip(), "", "## Pass rate", ""]
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
    out.append(f"Pass rate band: **{BANDS[band]}**. {RECOMMENDATIONS[band]}")
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
    out += ["", "## Safety gates", "", *_safety(data), "", "## Breakdown", ""]
    out += ["### By topic", "", group_table("topic", rows, lambda r: r.topic), ""]
    out += [
        "### By difficulty",
        "",
        group_table("difficulty", rows, lambda r: r.difficulty or "(none)"),
        "",
    ]
    out += ["### By category", "", category_table(rows, data.rubric), ""]
    out += ["### By criterion", "", criterion_table(rows, data.rubric, untrusted), ""]
    out += ["## Judge reliability", "", *_reliability(data.results.reliability), ""]
    out += ["## Truncated replies", "", *_truncated(data), ""]
    out += ["## Strongest and weakest exchanges", "", *_highlights(data), ""]
    out += ["## Harness notes", "", *_notes(data), ""]
    return "\n".join(out)


def _evidence(data: ReportInputs, sid: str, cid: str) -> str:
    found = next((j for j in data.judgments.get(sid, []) if j.criterion == cid), None)
    if found is None:
        return ""
    return found.error or found.evidence or "(no evidence given)"


def _safety(data: ReportInputs) -> list[str]:
    gates = data.rubric.safety_gates
    if not gates:
        return ["The rubric defines no safety gates."]
    rows = data.results.scenarios
    lines = ["| gate | failed | conversations |", "|---|---|---|"]
    for gate in gates:
        failed = [r.id for r in rows if gate in r.failed_gates]
        lines.append(f"| {gate} | {len(failed)} | {', '.join(failed) or '-'} |")
    failures = [(r.id, g) for r in rows for g in r.failed_gates]
    lines += ["", f"{len({sid for sid, _ in failures})} conversation(s) failed a safety gate."]
    lines += [f"- {sid} {gate}: {_evidence(data, sid, gate)}" for sid, gate in failures]
    return lines


def _reliability(rel: Reliability | None) -> list[str]:
    if rel is None or rel.n == 0:
        return ["No calibration examples in the rubric: the judge's reliability is unknown."]
    kappa = f"{rel.kappa:.2f}" if rel.kappa is not None else "undefined (one label only)"
    lines = [
        f"The judge labelled {rel.n} calibration examples, each held out of its own"
        f" prompt: agreement {pct(rel.accuracy)}, Cohen's kappa {kappa}. Criteria below"
        f" {pct(rel.threshold)} agreement are marked untrusted.",
        "",
        "| criterion | examples | agreement | kappa | trusted |",
        "|---|---|---|---|---|",
    ]
    for c in rel.criteria:
        k = f"{c.kappa:.2f}" if c.kappa is not None else "-"
        lines.append(
            f"| {c.criterion} | {c.n} | {pct(c.accuracy)} | {k} |"
            f" {'yes' if c.trusted else '**no**'} |"
        )
    return lines


def _truncated(data: ReportInputs) -> list[str]:
    found = [(r.id, number) for r in data.results.scenarios for number in r.truncated]
    if not found:
        return ["None: every reply ended before the token limit."]
    lines = [
        f"{len(found)} reply(ies) hit the token limit; a cut-off reply can lose a safety"
        " hand-off. Raise the candidate's max_tokens if these matter."
    ]
    for sid, number in found:
        reply = data.transcripts[sid].pairs()[number - 1][1]
        ending = " ".join(reply.content.split()[-12:])
        lines.append(
            f'- {sid}, exchange {number}: {reply.completion_tokens} tokens, ends "...{ending}"'
        )
    return lines


def _highlight(title: str, h: Highlight | None) -> list[str]:
    if h is None:
        return [f"### {title}", "", "No exchange to show."]
    return [
        f"### {title}: {h.result.id}, exchange {h.exchange}",
        "",
        f"Topic {h.result.topic}, score {h.result.score:.3f}"
        f" ({'passed' if h.result.passed else 'failed'}); code-counted problems:"
        f" {', '.join(h.problems) or 'none'}.",
        "",
        "User:",
        "",
        quote(h.user.content),
        "",
        "Assistant:",
        "",
        quote(h.reply.content),
        "",
    ]


def _highlights(data: ReportInputs) -> list[str]:
    strong, weak = strongest_and_weakest(data.results.scenarios, data.transcripts, data.phrases)
    lines = _highlight("Strongest", strong) + _highlight("Weakest", weak)
    if weak is not None and weak.result.failed_criteria:
        lines.append("Failed criteria of the weakest conversation, with the judge's evidence:")
        sid = weak.result.id
        lines += [f"- {c}: {_evidence(data, sid, c)}" for c in weak.result.failed_criteria]
    return lines


def _notes(data: ReportInputs) -> list[str]:
    users = [m for t in data.transcripts.values() for m in t.messages if m.role == "user"]
    trimmed = sum(1 for m in users if m.note and m.note.startswith("trimmed"))
    short = sum(1 for m in users if m.note and m.note.startswith("short"))
    errors = [(sid, j) for sid, js in data.judgments.items() for j in js if j.answer == "ERROR"]
    return [
        f"- Simulated user messages: {len(users)}; cut to the persona's word limit: {trimmed};"
        f" shorter than its minimum: {short}.",
        f"- Judge errors (no valid verdict after retries, counted as fails): {len(errors)}.",
        *[f"  - {sid} {j.criterion}: {j.error}" for sid, j in errors],
    ]
