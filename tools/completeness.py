"""Is the design done? The checklist behind `ftdesign status` and `validate --complete`.

A project is complete when all eight files exist, none is a placeholder (TBD, TODO,
an unavailable evaluation, an empty required section), no validator error is left,
and the baseline was measured with a decision, or skipped with a reason in the
decision log. Each line carries the command or reply that fixes it. The log is read
as the file the agent appends (`.ftdesign/decisions.jsonl`), so tools/ needs no agent.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from pathlib import Path

from ftdesign.tools.artifacts import ARTIFACTS
from ftdesign.tools.schemas.documents import EVAL_UNAVAILABLE

DECISIONS_LOG = Path(".ftdesign") / "decisions.jsonl"
BASELINE_GATE = ARTIFACTS["eval_results"].gate
PLACEHOLDER = re.compile(r"\b(TBD|TODO|FIXME)\b")


@dataclass(frozen=True)
class CheckLine:
    ok: bool
    text: str
    fix: str = ""


def baseline_skip_reason(project: Path) -> str | None:
    """The reason logged with the latest skip of the baseline gate, if it stands."""
    path = project / DECISIONS_LOG
    reason = None
    lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() else []
    for line in lines:
        try:
            record = json.loads(line)
        except ValueError:
            continue  # a torn last line from a killed process
        if isinstance(record, dict) and record.get("gate") == BASELINE_GATE:
            # a later approval or change of this gate replaces an earlier skip
            skipped = record.get("decision") == "skipped"
            reason = (str(record.get("rationale") or "").strip() or None) if skipped else None
    return reason


def _placeholders(path: Path, kind: str) -> list[str]:
    from ftdesign.tools.validators import validate_path

    text = path.read_text(encoding="utf-8", errors="replace")
    found = sorted(set(PLACEHOLDER.findall(text)))
    if EVAL_UNAVAILABLE.lower() in text.lower():
        found.append("evaluation unavailable")
    found += [f.location.path for f in validate_path(path, kind) if f.code == "doc.section_empty"]
    return found


def _has_verdict(path: Path) -> bool:
    from ftdesign.tools.schemas.documents import sections

    text = path.read_text(encoding="utf-8", errors="replace") if path.is_file() else ""
    decision = sections(text).get("decision", "")
    return EVAL_UNAVAILABLE.lower() not in text.lower() and bool(decision.strip())


def completeness(project: Path) -> list[CheckLine]:
    """Every line of the checklist, in the order a user would fix them."""
    from ftdesign.tools.validators import validate_project

    skip = baseline_skip_reason(project)
    lines = []
    for kind, artifact in ARTIFACTS.items():
        path = project / artifact.path
        if kind == "eval_results" and skip and not _has_verdict(path):
            lines.append(CheckLine(True, f"{artifact.path}: baseline skipped ({skip})"))
        elif not path.is_file():
            lines.append(
                CheckLine(
                    False,
                    f"{artifact.path} exists",
                    f"approve the {artifact.gate} gate"
                    " in `ftdesign run` (or copy a worked one with `ftdesign init`)",
                )
            )
        elif marks := _placeholders(path, kind):
            lines.append(
                CheckLine(
                    False,
                    f"{artifact.path} has no placeholders (found: {', '.join(marks)})",
                    f"fill them in, or revise it at the {artifact.gate} gate",
                )
            )
        else:
            lines.append(CheckLine(True, f"{artifact.path} exists and is filled in"))
    errors = [f for f in validate_project(project) if f.severity == "error"]
    first = f"; first: {errors[0].file} [{errors[0].code}]" if errors else ""
    lines.append(
        CheckLine(
            not errors,
            f"no validator errors ({len(errors)} found{first})",
            f"`ftdesign validate {project}` lists each with its fix",
        )
    )
    verdict = _has_verdict(project / ARTIFACTS["eval_results"].path)
    lines.append(
        CheckLine(verdict or bool(skip),
                  "baseline measured with a decision" if verdict or not skip
                  else f"baseline skipped with a logged reason: {skip}",
                  f"run `ftdesign eval --project {project}`, or reply `skip: <reason>`"
                  " at the baseline gate")
    )  # fmt: skip
    return lines


def is_complete(lines: list[CheckLine]) -> bool:
    return all(line.ok for line in lines)


def render_checklist(lines: list[CheckLine]) -> str:
    """Markdown checklist; an open line is followed by its fix."""
    out = []
    for line in lines:
        out.append(f"- [{'x' if line.ok else ' '}] {line.text}")
        if not line.ok and line.fix:
            out.append(f"  - fix: {line.fix}")
    done = sum(line.ok for line in lines)
    out.append(f"\n{done} of {len(lines)} done" + (": complete." if done == len(lines) else "."))
    return "\n".join(out)
