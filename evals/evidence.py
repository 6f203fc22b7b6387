"""Measured evidence flows back into model-choice.md, and goes stale when its inputs change.

After gate 7 the "Base capability" and "Deployment target" rows of the Candidates table
get each candidate's measured pass rate, band and speed, and the checklist's "evaluated
on our rubric" and "speed measured" items are ticked. Each filled cell names the digest
of the files the measurement read (taxonomy, rubric, personas, prompts); once one of
them changes, the cells say the number is stale, as later gates do after a step back.
Writes go through tools.project_files.write_artifact, so the replaced file is kept.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from ftdesign.evals.side_by_side import CandidateRun
from ftdesign.tools.artifacts import ARTIFACTS, Kind
from ftdesign.tools.completeness import CheckLine
from ftdesign.tools.stats import decision_band

MEASURED_INPUTS: tuple[Kind, ...] = (
    "taxonomy", "rubric", "persona", "user_sim", "assistant", "system_prompt"
)  # fmt: skip
CAPABILITY, DEPLOYMENT = "Base capability", "Deployment target"
TICKS = {
    CAPABILITY: "Base model evaluated on our rubric, pass rate recorded",
    DEPLOYMENT: "Speed measured on the deployment target and acceptable",
}
STALE = "STALE: the rubric, taxonomy, personas or prompts changed since; re-run gate 7"
_DIGEST = re.compile(r"inputs ([0-9a-f]{8}|unknown)")


def inputs_digest(project: Path) -> str:
    digest = hashlib.sha256()
    for kind in MEASURED_INPUTS:
        path = project / ARTIFACTS[kind].path
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()[:8]


def _cells(run: CandidateRun, digest: str) -> dict[str, str]:
    band = decision_band(run.pass_rate).replace("_", " ")
    measured = f"{run.pass_rate:.0%} base pass rate on our rubric ({run.passed}/{run.n} scenarios,"
    speed = "speed not measured (resumed run)"
    if run.tokens_per_s is not None and run.latency_s is not None:
        speed = f"{run.tokens_per_s:.1f} tok/s, {run.latency_s:.2f} s per reply measured"
    return {
        CAPABILITY: f"{measured} band {band}; inputs {digest})",
        DEPLOYMENT: f"llama.cpp on this machine: {speed} (inputs {digest})",
    }


def _split(line: str) -> list[str]:
    return [cell.strip() for cell in line.strip().strip("|").split("|")]


def fill_evidence(text: str, runs: list[CandidateRun]) -> str:
    """model-choice.md with measured cells for every candidate whose column is found.

    Each cell names the inputs digest the run recorded, so re-rendering later never
    makes an old measurement look fresh."""
    lines = text.splitlines()
    header = next((i for i, ln in enumerate(lines) if ln.startswith("| Factor |")), None)
    if header is None or not runs:
        return text
    columns = _split(lines[header])
    by_label = {run.label: run for run in runs}
    filled: set[str] = set()
    for i, line in enumerate(lines):
        cells = _split(line) if line.startswith("|") else []
        if not cells or cells[0] not in TICKS:
            continue
        for column, title in enumerate(columns[1:], start=1):
            if title in by_label and column < len(cells):
                run = by_label[title]
                cells[column] = _cells(run, run.inputs or "unknown")[cells[0]]
                filled.add(cells[0])
        lines[i] = "| " + " | ".join(cells) + " |"
    for row in filled:  # a row filled for the chosen candidate ticks its checklist item
        lines = [ln.replace(f"- [ ] {TICKS[row]}", f"- [x] {TICKS[row]}") for ln in lines]
    return "\n".join(lines) + ("\n" if text.endswith("\n") else "")


def mark_stale(text: str, current: str) -> str:
    """Cells measured on other inputs say so (once); fresh cells are left alone."""
    out = []
    for line in text.splitlines():
        found = _DIGEST.search(line)
        if found and found.group(1) != current and STALE not in line:
            line = _DIGEST.sub(lambda m: m.group(0) + f"; {STALE}", line)
        out.append(line)
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def stale_rows(project: Path) -> list[str]:
    """Measured rows of model-choice.md whose inputs have changed since."""
    path = project / ARTIFACTS["model_choice"].path
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    current = inputs_digest(project)
    return [
        _split(line)[0]
        for line in text.splitlines()
        if any(m != current for m in _DIGEST.findall(line)) and line.startswith("|")
    ]


def refresh_model_choice(project: Path, runs: list[CandidateRun] | None = None) -> bool:
    """Fill measured rows from `runs` (when given), mark stale ones; True when written."""
    from ftdesign.tools.project_files import write_artifact

    path = project / ARTIFACTS["model_choice"].path
    if not path.is_file():
        return False
    old = path.read_text(encoding="utf-8")
    current = inputs_digest(project)
    text = fill_evidence(old, runs) if runs else old
    text = mark_stale(text, current)
    if text != old:
        write_artifact(project, ARTIFACTS["model_choice"].path, text)
    return text != old


def evidence_lines(project: Path) -> list[CheckLine]:
    """The completion checklist's line about measured rows; none before any measurement."""
    stale = stale_rows(project)
    if not stale:
        return []
    return [
        CheckLine(
            False,
            f"model-choice.md measurements are current (stale: {', '.join(stale)})",
            f"re-run the baseline: `ftdesign eval --project {project}` or gate 7",
        )
    ]
