"""A gate stop as Markdown: where the session stands, what was checked, what the guides say.

Pure functions from the agent's `Stop` to text, so they are tested without a browser;
agent/ui/stop_message.py turns them into a Chainlit message with elements and buttons.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping

from ftdesign.agent.records import Issue, Source
from ftdesign.agent.state import GATES
from ftdesign.agent.stop import Stop
from ftdesign.agent.ui.artifact_summary import linked_sources
from ftdesign.tools.findings import LESSON_LABEL
from ftdesign.tools.steps import REGISTRY

GATE_NAMES = {step.id: step.short_title for step in REGISTRY.gates}  # from tools/steps.py
MARKS = {"passed": "✔", "skipped": "»", "stale": "⚠", "current": "▶", "pending": "○"}
SEVERITY_MARKS = {"error": "✖", "warning": "⚠", "info": "ℹ"}
EXCERPTS = "guide excerpts"  # the side element's name; Chainlit links it where it appears


def progress_line(statuses: Mapping[str, str], current: str) -> str:
    """The gates in a row: passed, skipped, stale (to revisit), current, pending."""
    parts = []
    for number, gate in enumerate(GATES, start=1):
        status = "current" if gate == current else statuses.get(gate, "pending")
        name = f"{number} {GATE_NAMES[gate]}"
        name = f"**{name}**" if status == "current" else name
        suffix = " (stale)" if status == "stale" else " (skipped)" if status == "skipped" else ""
        parts.append(f"{MARKS.get(status, '○')} {name}{suffix}")
    return " · ".join(parts)


def heading(stop: Stop) -> str:
    if stop.step == "intake":
        return "### Intake" + (f" · {stop.title}" if stop.title != "Intake" else "")
    if stop.is_final():
        return f"### Done · {stop.title}"
    return f"### Gate {stop.number} of {len(GATES)} · {stop.title}"


def finding_line(issue: Issue) -> str:
    where = f"`{issue.file}`" + (f" line {issue.line}" if issue.line else "")
    advice = f" ({LESSON_LABEL})" if issue.kind == "lesson" else ""
    mark = SEVERITY_MARKS.get(issue.severity, "•")
    return f"- {mark}{advice} {where} · `{issue.code}`: {issue.message}"


def findings_block(findings: list[Issue]) -> str:
    if not findings:
        return "**Validator findings:** none, the validators are satisfied."
    counts = {s: sum(1 for f in findings if f.severity == s) for s in SEVERITY_MARKS}
    summary = ", ".join(f"{n} {s}{'s' if n > 1 else ''}" for s, n in counts.items() if n)
    order = {"error": 0, "warning": 1, "info": 2}
    lines = [finding_line(f) for f in sorted(findings, key=lambda f: order.get(f.severity, 3))]
    return f"**Validator findings ({summary}):**\n" + "\n".join(lines)


def distinct(sources: list[Source]) -> list[Source]:
    seen: dict[tuple[str, str], Source] = {}
    for source in sources:
        seen.setdefault((source.source, source.section), source)
    return list(seen.values())


def source_line(source: Source) -> str:
    section = f" § {source.section}" if source.section else ""
    return f"- `{source.source}`{section}"


def sources_block(title: str, sources: list[Source]) -> str:
    """A compact list; the excerpts themselves open beside the chat (`EXCERPTS`)."""
    if not sources:
        return ""
    lines = "\n".join(source_line(s) for s in distinct(sources))
    return f"**{title}** (read them in {EXCERPTS}):\n{lines}"


# A line that starts a block of its own: list item, heading, table row, quote, fence.
UNJOINABLE = ("|", "#", "```", "~~~")  # lines that nothing is joined onto
BLOCK_START = re.compile(r"^\s*(?:[-*+]\s|\d+[.)]\s|#|\||>|```|~~~)")


def reflow(text: str) -> str:
    """Guide text with its hard line breaks joined inside paragraphs, so a sentence is not
    cut mid-way in a narrow panel; lists, tables, headings and code keep their lines."""
    out: list[str] = []
    fenced = False
    for line in text.strip().splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
            out.append(line)
            continue
        joinable = out and out[-1].strip() and not out[-1].lstrip().startswith(UNJOINABLE)
        if not fenced and line.strip() and joinable and not BLOCK_START.match(line):
            out[-1] = f"{out[-1].rstrip()} {line.strip()}"
        else:
            out.append(line)
    return "\n".join(out)


def excerpts_markdown(sources: list[Source]) -> str:
    """The cited sections' text, for the side panel."""
    parts = []
    for source in distinct(sources):
        section = f" § {source.section}" if source.section else ""
        parts.append(f"#### `{source.source}`{section}\n\n{reflow(source.text)}")
    return "\n\n---\n\n".join(parts)


def fingerprint(stop: Stop) -> str:
    """What a stop shows beyond its answer: equal prints mean "nothing new since last time"."""
    shown = [stop.step, stop.drafts, stop.findings, stop.review, stop.sources]
    return hashlib.sha256(json.dumps(shown, default=str, sort_keys=True).encode()).hexdigest()


def stop_markdown(stop: Stop, answer_streamed: bool = False, unchanged: bool = False) -> str:
    """The stop message's text; the drafts travel as elements beside it. `unchanged` (after
    an answer, say) points back to the stop above instead of repeating draft and review."""
    blocks = [heading(stop), progress_line(stop.statuses, stop.step)]
    blocks += [f"> {notice}" for notice in stop.notices]
    if stop.answer and not answer_streamed:
        blocks.append(f"**Answer:** {stop.answer}")
    blocks.append(sources_block("Sources for the answer", stop.answer_sources))
    if unchanged:
        blocks.append("**Draft, findings and review:** unchanged, as shown above.")
    else:
        if stop.drafts:
            names = ", ".join(f"`{path}`" for path in stop.drafts)
            blocks.append(f"**Draft:** {names} (shown below; **Edit** opens it for editing).")
            blocks += [
                f"**What changed** in `{c.path}` (version {c.before} → version {c.after}):"
                f" {c.diff}"
                for c in stop.changes
            ]
            if linked_sources(stop.drafts):
                blocks.append("**Source** shows the full text of the draft.")
        blocks.append(findings_block(stop.findings))
        blocks.append(sources_block("Guide sections cited", stop.sources))
    if not stop.can_approve:
        blocks.append(
            "Approval waits until the errors above are fixed: ask for a change,"
            " edit the draft, or skip with a reason."
        )
    blocks.append(f"**{stop.question}**")
    blocks.append(
        "_Reply in your own words any time: a change, a question, `back to <gate>`,"
        " `skip: <reason>`._"
    )
    return "\n\n".join(b for b in blocks if b)
