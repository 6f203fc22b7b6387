"""Checks shared by every weighted distribution (taxonomy dimensions, persona choices, rubric)."""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence

from ftdesign.tools.findings import Finding, rule

SUM_TOLERANCE = 0.01

NEGATIVE = rule("weights.negative", "error", "weights are finite numbers >= 0")
SUM = rule("weights.sum", "error", f"each distribution's weights sum to 1.0 (±{SUM_TOLERANCE})")
ZERO = rule("weights.zero", "warning", "no option has weight 0 (it would never count)")


def check_weights(
    label: str, path: str, weights: Sequence[tuple[str, str, float]]
) -> Iterator[Finding]:
    """`weights` are (option name, path of its weight, weight); `path` is the distribution's."""
    finite = True
    for option, weight_path, weight in weights:
        if not math.isfinite(weight) or weight < 0:
            finite = False
            yield NEGATIVE.at(
                weight_path,
                f"{label}: '{option}' has weight {weight}",
                "use a share between 0 and 1; weights are finite and never negative",
            )
        elif weight == 0:
            yield ZERO.at(
                weight_path,
                f"{label}: '{option}' has weight 0, so it is never drawn or counted",
                "give it a share or remove it",
            )
    if finite and weights:
        yield from _check_sum(label, path, [w for _, _, w in weights])


def _check_sum(label: str, path: str, weights: list[float]) -> Iterator[Finding]:
    total = math.fsum(weights)
    if abs(total - 1.0) <= SUM_TOLERANCE + 1e-9:
        return
    gap = total - 1.0
    direction = f"lower them by {gap:.3g}" if gap > 0 else f"raise them by {-gap:.3g}"
    fix = f"{direction} in total so they add up to 1.0"
    if total > 0:
        fix += f" (or divide each by {total:.4g})"
    yield SUM.at(path, f"{label} weights sum to {total:.4g}, not 1.0", fix)
