"""Compare two evaluation runs (e.g. base vs fine-tuned): scores, pass rates, categories.

Runs come from `evals.run_files.load_runs`. Scenarios present in both runs are
paired (paired t-test on the shared ids); otherwise the runs are compared as
independent samples (Welch's t-test). Deltas are candidate minus reference.
"""

from __future__ import annotations

import math
import statistics
from dataclasses import dataclass

from ftdesign.evals.run_files import Run
from ftdesign.tools.student_t import two_sided_p
from ftdesign.tools.summary import Comparison, compare


@dataclass(frozen=True)
class Test:
    kind: str  # "paired" or "welch"
    n: int
    t: float
    df: float
    p_value: float


def welch_test(first: list[float], second: list[float]) -> Test:
    """Welch's t-test for two independent samples (second - first)."""
    va, vb = statistics.variance(first), statistics.variance(second)
    na, nb = len(first), len(second)
    spread = va / na + vb / nb
    if spread == 0.0:
        same = statistics.fmean(first) == statistics.fmean(second)
        return Test("welch", na + nb, 0.0 if same else math.inf, na + nb - 2, float(same))
    t = (statistics.fmean(second) - statistics.fmean(first)) / math.sqrt(spread)
    df = spread**2 / ((va / na) ** 2 / (na - 1) + (vb / nb) ** 2 / (nb - 1))
    return Test("welch", na + nb, t, df, two_sided_p(t, df))


def significance(comparison: Comparison, first: Run, second: Run) -> Test | None:
    if comparison.paired is not None:
        p = comparison.paired
        return Test("paired", p.n, p.t, p.df, p.p_value)
    a, b = [r.score for r in first.values()], [r.score for r in second.values()]
    return welch_test(a, b) if len(a) >= 2 and len(b) >= 2 else None


def order(runs: dict[str, Run]) -> tuple[str, str]:
    """(reference, candidate): a run named like 'base' is the reference."""
    names = list(runs)
    if any("base" in n.lower() for n in names[1:]) and "base" not in names[0].lower():
        names.reverse()
    return names[0], names[1]


def render(runs: dict[str, Run]) -> str:
    """Markdown tables: candidate then reference, as published comparisons read."""
    ref, new = order(runs)
    comparison = compare(runs[ref], runs[new])
    lines = ["| model | mean score | pass rate | n |", "|---|---|---|---|"]
    for name, group in ((new, comparison.second), (ref, comparison.first)):
        lines.append(
            f"| {name} | {group.mean_score:.3f} | {group.pass_rate * 100:.1f} % | {group.n} |"
        )
    lines += ["", f"| category | {new} | {ref} | delta |", "|---|---|---|---|"]
    for name, delta in comparison.category_deltas.items():
        b, a = comparison.second.category_means[name], comparison.first.category_means[name]
        lines.append(f"| {name} | {b:.3f} | {a:.3f} | {delta:+.3f} |")
    lines += [
        "",
        f"Mean score delta ({new} - {ref}): {comparison.mean_delta:+.3f}; "
        f"pass rate delta: {comparison.pass_rate_delta * 100:+.1f} points.",
    ]
    test = significance(comparison, runs[ref], runs[new])
    if test is None:
        lines.append("Too few scenarios for a significance test.")
    else:
        what = (
            f"paired t-test on {test.n} shared scenarios"
            if test.kind == "paired"
            else "Welch's t-test (no shared scenario ids)"
        )
        lines.append(f"{what}: t = {test.t:.3f}, df = {test.df:.1f}, p = {test.p_value:.4f}.")
    return "\n".join(lines)
