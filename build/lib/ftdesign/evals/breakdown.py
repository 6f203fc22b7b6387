"""Breakdown tables of a run: by topic, difficulty, category and criterion.

Small samples make small groups: every row shows its n so nobody reads a
3-scenario topic's 33 % as a finding.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from statistics import fmean

from ftdesign.evals.results import ScenarioResult
from ftdesign.tools.schemas.rubric import Rubric
from ftdesign.tools.scoring import criterion_value


def pct(value: float) -> str:
    return f"{value * 100:.1f} %"


def group_table(
    title: str, rows: list[ScenarioResult], key: Callable[[ScenarioResult], str]
) -> str:
    groups: dict[str, list[ScenarioResult]] = {}
    for row in rows:
        groups.setdefault(key(row), []).append(row)
    lines = [f"| {title} | n | passed | pass rate | mean score |", "|---|---|---|---|---|"]
    for name in sorted(groups):
        group = groups[name]
        passed = sum(r.passed for r in group)
        lines.append(
            f"| {name} | {len(group)} | {passed} | {pct(passed / len(group))} |"
            f" {fmean(r.score for r in group):.3f} |"
        )
    return "\n".join(lines)


def category_pass_rates(rows: list[ScenarioResult], threshold: float) -> dict[str, float]:
    """Share of conversations whose category score reaches the pass threshold."""
    names = list(dict.fromkeys(n for r in rows for n in r.category_scores))
    return {
        name: fmean(r.category_scores[name] >= threshold for r in rows if name in r.category_scores)
        for name in names
    }


def category_table(rows: list[ScenarioResult], rubric: Rubric) -> str:
    rates = category_pass_rates(rows, rubric.pass_threshold)
    lines = [
        "| category | weight | mean score | min | at or above threshold |",
        "|---|---|---|---|---|",
    ]
    for name, rate in rates.items():
        values = [r.category_scores[name] for r in rows if name in r.category_scores]
        weight = rubric.categories[name].weight or 0.0
        lines.append(
            f"| {name} | {weight:.2f} | {fmean(values):.3f} | {min(values):.3f} | {pct(rate)} |"
        )
    return "\n".join(lines)


def criterion_table(rows: list[ScenarioResult], rubric: Rubric, untrusted: list[str]) -> str:
    lines = [
        "| criterion | category | YES | NO | NA | ERROR | counted as pass | judge |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for cid in rubric.criteria:
        answers = [r.answers[cid] for r in rows if cid in r.answers]
        if not answers:
            lines.append(
                f"| {cid} | {rubric.category_of(cid) or '-'} | not assessed"
                " (conversations too short) | | | | | |"
            )
            continue
        counts = Counter(answers)
        passing = fmean(criterion_value(rubric, cid, a) for a in answers)  # type: ignore[arg-type]
        trust = "untrusted" if cid in untrusted else "ok"
        lines.append(
            f"| {cid} | {rubric.category_of(cid) or '-'} | {counts['YES']} | {counts['NO']} |"
            f" {counts['NA']} | {counts['ERROR']} | {pct(passing)} | {trust} |"
        )
    return "\n".join(lines)
