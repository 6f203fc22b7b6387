"""Small statistics for evaluation reports: intervals, agreement, paired tests, bands.

Evaluations run 10-50 scenarios, so a bare pass rate hides a wide uncertainty; the
report shows a Wilson interval and warns when that interval reaches into a neighbouring
decision band of the seed (>70 % / 50-70 % / <50 %).
"""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Literal

from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.student_t import two_sided_p

Z_95 = 1.959963984540054  # two-sided 95 % quantile of the standard normal


def wilson_interval(successes: int, n: int, z: float = Z_95) -> tuple[float, float]:
    """Wilson score interval for a proportion; stays inside [0, 1] even at 0/n or n/n."""
    if n <= 0:
        return (0.0, 1.0)
    if not 0 <= successes <= n:
        raise ValueError(f"successes must lie in [0, {n}], got {successes}")
    p = successes / n
    z2 = z * z
    denominator = 1.0 + z2 / n
    centre = (p + z2 / (2 * n)) / denominator
    half = z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / denominator
    return (max(0.0, centre - half), min(1.0, centre + half))


@dataclass(frozen=True)
class Agreement:
    """How often two raters agree; kappa is None when only one label was ever used."""

    n: int
    accuracy: float
    kappa: float | None


def cohen_kappa(first: Sequence[Hashable], second: Sequence[Hashable]) -> Agreement:
    """Raw agreement and Cohen's kappa (agreement beyond chance) of two label lists."""
    if len(first) != len(second):
        raise ValueError(f"label lists differ in length: {len(first)} vs {len(second)}")
    n = len(first)
    if n == 0:
        return Agreement(0, 0.0, None)
    observed = sum(a == b for a, b in zip(first, second, strict=True)) / n
    counts_a, counts_b = Counter(first), Counter(second)
    expected = sum(counts_a[label] * counts_b[label] for label in counts_a) / (n * n)
    kappa = None if expected >= 1.0 else (observed - expected) / (1.0 - expected)
    return Agreement(n, observed, kappa)


@dataclass(frozen=True)
class PairedTest:
    """A paired t-test; `mean_difference` is second minus first (e.g. fine-tuned - base)."""

    n: int
    mean_difference: float
    t: float
    df: int
    p_value: float


def paired_t_test(first: Sequence[float], second: Sequence[float]) -> PairedTest:
    """Two-sided paired t-test on `second - first` (tools.student_t: no SciPy in the venv)."""
    if len(first) != len(second):
        raise ValueError(f"paired samples differ in length: {len(first)} vs {len(second)}")
    n = len(first)
    if n < 2:
        raise FtdesignError(
            f"a paired t-test needs at least 2 pairs, got {n}",
            hint="run both models on the same scenarios (matching ids)",
        )
    differences = [b - a for a, b in zip(first, second, strict=True)]
    mean = statistics.fmean(differences)
    spread = statistics.stdev(differences)
    if spread == 0.0:
        # Identical differences: no noise, so either no effect at all or a certain one.
        t = 0.0 if mean == 0.0 else math.copysign(math.inf, mean)
        return PairedTest(n, mean, t, n - 1, 1.0 if mean == 0.0 else 0.0)
    t = mean / (spread / math.sqrt(n))
    return PairedTest(n, mean, t, n - 1, two_sided_p(t, n - 1))


Band = Literal["above_70", "50_to_70", "below_50"]
BAND_EDGES = (0.50, 0.70)
RECOMMENDATIONS: dict[Band, str] = {
    "above_70": "The base model may be sufficient; try prompt engineering first.",
    "50_to_70": "Fine-tuning is likely to help; expect a moderate improvement.",
    "below_50": "Fine-tuning is needed; expect a significant improvement.",
}


def decision_band(pass_rate: float) -> Band:
    """The seed's band: above 70 %, 50-70 % (both edges included), below 50 %."""
    if pass_rate > BAND_EDGES[1]:
        return "above_70"
    if pass_rate >= BAND_EDGES[0]:
        return "50_to_70"
    return "below_50"


def straddled_edges(low: float, high: float) -> list[float]:
    """Band edges an interval crosses: with more scenarios the decision could flip.

    70 % itself belongs to the middle band and 50 % too, hence the asymmetric tests.
    """
    lower, upper = BAND_EDGES
    crossed = []
    if low < lower <= high:
        crossed.append(lower)
    if low <= upper < high:
        crossed.append(upper)
    return crossed


def straddles_band_edge(low: float, high: float) -> bool:
    """True when the interval's ends fall in different decision bands."""
    return bool(straddled_edges(low, high))
