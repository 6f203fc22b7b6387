"""The scoring engine: the 29 real therapy-coach records, then the edge cases."""

from __future__ import annotations

from typing import Any

import pytest
from therapy_reference import therapy_records, therapy_rubric

from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.schemas.rubric import Rubric
from ftdesign.tools.scoring import score

RUBRIC = therapy_rubric()
RECORDS = therapy_records()
ALL_YES = {criterion_id: "YES" for criterion_id in RUBRIC.criteria}


def test_reference_has_all_29_records() -> None:
    assert len(RECORDS) == 29


@pytest.mark.parametrize("record", RECORDS, ids=[r["id"] for r in RECORDS])
def test_reproduces_real_record(record: dict[str, Any]) -> None:
    result = score(RUBRIC, record["answers"], turns=record["turns"])
    assert result.score == pytest.approx(record["expected_score"], abs=0.0005)
    assert result.passed is record["expected_pass"]
    assert set(result.category_scores) == set(record["expected_category_scores"])
    for name, expected in record["expected_category_scores"].items():
        assert result.category_scores[name] == pytest.approx(expected, abs=0.0005), name


def test_all_yes_scores_one_and_passes() -> None:
    result = score(RUBRIC, ALL_YES, turns=15)
    assert result.score == pytest.approx(1.0)
    assert result.passed and not result.failed_criteria and not result.safety_gate_failed


def test_min_turns_leaves_short_conversations_out() -> None:
    answers = {**ALL_YES, "CP7": "NO", "MT5": "NO"}
    short = score(RUBRIC, answers, turns=10)
    assert short.skipped_criteria == ["CP7"]
    assert short.category_scores["naturalness"] == 1.0
    assert short.category_scores["context_use"] == pytest.approx(2 / 3)
    full = score(RUBRIC, answers, turns=15)
    assert full.skipped_criteria == []
    assert full.category_scores["naturalness"] == pytest.approx(4 / 5)
    unknown_length = score(RUBRIC, answers)
    assert unknown_length.category_scores == full.category_scores


def test_conversation_shorter_than_every_min_turns_empties_the_category() -> None:
    result = score(RUBRIC, {**ALL_YES, "MT4": "NO", "MT5": "NO", "MT7": "NO"}, turns=1)
    assert result.category_scores["context_use"] == 1.0
    assert result.skipped_criteria == ["CP6", "CP7", "MT4", "MT5", "MT7"]


def test_invalid_na_on_a_gate_fails_whatever_the_score() -> None:
    result = score(RUBRIC, {**ALL_YES, "CQ8": "NA"}, turns=15)
    assert result.score == pytest.approx(1.0)  # gate-only group: no weight
    assert result.safety_gate_failed and result.failed_gates == ["CQ8"]
    assert not result.passed
    assert "CQ8" in result.failed_criteria


def test_valid_na_on_a_gate_is_not_a_failure() -> None:
    result = score(RUBRIC, {**ALL_YES, "CQ9": "NA"}, turns=15)
    assert result.passed and not result.safety_gate_failed


@pytest.mark.parametrize("gate_answer", ["NO", "ERROR"])
def test_gate_no_or_error_fails(gate_answer: str) -> None:
    result = score(RUBRIC, {**ALL_YES, "CQ9": gate_answer}, turns=15)
    assert result.failed_gates == ["CQ9"] and not result.passed


def test_error_counts_as_zero() -> None:
    result = score(RUBRIC, {**ALL_YES, "CQ3": "ERROR"}, turns=15)
    assert result.category_scores["connection"] == 0.5
    assert result.score == pytest.approx(1.0 - 0.20 * 0.5)
    assert result.failed_criteria == ["CQ3"]


def test_invalid_na_counts_as_zero_and_valid_na_as_one() -> None:
    result = score(RUBRIC, {**ALL_YES, "CQ1": "NA", "CQ2": "NA"}, turns=15)
    assert result.category_scores["comprehension"] == 0.5
    assert result.failed_criteria == ["CQ1"]


def test_empty_category_scores_one_and_unassessed_are_listed() -> None:
    answers = {"CQ1": "YES", "CQ2": "NO", "CQ8": "YES"}
    result = score(RUBRIC, answers, turns=15)
    assert result.category_scores["multi_topic"] == 1.0
    assert result.category_scores["comprehension"] == 0.5
    assert result.score == pytest.approx(0.15 * 0.5 + 0.85)
    assert "MT1" in result.unassessed_criteria and "CQ1" not in result.unassessed_criteria


def test_exclude_policy_drops_valid_na_from_the_denominator() -> None:
    answers = {**ALL_YES, "CP2": "NO", "CP4": "NA", "CP5": "NA", "CP6": "NA", "CP7": "NA"}
    counted = score(RUBRIC, answers, turns=15)
    assert counted.category_scores["naturalness"] == pytest.approx(4 / 5)
    excluded = score(RUBRIC, answers, turns=15, na_policy="exclude")
    assert excluded.category_scores["naturalness"] == 0.0
    assert excluded.na_policy == "exclude"


def test_exclude_policy_still_fails_an_invalid_na() -> None:
    excluded = score(RUBRIC, {**ALL_YES, "CQ1": "NA"}, turns=15, na_policy="exclude")
    assert excluded.category_scores["comprehension"] == 0.5
    assert excluded.failed_criteria == ["CQ1"]


def test_score_on_the_threshold_passes_despite_float_rounding() -> None:
    rubric = Rubric.from_data(
        {
            "categories": {
                "a": {"weight": 0.1, "criteria": ["A"]},
                "b": {"weight": 0.7, "criteria": ["B"]},
                "c": {"weight": 0.2, "criteria": ["C"]},
            },
            "criteria": {k: {"name": k, "question": f"{k}?"} for k in "ABC"},
            "pass_threshold": 0.8,
        }
    )
    result = score(rubric, {"A": "YES", "B": "YES", "C": "NO"})
    assert result.score < 0.8  # 0.1 + 0.7 is 0.7999999999999999 in binary floating point
    assert result.passed


def test_criterion_placed_by_its_own_category_field() -> None:
    rubric = Rubric.from_data(
        {
            "categories": {"main": {"weight": 1.0, "criteria": ["A"]}},
            "criteria": {
                "A": {"name": "a", "question": "A?"},
                "B": {"name": "b", "question": "B?", "category": "main"},
            },
        }
    )
    assert score(rubric, {"A": "YES", "B": "NO"}).score == 0.5


def test_verdicts_are_case_insensitive() -> None:
    assert score(RUBRIC, {"CQ1": " yes ", "CQ2": "no"}).category_scores["comprehension"] == 0.5


@pytest.mark.parametrize(
    ("answers", "na_policy", "message"),
    [
        ({"XX1": "YES"}, "pass", "'XX1' is not defined"),
        ({"CQ1": "MAYBE"}, "pass", "verdict 'MAYBE'"),
        ({"CQ1": "YES"}, "ignore", "na_policy 'ignore'"),
    ],
)
def test_unusable_input_is_a_clear_error(
    answers: dict[str, str], na_policy: Any, message: str
) -> None:
    with pytest.raises(FtdesignError, match=message):
        score(RUBRIC, answers, na_policy=na_policy)


def test_calibration_examples_are_not_needed() -> None:
    assert all(not c.calibration_examples for c in RUBRIC.criteria.values())
    assert RUBRIC.weighted_categories.keys() == {
        "comprehension",
        "connection",
        "naturalness",
        "multi_topic",
        "context_use",
    }
