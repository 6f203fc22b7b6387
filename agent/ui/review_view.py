"""The agent-led review as a readable panel: checklist, expert critique, suggested edits.

Each suggestion is numbered the way the agent numbers it, so the "Apply" button for
suggestion 2 sends exactly what typing `apply 2` would.
"""

from __future__ import annotations

from ftdesign.agent.records import Review

VERDICT_MARKS = {"PASS": "✔ PASS", "CONCERNS": "⚠ CONCERNS"}


def checklist_block(review: Review) -> str:
    if not review.checklist:
        return ""
    lines = []
    for check in review.checklist:
        note = f" ({check.note})" if check.note else ""
        mark = "✔" if check.ok else "○" if check.note.startswith("not assessed") else "⚠"
        lines.append(f"- {mark} {check.item}{note}")
    return "**Checklist from the guide:**\n" + "\n".join(lines)


def experts_block(review: Review) -> str:
    if not review.experts:
        return ""
    lines = []
    for expert in review.experts:
        risks = "; ".join(expert.risks) or "no risk named"
        lines.append(f"- **{expert.name}** ({expert.role}): {risks}")
        if expert.inadequate_pass:
            lines.append(f"  - _Would pass but still be inadequate:_ {expert.inadequate_pass}")
        if expert.missed_users:
            lines.append(f"  - _Users it misses:_ {expert.missed_users}")
    return "**Expert critique:**\n" + "\n".join(lines)


def suggestions_block(review: Review) -> str:
    if not review.suggestions:
        return "**Suggested edits:** none."
    lines = [f"{n}. {text}" for n, text in enumerate(review.suggestions, start=1)]
    return "**Suggested edits** (one click applies one):\n" + "\n".join(lines)


def lessons_block(review: Review) -> str:
    """The model's reading of the seed's lessons: advice, never a reason to block."""
    if not review.lessons:
        return ""
    lines = []
    for reading in review.lessons:
        cited = f' · "{reading.sentence}"' if reading.sentence else ""
        note = f" ({reading.note})" if reading.note else ""
        lines.append(f"- `{reading.code}` in `{reading.file}`: {reading.verdict}{cited}{note}")
    head = "**Lessons as the model reads them** (advice, does not block approval):\n"
    return head + "\n".join(lines)


def review_markdown(review: Review, title: str) -> str:
    reviewer = f" · reviewed by {review.reviewer}" if review.reviewer else ""
    head = f"#### Review of {title}: {VERDICT_MARKS.get(review.verdict, review.verdict)}{reviewer}"
    withheld = "\n".join(f"- _{reason}_" for reason in dict.fromkeys(review.withheld))
    blocks = [head, checklist_block(review), experts_block(review), lessons_block(review)]
    blocks.append(withheld)
    blocks.append(suggestions_block(review))
    return "\n\n".join(b for b in blocks if b)
