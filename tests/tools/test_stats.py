"""Statistics against hand-computed and closed-form values."""

from __future__ import annotations

import math

import pytest

from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.stats import (
    cohen_kappa,
    decision_band,
    paired_t_test,
    straddled_edges,
    straddles_band_edge,
    wilson_interval,
)
from ftdesign.tools.student_t import regularized_incomplete_beta, two_sided_p


def test_wilson_40_of_50() -> None:
    low, high = wilson_interval(40, 50)
    assert low == pytest.approx(0.6696, abs=1e-4)
    assert high == pytest.approx(0.8876, abs=1e-4)


def test_wilson_hand_computed_from_formula() -> None:
    # 3/10 with z = 2 (easy arithmetic): centre (0.3 + 0.2) / 1.4, half 2*sqrt(0.021 + 0.01) / 1.4
    low, high = wilson_interval(3, 10, z=2.0)
    assert low == pytest.approx((0.5 - 2 * math.sqrt(0.031)) / 1.4)
    assert high == pytest.approx((0.5 + 2 * math.sqrt(0.031)) / 1.4)


def test_wilson_extremes_stay_in_unit_interval() -> None:
    assert wilson_interval(0, 10) == pytest.approx((0.0, 0.2775), abs=1e-4)
    assert wilson_interval(10, 10) == pytest.approx((0.7225, 1.0), abs=1e-4)
    assert wilson_interval(0, 0) == (0.0, 1.0)
    with pytest.raises(ValueError):
        wilson_interval(11, 10)


def test_kappa_on_a_two_by_two_table() -> None:
    # 20 both yes, 5 yes/no, 10 no/yes, 15 both no: po = 0.7, pe = 0.5*0.6 + 0.5*0.4 = 0.5
    first = ["Y"] * 25 + ["N"] * 25
    second = ["Y"] * 20 + ["N"] * 5 + ["Y"] * 10 + ["N"] * 15
    agreement = cohen_kappa(first, second)
    assert agreement.n == 50
    assert agreement.accuracy == pytest.approx(0.7)
    assert agreement.kappa == pytest.approx(0.4)


def test_kappa_perfect_chance_and_undefined() -> None:
    assert cohen_kappa("YNYN", "YNYN").kappa == pytest.approx(1.0)
    assert cohen_kappa("YYNN", "YNYN").kappa == pytest.approx(0.0)
    only_one_label = cohen_kappa("YYY", "YYY")
    assert only_one_label.accuracy == 1.0 and only_one_label.kappa is None
    with pytest.raises(ValueError):
        cohen_kappa("YN", "Y")


@pytest.mark.parametrize("t", [0.1, 0.5, 1.0, 2.0, 5.0, 40.0])
def test_student_t_matches_closed_forms(t: float) -> None:
    # df = 1 is the Cauchy distribution; df = 2 has P(|T| > t) = 1 - t / sqrt(2 + t^2).
    assert two_sided_p(t, 1) == pytest.approx(1 - 2 / math.pi * math.atan(t), rel=1e-10)
    assert two_sided_p(t, 2) == pytest.approx(1 - t / math.sqrt(2 + t * t), rel=1e-10)
    assert two_sided_p(-t, 2) == two_sided_p(t, 2)


def test_student_t_approaches_the_normal() -> None:
    assert two_sided_p(1.959963984540054, 1e7) == pytest.approx(0.05, abs=1e-6)
    assert two_sided_p(0.0, 5) == pytest.approx(1.0)
    assert two_sided_p(math.inf, 5) == 0.0


def test_incomplete_beta_special_cases() -> None:
    # I_x(1, 1) = x and I_x(a, 1) = x^a.
    for x in (0.0, 0.1, 0.5, 0.9, 1.0):
        assert regularized_incomplete_beta(x, 1, 1) == pytest.approx(x)
        assert regularized_incomplete_beta(x, 3, 1) == pytest.approx(x**3)
    with pytest.raises(ValueError):
        regularized_incomplete_beta(1.5, 1, 1)


def test_paired_t_test_hand_computed() -> None:
    # Differences 1, 2, 6: mean 3, sd sqrt(7), t = 3 / (sqrt(7) / sqrt(3)), df 2.
    result = paired_t_test([0.0, 0.0, 0.0], [1.0, 2.0, 6.0])
    t = 3 / (math.sqrt(7) / math.sqrt(3))
    assert result.t == pytest.approx(t)
    assert result.df == 2 and result.mean_difference == pytest.approx(3.0)
    assert result.p_value == pytest.approx(1 - t / math.sqrt(2 + t * t))


def test_paired_t_test_degenerate_cases() -> None:
    assert paired_t_test([1.0, 2.0], [2.0, 3.0]).p_value == 0.0
    assert paired_t_test([1.0, 2.0], [1.0, 2.0]).p_value == 1.0
    with pytest.raises(FtdesignError):
        paired_t_test([1.0], [2.0])


@pytest.mark.parametrize(
    ("rate", "band"),
    [
        (0.95, "above_70"),
        (0.7001, "above_70"),
        (0.70, "50_to_70"),
        (0.50, "50_to_70"),
        (0.4999, "below_50"),
        (0.0, "below_50"),
    ],
)
def test_decision_band_edges(rate: float, band: str) -> None:
    assert decision_band(rate) == band


@pytest.mark.parametrize(
    ("low", "high", "edges"),
    [
        (0.45, 0.75, [0.5, 0.7]),
        (0.55, 0.69, []),
        (0.50, 0.70, []),
        (0.70, 0.80, [0.7]),
        (0.40, 0.50, [0.5]),
        (0.71, 0.99, []),
    ],
)
def test_straddled_band_edges(low: float, high: float, edges: list[float]) -> None:
    assert straddled_edges(low, high) == edges
    assert straddles_band_edge(low, high) is bool(edges)


def test_wilson_interval_of_a_small_run_straddles() -> None:
    # 12 of 20 passed (60 %): the interval reaches both neighbouring bands.
    assert straddled_edges(*wilson_interval(12, 20)) == [0.5, 0.7]


def test_student_t_matches_an_independent_implementation() -> None:
    # SciPy 1.17: 2 * t.sf(2.751592912423119, 13) = 0.016487587832414358
    assert two_sided_p(2.751592912423119, 13) == pytest.approx(0.016487587832414358, rel=1e-9)
