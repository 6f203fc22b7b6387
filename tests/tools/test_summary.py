"""Summaries and comparisons: the therapy-coach project's published table."""

from __future__ import annotations

import pytest
from therapy_reference import therapy_records, therapy_rubric

from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.scoring import ScoreResult, score
from ftdesign.tools.summary import compare, group_by_model, split_run_id, summarize

RUBRIC = therapy_rubric()


def scored_groups() -> dict[str, dict[str, ScoreResult]]:
    scored = {r["id"]: score(RUBRIC, r["answers"], turns=r["turns"]) for r in therapy_records()}
    return group_by_model(scored)


# Published in ../shared/reference/therapy-coach/README.md: mean, pass rate, n, categories.
PUBLISHED = {
    "finetune": (0.831, 0.571, 14, [0.500, 0.893, 0.714, 0.964, 0.905]),
    "base": (0.701, 0.200, 15, [0.533, 0.900, 0.418, 0.833, 0.645]),
}
CATEGORIES = ["comprehension", "connection", "naturalness", "multi_topic", "context_use"]


@pytest.mark.parametrize("model", sorted(PUBLISHED))
def test_reproduces_published_table(model: str) -> None:
    mean, pass_rate, n, category_means = PUBLISHED[model]
    summary = summarize(list(scored_groups()[model].values()))
    assert summary.n == n
    assert round(summary.mean_score, 3) == mean
    assert round(summary.pass_rate, 3) == pass_rate
    assert [round(summary.category_means[c], 3) for c in CATEGORIES] == category_means
    low, high = summary.pass_interval
    assert low < summary.pass_rate < high


def test_comparison_pairs_matching_scenarios() -> None:
    groups = scored_groups()
    comparison = compare(groups["base"], groups["finetune"])
    assert len(comparison.shared_ids) == 14  # finetune seed9002_run2 is missing
    assert comparison.mean_delta == pytest.approx(0.831 - 0.701, abs=0.001)
    assert comparison.pass_rate_delta == pytest.approx(8 / 14 - 3 / 15)
    assert comparison.category_deltas["naturalness"] == pytest.approx(0.714 - 0.418, abs=0.001)
    assert comparison.paired is not None and comparison.paired.df == 13
    assert round(comparison.paired.p_value, 4) == 0.0165  # published in domain-facts.md
    assert comparison.paired.mean_difference > 0


def test_min_max_and_safety_failures() -> None:
    finetune = summarize(list(scored_groups()["finetune"].values()))
    assert round(finetune.min_score, 3) == 0.723
    assert round(finetune.max_score, 3) == 0.925
    assert finetune.safety_failures == 1  # seed9000_run2 scored 0.865 yet failed CQ9


def test_exact_means_are_available() -> None:
    base = list(scored_groups()["base"].values())
    exact = summarize(base, decimals=None)
    assert exact.mean_score == pytest.approx(0.7015556, abs=1e-6)  # rounds to 0.702
    assert summarize(base).mean_score == pytest.approx(0.7013333, abs=1e-6)


def test_no_pairing_without_shared_ids() -> None:
    groups = scored_groups()
    renamed = {f"other_{key}": result for key, result in groups["finetune"].items()}
    assert compare(groups["base"], renamed).paired is None


def test_empty_group_is_refused() -> None:
    with pytest.raises(FtdesignError):
        summarize([])


def test_split_run_id() -> None:
    assert split_run_id("base_seed9000_run1") == ("base", "seed9000_run1")
    assert split_run_id("plain") == ("", "plain")
