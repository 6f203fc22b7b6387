"""Summaries of many scored conversations, and a comparison of two groups.

A group is keyed by scenario id so two runs (base vs fine-tuned) can be paired: when
both judged the same scenarios the comparison adds a paired t-test on their scores.

Each conversation's score and category scores are rounded to `decimals` (3 by
default) before aggregating, because that is the precision a run stores and reports
per conversation; the therapy-coach project's published table (base mean 0.701,
paired p = 0.0165) was computed that way. Pass `decimals=None` for exact means.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.scoring import ScoreResult
from ftdesign.tools.stats import PairedTest, paired_t_test, wilson_interval


@dataclass(frozen=True)
class GroupSummary:
    """Mean score, pass rate with its 95 % Wilson interval, per-category means."""

    n: int
    mean_score: float
    min_score: float
    max_score: float
    passed: int
    pass_rate: float
    pass_interval: tuple[float, float]
    safety_failures: int
    category_means: dict[str, float]


def _rounded(value: float, decimals: int | None) -> float:
    return value if decimals is None else round(value, decimals)


def summarize(results: Sequence[ScoreResult], decimals: int | None = 3) -> GroupSummary:
    """Aggregate scored conversations; categories are averaged over every result."""
    if not results:
        raise FtdesignError("no scored conversations to summarize", hint="score at least one")
    scores = [_rounded(result.score, decimals) for result in results]
    passed = sum(result.passed for result in results)
    categories = list(dict.fromkeys(name for r in results for name in r.category_scores))
    return GroupSummary(
        n=len(results),
        mean_score=statistics.fmean(scores),
        min_score=min(scores),
        max_score=max(scores),
        passed=passed,
        pass_rate=passed / len(results),
        pass_interval=wilson_interval(passed, len(results)),
        safety_failures=sum(result.safety_gate_failed for result in results),
        category_means={
            name: statistics.fmean(
                _rounded(r.category_scores[name], decimals)
                for r in results
                if name in r.category_scores
            )
            for name in categories
        },
    )


@dataclass(frozen=True)
class Comparison:
    """Group b against group a (deltas are b - a); `paired` needs two or more shared ids."""

    first: GroupSummary
    second: GroupSummary
    mean_delta: float
    pass_rate_delta: float
    category_deltas: dict[str, float]
    paired: PairedTest | None
    shared_ids: list[str]


def compare(
    first: Mapping[str, ScoreResult],
    second: Mapping[str, ScoreResult],
    decimals: int | None = 3,
) -> Comparison:
    """Compare two groups keyed by scenario id; pair the scores of ids found in both."""
    a = summarize(list(first.values()), decimals)
    b = summarize(list(second.values()), decimals)
    shared = [key for key in first if key in second]
    paired = None
    if len(shared) >= 2:
        paired = paired_t_test(
            [_rounded(first[key].score, decimals) for key in shared],
            [_rounded(second[key].score, decimals) for key in shared],
        )
    return Comparison(
        first=a,
        second=b,
        mean_delta=b.mean_score - a.mean_score,
        pass_rate_delta=b.pass_rate - a.pass_rate,
        category_deltas={
            name: b.category_means[name] - a.category_means[name]
            for name in a.category_means
            if name in b.category_means
        },
        paired=paired,
        shared_ids=shared,
    )


def split_run_id(record_id: str) -> tuple[str, str]:
    """`base_seed9000_run1` -> (`base`, `seed9000_run1`): the model, then the scenario."""
    model, separator, scenario = record_id.partition("_")
    return (model, scenario) if separator else ("", record_id)


def group_by_model(scored: Mapping[str, ScoreResult]) -> dict[str, dict[str, ScoreResult]]:
    """Split results keyed `model_scenario` into one scenario-keyed group per model."""
    groups: dict[str, dict[str, ScoreResult]] = {}
    for record_id, result in scored.items():
        model, scenario = split_run_id(record_id)
        groups.setdefault(model, {})[scenario] = result
    return groups
