"""Goodness-of-fit helpers for sampler tests (no SciPy needed)."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Mapping

Z_999 = 3.090232306167813  # one-sided 0.1 % quantile of the standard normal


def chi_square_critical(df: int, z: float = Z_999) -> float:
    """Wilson-Hilferty approximation of the chi-square quantile (good for df >= 1)."""
    ratio = 2.0 / (9.0 * df)
    return df * (1.0 - ratio + z * math.sqrt(ratio)) ** 3


def fits(observed: Counter[Hashable], weights: Mapping[Hashable, float]) -> bool:
    """Chi-square goodness of fit at the 0.1 % level: do the counts follow the weights?"""
    n = sum(observed.values())
    total = sum(weights.values())
    if set(observed) - set(weights):
        return False
    statistic = sum(
        (observed[key] - n * w / total) ** 2 / (n * w / total) for key, w in weights.items() if w
    )
    return statistic < chi_square_critical(len(weights) - 1)


def within_binomial_error(hits: int, n: int, p: float, sigmas: float = 4.0) -> bool:
    """Is the observed rate within `sigmas` binomial standard errors of p?"""
    return abs(hits / n - p) <= sigmas * math.sqrt(p * (1 - p) / n)
