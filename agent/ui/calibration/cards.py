"""The workshop's text: a card per criterion, one per example, and the judge's word on it.

Examples, rubric text and the judge's evidence are model-written: every card passes
through `without_images` (agent/ui/model_text.py) before it is shown.
"""

from __future__ import annotations

from ftdesign.agent.ui.calibration.judging import subjective
from ftdesign.agent.ui.calibration.workshop import Item, Workshop
from ftdesign.agent.ui.model_text import without_images
from ftdesign.evals.reliability import USER_LABEL

LABELS = {
    "PASS": "PASS",
    "FAIL": "FAIL",
    "BORDERLINE_PASS": "borderline PASS",
    "BORDERLINE_FAIL": "borderline FAIL",
}
EXCERPT = 160


def _short(text: str, limit: int = EXCERPT) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def judge_mark(item: Item) -> str:
    if item.check is None:
        return "not checked yet"
    if item.check.verdict == "ERROR":
        return "⚠ the judge could not answer"
    if item.disputed:
        return f"⚠ judge says {item.check.verdict}"
    if item.check.kept_anyway:
        return f"kept despite the judge's {item.check.verdict}"
    return "✔ judge agrees"


def said(context: str) -> str:
    """The user's words without the "User:" that contexts often start with (shown once)."""
    return USER_LABEL.sub("", context.strip())


def example_line(number: int, item: Item) -> str:
    e = item.example
    return (
        f"{number}. **{LABELS[e.type]}** · {judge_mark(item)}\n"
        f"   - User: {_short(said(e.context))}\n   - Assistant: {_short(e.response)}"
    )


def criterion_card(workshop: Workshop) -> str:
    cid = workshop.current
    criterion = workshop.criterion(cid)
    kept = workshop.kept(cid)
    head = (
        f"#### Calibration examples · criterion {workshop.index + 1} of"
        f" {len(workshop.order)}: `{cid}` {criterion.name}"
    )
    kind = (
        "judgement call: borderline examples are proposed too"
        if subjective(criterion)
        else "clear-cut: a clear PASS and FAIL are proposed"
    )
    lines = [
        head,
        f"**Question:** {criterion.question}",
        f"_{kind}_",
        f"**Examples:** {workshop.count_line(cid)}",
    ]
    lines += [example_line(n, item) for n, item in enumerate(kept, start=1)]
    return without_images("\n\n".join(lines))


def example_card(item: Item, title: str) -> str:
    e = item.example
    return without_images(
        f"**{title}: {LABELS[e.type]}** (expected answer {e.expected_answer})\n\n"
        f"- **User:** {said(e.context)}\n- **Assistant:** {e.response}\n- **Why:** {e.reasoning}"
    )


def check_card(item: Item) -> str:
    check, e = item.check, item.example
    if check is None:
        return ""
    if check.verdict == "ERROR":
        return without_images(f"⚠ The judge could not label this example: {check.evidence}")
    if not item.disputed:
        return f"✔ The judge agrees: {check.verdict} for a {LABELS[e.type]} example."
    return without_images(
        f"⚠ **The judge disagrees.** It answered **{check.verdict}**, but the label"
        f" {LABELS[e.type]} expects {e.expected_answer}.\n\n**Judge's reasoning:**"
        f" {check.evidence or '(none given)'}\n\nThat usually means the criterion can be"
        " read two ways. Relabel it, rewrite it to be unambiguous, or keep it as it is."
    )
