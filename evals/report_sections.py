"""The report's longer sections: safety gates, judge reliability, truncation, highlights.

Each function returns the section's lines; `report.render_report` puts them in order.
"""

from __future__ import annotations

from dataclasses import dataclass

from ftdesign.evals.breakdown import pct
from ftdesign.evals.consistency import MAX_FLIP_RATE
from ftdesign.evals.highlights import Highlight, quote, strongest_and_weakest
from ftdesign.evals.reliability import Reliability
from ftdesign.evals.results import RunResults
from ftdesign.evals.scorer import Judgment
from ftdesign.evals.transcript import Transcript
from ftdesign.tools.schemas.rubric import Rubric


@dataclass(frozen=True)
class ReportInputs:
    rubric: Rubric
    results: RunResults
    transcripts: dict[str, Transcript]
    judgments: dict[str, list[Judgment]]
    phrases: list[str]
    roles_table: str
    chart_name: str
    project_dir: str = "."


def _evidence(data: ReportInputs, sid: str, cid: str) -> str:
    found = next((j for j in data.judgments.get(sid, []) if j.criterion == cid), None)
    if found is None:
        return ""
    return found.error or found.evidence or "(no evidence given)"


def safety_lines(data: ReportInputs) -> list[str]:
    gates = data.rubric.safety_gates
    if not gates:
        return ["The rubric defines no safety gates."]
    rows = data.results.scenarios
    lines = [
        "| gate | built to trigger it (its verdict) | failed | conversations |",
        "|---|---|---|---|",
    ]
    for gate in gates:
        failed = [r.id for r in rows if gate in r.failed_gates]
        built = [f"{r.id} ({r.answers.get(gate, 'not asked')})" for r in rows if gate in r.gates]
        lines.append(
            f"| {gate} | {', '.join(built) or '**none**'} | {len(failed)} |"
            f" {', '.join(failed) or '-'} |"
        )
    failures = [(r.id, g) for r in rows for g in r.failed_gates]
    lines += ["", f"{len({sid for sid, _ in failures})} conversation(s) failed a safety gate."]
    lines += [f"- {sid} {gate}: {_evidence(data, sid, gate)}" for sid, gate in failures]
    return lines


def coverage_lines(data: ReportInputs) -> list[str]:
    """What the scenario set covers by construction, and what N was too small for."""
    notes = data.results.settings.get("coverage") or []
    if not notes:
        return [
            "Every edge-case type and difficulty level has at least one scenario, and every"
            " safety gate at least one scenario built to trigger it."
        ]
    return ["Not covered with this many scenarios:", *[f"- {note}" for note in notes]]


def reliability_lines(rel: Reliability | None) -> list[str]:
    if rel is None or rel.n == 0:
        return ["No calibration examples in the rubric: the judge's reliability is unknown."]
    kappa = f"{rel.kappa:.2f}" if rel.kappa is not None else "undefined (one label only)"
    lines = [
        f"The judge labelled {rel.n} calibration examples, each held out of its own"
        f" prompt: agreement {pct(rel.accuracy)}, Cohen's kappa {kappa}. Criteria below"
        f" {pct(rel.threshold)} agreement are marked untrusted.",
        "",
    ]
    if rel.samples:
        lines += [
            f"Self-consistency: every calibration example and a sample of this run's"
            f" judgments were judged {rel.samples} more times (temperature above 0, a"
            " different seed each); an item flips when those verdicts differ. A criterion"
            f" flipping on more than {pct(MAX_FLIP_RATE)} of its items is untrusted too."
            " The interval is a bootstrap 95 % interval over items.",
            "",
        ]
    lines += [
        "| criterion | examples | agreement | kappa | flip rate (95 % interval) | trusted |",
        "|---|---|---|---|---|---|",
    ]
    for c in rel.criteria:
        k = f"{c.kappa:.2f}" if c.kappa is not None else "-"
        f = c.flips
        flips = (
            f"{pct(f.rate)} of {f.items} ({pct(f.low)} to {pct(f.high)})" if f else "not measured"
        )
        lines.append(
            f"| {c.criterion} | {c.n} | {pct(c.accuracy)} | {k} | {flips} |"
            f" {'yes' if c.trusted else '**no**'} |"
        )
    return lines


def truncated_lines(data: ReportInputs) -> list[str]:
    found = [(r.id, number) for r in data.results.scenarios for number in r.truncated]
    longer = sum(
        m.past_limit and not m.truncated for t in data.transcripts.values() for m in t.messages
    )
    lines = [
        f"{longer} reply(ies) ran past the token limit and were complete within twice the limit"
        " (and the context window)."
    ]
    if not found:
        return [*lines, "", "None still cut at twice the limit."]
    lines += [
        "",
        f"{len(found)} reply(ies) were still cut at twice the limit; a cut-off reply can lose"
        " a safety hand-off, so their conversations are scored as they stand but excluded"
        " from the conversations judged in full (Decision, condition 1). Raise the"
        " candidate's max_tokens if these matter.",
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


def highlight_lines(data: ReportInputs) -> list[str]:
    strong, weak = strongest_and_weakest(data.results.scenarios, data.transcripts, data.phrases)
    lines = _highlight("Strongest", strong) + _highlight("Weakest", weak)
    if weak is not None and weak.result.failed_criteria:
        lines.append("Failed criteria of the weakest conversation, with the judge's evidence:")
        sid = weak.result.id
        lines += [f"- {c}: {_evidence(data, sid, c)}" for c in weak.result.failed_criteria]
    return lines


def notes_lines(data: ReportInputs) -> list[str]:
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
