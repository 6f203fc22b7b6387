"""Weighted draws and proportional allocation shared by the samplers.

Draws use only `random.Random.random()` (Mersenne Twister, identical on every
platform) and our own cumulative search, so a seed gives the same scenarios and
personas on every machine and every Python version, unlike helpers whose internals
may change.
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from typing import TypeVar

from ftdesign.tools.errors import FtdesignError

T = TypeVar("T")


def check_weights(weights: Sequence[float], where: str) -> float:
    """Return the weight total; refuse negative, non-finite or all-zero weights."""
    for weight in weights:
        if not math.isfinite(weight) or weight < 0:
            raise FtdesignError(
                f"{where}: weight {weight!r} is invalid", hint="use non-negative numbers"
            )
    total = float(sum(weights))
    if total <= 0:
        raise FtdesignError(f"{where}: weights add up to 0", hint="give some option a weight > 0")
    return total


def weighted_pick(
    rng: random.Random, options: Sequence[T], weights: Sequence[float], where: str = "weights"
) -> T:
    """One option drawn with probability weight / total (totals other than 1 are fine)."""
    if len(options) != len(weights) or not options:
        raise FtdesignError(
            f"{where}: {len(options)} options but {len(weights)} weights",
            hint="give every option exactly one weight",
        )
    total = check_weights(weights, where)
    target = rng.random() * total
    running = 0.0
    for option, weight in zip(options, weights, strict=True):
        running += weight
        if target < running:
            return option
    # Rounding can leave target a hair above the last sum: the last positive option wins.
    return next(o for o, w in zip(reversed(options), reversed(weights), strict=True) if w > 0)


def shuffled(rng: random.Random, items: Sequence[T]) -> list[T]:
    """A Fisher-Yates shuffle driven by `rng.random()` only (see the module docstring)."""
    result = list(items)
    for i in range(len(result) - 1, 0, -1):
        j = min(int(rng.random() * (i + 1)), i)
        result[i], result[j] = result[j], result[i]
    return result


def largest_remainder(weights: Sequence[float], total: int) -> list[int]:
    """Split `total` items in proportion to `weights` (Hamilton's method).

    Each share gets the integer part of its quota; the items left over go to the
    largest fractional remainders, ties to the larger weight, then to the earlier entry.
    """
    if total < 0:
        raise ValueError(f"cannot allocate a negative count: {total}")
    weight_sum = check_weights(weights, "allocation")
    quotas = [total * w / weight_sum for w in weights]
    counts = [math.floor(q) for q in quotas]
    order = sorted(range(len(weights)), key=lambda i: (-(quotas[i] - counts[i]), -weights[i], i))
    for index in order[: total - sum(counts)]:
        counts[index] += 1
    return counts
