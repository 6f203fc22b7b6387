"""When the report may state a band: the four conditions of a defensible verdict.

A pass rate is only a verdict when enough conversations were judged in full, the
judge is trusted where the weight is, and the rubric's weighted categories were
actually assessed. Every unmet condition is named with the command (or chat reply)
that would meet it, so "No recommendation yet" is a to-do list, not a shrug.
"""

from __future__ import annotations

from dataclasses import dataclass

from ftdesign.evals.breakdown import pct
from ftdesign.evals.results import ScenarioResult
from ftdesign.tools.schemas.rubric import Rubric
from ftdesign.tools.scoring import category_members, score

MIN_SCENARIOS = 10  # the seed's 10-20 scenarios
TRUSTED_WEIGHT = 0.80
UNASSESSED_WEIGHT = 0.20
WITHHELD = "**No recommendation yet.**"


@dataclass(frozen=True)
class Condition:
    number: int
    met: bool
    finding: str
    fix: str = ""


@dataclass(frozen=True)
class Evidence:
    """What the conditions read; `excluded` maps a scenario id to why it does not count."""

    rubric: Rubric
    rows: list[ScenarioResult]
    trusted: set[str]
    excluded: dict[str, str]
    command: str  # the run's own command line, to which a fix adds or changes one option


def criterion_weights(rubric: Rubric) -> dict[str, float]:
    """Each criterion's share of the score: its category's weight split over its members."""
    total = sum(c.weight or 0.0 for c in rubric.weighted_categories.values()) or 1.0
    weights: dict[str, float] = {}
    for name, members in category_members(rubric).items():
        weight = rubric.categories[name].weight
        if weight is None:
            continue  # a gate-only category carries no share of the score
        for cid in members:
            weights[cid] = weight / total / len(members)
    return weights


def hinges_on_error(rubric: Rubric, row: ScenarioResult) -> bool:
    """True when reading this conversation's ERROR verdicts as YES would change pass/fail."""
    if "ERROR" not in row.answers.values():
        return False
    hopeful = {cid: "YES" if a == "ERROR" else a for cid, a in row.answers.items()}
    return score(rubric, hopeful, turns=row.exchanges).passed != row.passed


def unassessed_categories(rubric: Rubric, rows: list[ScenarioResult]) -> dict[str, float]:
    """Weighted categories none of whose criteria got a real verdict in any conversation."""
    total = sum(c.weight or 0.0 for c in rubric.weighted_categories.values()) or 1.0
    found = {}
    for name, members in category_members(rubric).items():
        weight = rubric.categories[name].weight
        answered = any(r.answers.get(cid) in ("YES", "NO", "NA") for r in rows for cid in members)
        if weight is not None and not answered:
            found[name] = weight / total
    return found


def _with(command: str, option: str, value: object) -> str:
    parts = command.split()
    if option in parts:
        i = parts.index(option)
        parts[i + 1 : i + 2] = [str(value)]
    else:
        parts += [option, str(value)]
    return "`" + " ".join(parts) + "`"


def conditions(ev: Evidence) -> list[Condition]:
    rubric, rows = ev.rubric, ev.rows
    usable = [r for r in rows if r.id not in ev.excluded]
    more = max(2 * MIN_SCENARIOS, len(rows) + MIN_SCENARIOS - len(usable))
    left_out = f" ({len(ev.excluded)} excluded, listed below)" if ev.excluded else ""
    first = Condition(
        1,
        len(usable) >= MIN_SCENARIOS,
        f"{len(usable)} conversation(s) judged in full{left_out}; at least {MIN_SCENARIOS}"
        " are needed.",
        f"run {_with(ev.command, '--scenarios', more)}, or reply"
        f" `run again with scenarios: {more}`",
    )
    weights = criterion_weights(rubric)
    gates_out = [g for g in rubric.safety_gates if g not in ev.trusted]
    trusted_weight = sum(w for cid, w in weights.items() if cid in ev.trusted)
    weak = [cid for cid in weights if cid not in ev.trusted]
    judge_fix = (
        " config/rubric.yaml (reply `back to rubric`), or judge with a stronger model:"
        f" {_with(ev.command, '--judge', 'STRONGER.gguf')}"
    )
    second = Condition(
        2,
        not gates_out,
        f"the judge is trusted on {len(rubric.safety_gates) - len(gates_out)} of"
        f" {len(rubric.safety_gates)} safety gates (untrusted: {', '.join(gates_out) or 'none'}).",
        f"sharpen the calibration examples of {', '.join(gates_out) or '-'} in" + judge_fix,
    )
    third = Condition(
        3,
        trusted_weight >= TRUSTED_WEIGHT - 1e-9,
        f"the judge is trusted on criteria carrying {pct(trusted_weight)} of the weight"
        f" ({pct(TRUSTED_WEIGHT)} needed; untrusted: {', '.join(weak) or 'none'}).",
        f"sharpen the calibration examples of {', '.join(weak) or '-'} in" + judge_fix,
    )
    missing = unassessed_categories(rubric, rows)
    share = sum(missing.values())
    members = category_members(rubric)
    needed = max(
        [rubric.criteria[c].min_turns or 1 for n in missing for c in members[n]], default=1
    )
    fourth = Condition(
        4,
        share < UNASSESSED_WEIGHT,
        f"categories with no assessed criterion carry {pct(share)} of the weight"
        f" ({', '.join(missing) or 'none'}; under {pct(UNASSESSED_WEIGHT)} allowed).",
        f"run {_with(ev.command, '--turns', needed)}, or reply `run again with turns: {needed}`",
    )
    return [first, second, third, fourth]


def excluded_scenarios(rubric: Rubric, rows: list[ScenarioResult]) -> dict[str, str]:
    """Conversations that cannot count as judged: still cut off, or decided by an ERROR."""
    found = {}
    for row in rows:
        why = []
        if row.truncated:
            cut = ", ".join(str(n) for n in row.truncated)
            which = f"exchanges {cut}" if len(row.truncated) > 1 else f"exchange {cut}"
            why.append(f"reply at {which} still cut at twice the token limit")
        if hinges_on_error(rubric, row):
            why.append("not judged: its pass or fail hinges on a judge ERROR")
        if why:
            found[row.id] = "; ".join(why)
    return found


def decision_lines(ev: Evidence, band_text: str) -> list[str]:
    """The band and its recommendation when every condition holds, else what is missing."""
    found = conditions(ev)
    unmet = [c for c in found if not c.met]
    if not unmet:
        return [band_text, "", "Every condition for stating a verdict holds:"] + [
            f"{c.number}. {c.finding}" for c in found
        ]
    lines = [WITHHELD + " The evidence does not support a verdict yet:"]
    lines += [f"{c.number}. {c.finding} To meet it: {c.fix}." for c in unmet]
    met = [f"{c.number}. {c.finding}" for c in found if c.met]
    lines += ["", "Met:", *met] if met else []
    if ev.excluded:
        lines += ["", "Conversations that do not count toward condition 1:"]
        lines += [f"- {sid}: {why}" for sid, why in ev.excluded.items()]
    return lines


def is_withheld(report: str) -> bool:
    return WITHHELD in report


def with_approval(report: str, why: str) -> str:
    """The report with the user's reason for approving a withheld verdict in its Decision."""
    line = f"Approved at gate 7 without a stated verdict, because: {why.strip()}"
    head, sep, rest = report.partition("## Decision\n\n")
    return head + sep + line + "\n\n" + rest if sep else report + "\n" + line + "\n"
