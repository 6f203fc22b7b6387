"""The decision log: every approval, skip, change request and step back, with its reasons.

One JSON object per line in `<project>/.ftdesign/decisions.jsonl`, appended and synced
so the log survives a killed process. The same records live in the session state;
the file is the project's own copy, readable without the agent.
"""

from __future__ import annotations

import json
from pathlib import Path

from ftdesign.agent.records import Decision, Issue
from ftdesign.tools.jsonl import append_line, numbered_lines

DECISIONS_FILE = Path(".ftdesign") / "decisions.jsonl"


def log_decision(project: Path, decision: Decision) -> Decision:
    """Append one decision to the project's log and return it."""
    append_line(project / DECISIONS_FILE, decision.model_dump_json())
    return decision


def read_decisions(project: Path) -> list[Decision]:
    """Every decision in the log, oldest first; a torn last line is ignored."""
    path = project / DECISIONS_FILE
    if not path.is_file():
        return []
    found = []
    for _, line in numbered_lines(path.read_text(encoding="utf-8")):
        try:
            found.append(Decision.model_validate(json.loads(line)))
        except ValueError:
            continue
    return found


def decide(
    gate: str, decision: str, rationale: str, findings: list[Issue], model: str = ""
) -> Decision:
    """A decision record; errors and warnings only, as info findings are noise in a log."""
    kept = [f for f in findings if f.severity != "info"]
    return Decision(gate=gate, decision=decision, rationale=rationale, findings=kept, model=model)
