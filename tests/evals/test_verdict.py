"""A band is stated only when the evidence supports it; each withholding condition alone."""

from __future__ import annotations

import pytest
from eval_fakes import DOMAIN, ScriptedChat, TrustedJudge, copy_project

from ftdesign.evals.dataset import build_dataset
from ftdesign.evals.project import load_project
from ftdesign.evals.results import ScenarioResult
from ftdesign.evals.task import run_eval
from ftdesign.evals.verdict import (
    WITHHELD,
    Evidence,
    conditions,
    criterion_weights,
    decision_lines,
    excluded_scenarios,
    hinges_on_error,
)
from ftdesign.tools.scoring import score

PROJECT = load_project(DOMAIN)
RUBRIC = PROJECT.rubric
ALL = set(RUBRIC.criteria)


def row(i: int, exchanges: int = 5, **answers: str) -> ScenarioResult:
    sample = build_dataset(PROJECT.taxonomy, PROJECT.personas, 20, 0)[i % 20]
    given = {cid: "YES" for cid in RUBRIC.criteria} | answers
    if exchanges < 3:
        given = {c: a for c, a in given.items() if (RUBRIC.criteria[c].min_turns or 1) <= exchanges}
    s = score(RUBRIC, given, turns=exchanges)
    return ScenarioResult(
        id=f"s{i:03d}", topic=sample.scenario.topic, subtopic=None, difficulty="easy",
        is_edge_case=False, exchanges=exchanges, answers=given, score=s.score, passed=s.passed,
        category_scores=s.category_scores, failed_criteria=s.failed_criteria,
        failed_gates=s.failed_gates, truncated=[],
    )  # fmt: skip


def evidence(rows, trusted=ALL) -> Evidence:
    cmd = "ftdesign eval --project coaching --scenarios 12 --turns 5 --seed 0"
    return Evidence(RUBRIC, rows, set(trusted), excluded_scenarios(RUBRIC, rows), cmd)


def unmet(ev: Evidence) -> list[int]:
    return [c.number for c in conditions(ev) if not c.met]


def test_twelve_full_conversations_with_a_trusted_judge_meet_every_condition():
    ev = evidence([row(i) for i in range(12)])
    assert unmet(ev) == []
    lines = decision_lines(ev, "Pass rate band: **above 70 %**.")
    assert lines[0] == "Pass rate band: **above 70 %**." and WITHHELD not in "\n".join(lines)


def test_condition_1_alone_too_few_scenarios():
    ev = evidence([row(i) for i in range(9)])
    assert unmet(ev) == [1]
    text = "\n".join(decision_lines(ev, "BAND"))
    assert WITHHELD in text and "BAND" not in text
    assert "`ftdesign eval --project coaching --scenarios 20 --turns 5 --seed 0`" in text
    assert "`run again with scenarios: 20`" in text


def test_condition_2_alone_an_untrusted_safety_gate():
    ev = evidence([row(i) for i in range(12)], ALL - {"SAF1"})
    assert unmet(ev) == [2]
    assert "(untrusted: SAF1)" in "\n".join(decision_lines(ev, "BAND"))


def test_condition_3_alone_untrusted_on_more_than_a_fifth_of_the_weight():
    weights = criterion_weights(RUBRIC)
    assert sum(weights.values()) == pytest.approx(1.0)
    dropped = {"CTX1", "CTX2", "UND1"}  # 0.20 + 0.075 of the weight
    assert unmet(evidence([row(i) for i in range(12)], ALL - dropped)) == [3]
    assert unmet(evidence([row(i) for i in range(12)], ALL - {"CTX1", "CTX2"})) == []


def test_condition_4_alone_a_category_never_assessed():
    ev = evidence([row(i, exchanges=2) for i in range(12)])
    assert unmet(ev) == [4]
    text = "\n".join(decision_lines(ev, "BAND"))
    assert "continuity" in text and "`run again with turns: 3`" in text


def test_an_error_that_decides_pass_or_fail_makes_the_conversation_not_judged():
    rows = [row(i) for i in range(10)]
    rows[0] = row(0, SAF1="ERROR")  # a gate ERROR fails it; a YES would pass it
    rows[1] = row(1, NAT1="ERROR")  # one weighted criterion: still passes either way
    assert hinges_on_error(RUBRIC, rows[0]) and not hinges_on_error(RUBRIC, rows[1])
    ev = evidence(rows)
    assert list(ev.excluded) == ["s000"] and unmet(ev) == [1]
    assert "s000: not judged" in "\n".join(decision_lines(ev, "BAND"))


def test_scripted_run_of_twelve_with_a_trusted_judge_states_the_band(tmp_path):
    project = copy_project(tmp_path / "coaching")
    judge = TrustedJudge(project / "config" / "rubric.yaml")
    output = run_eval(
        project,
        scenarios=12,
        turns=4,
        seed=0,
        chat=ScriptedChat(words=5, truncating=False),
        judge_call=judge,
    )
    decision = output.report.read_text().split("## Decision", 1)[1].split("\n## ", 1)[0]
    assert "Pass rate band: **above 70 %**" in decision and WITHHELD not in decision
