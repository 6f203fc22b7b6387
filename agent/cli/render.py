"""Plain-text rendering of session events for `ftdesign run` (a terminal or a log file)."""

from __future__ import annotations

from ftdesign.agent.records import LessonReading
from ftdesign.agent.session import Event
from ftdesign.agent.stop import Stop
from ftdesign.agent.validation import describe
from ftdesign.tools.steps import REGISTRY

RULE = "=" * 78


def _excerpt(text: str, lines: int | None) -> list[str]:
    body = text.rstrip("\n").splitlines()
    if lines is None or len(body) <= lines:
        return body
    return [*body[:lines], f"... ({len(body) - lines} more lines)"]


def lesson_lines(readings: list[LessonReading]) -> list[str]:
    """The model's reading of the seed's lessons, labelled as advice that does not block."""
    if not readings:
        return []
    out = ["  Lessons as the model reads them (advice, does not block):"]
    for reading in readings:
        cited = f' citing "{reading.sentence}"' if reading.sentence else ""
        note = f" ({reading.note})" if reading.note else ""
        out.append(f"    {reading.file} {reading.code}: {reading.verdict}{cited}{note}")
    return out


def render_stop(stop: Stop, draft_lines: int | None = 30) -> str:
    """One stop as text: drafts, findings, review, sources, messages and the question."""
    gates = len(REGISTRY.gates)
    where = f"gate {stop.number}/{gates}" if 1 <= stop.number <= gates else stop.step
    out = [RULE, f"{stop.title} ({where})", RULE]
    out += [f"! {notice}" for notice in stop.notices]
    if stop.answer:
        out += ["", "Answer:", stop.answer]
        out += [f"  [{n}] {s.source} - {s.section}" for n, s in enumerate(stop.answer_sources, 1)]
    for path, text in stop.drafts.items():
        out += ["", f"--- {path} ---", *_excerpt(text, draft_lines)]
    for change in stop.changes:
        out += ["", f"Changed {change.path} (v{change.before} -> v{change.after}): {change.diff}"]
    if stop.charts:
        out += ["", f"Charts: {', '.join(stop.charts)}"]
    out += ["", f"Validation: {len(stop.findings)} finding(s)"]
    out += [f"  - {describe(issue)}" for issue in stop.findings]
    if stop.review:
        review = stop.review
        out += ["", f"Review: {review.verdict} (reviewer: {review.reviewer})"]
        out += [f"  [{'x' if c.ok else ' '}] {c.item}" for c in review.checklist]
        for expert in review.experts:
            risks = "; ".join(expert.risks) or "none named"
            out.append(f"  * {expert.name} ({expert.role}): {risks}")
            if expert.inadequate_pass:
                out.append(f"      would pass but be inadequate: {expert.inadequate_pass}")
        out += [f"  ({reason})" for reason in dict.fromkeys(review.withheld)]
        out += lesson_lines(review.lessons)
        out += [f"  suggestion {n}: {s}" for n, s in enumerate(review.suggestions, 1)]
    if stop.sources:
        out += ["", "Guide sections:"]
        out += [f"  [{n}] {s.source} - {s.section}" for n, s in enumerate(stop.sources, 1)]
    out += ["", stop.question, f"Actions: {', '.join(stop.actions)}"]
    return "\n".join(out)


def render_event(event: Event, draft_lines: int | None = 30) -> str | None:
    """The text to print for one event; streamed tokens are not printed (the stop that
    follows shows the whole answer with its sources)."""
    if event.kind == "stop" and event.stop is not None:
        return render_stop(event.stop, draft_lines)
    if event.kind == "progress":
        return f"  ... {event.text}"
    if event.kind == "reply":
        return f"  (read as: {event.text})"
    if event.kind == "finished":
        return event.text
    if event.kind == "error":
        return f"error: {event.text}"
    return None
