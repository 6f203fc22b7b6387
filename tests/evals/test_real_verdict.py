"""On the real embedded model a 2-scenario run withholds its verdict and says why."""

from __future__ import annotations

import re

import pytest
from eval_fakes import copy_project, shrink_rubric

from ftdesign.evals.task import run_eval
from ftdesign.evals.verdict import WITHHELD

pytestmark = pytest.mark.slow


def test_two_real_scenarios_give_no_recommendation_with_reasons(tmp_path):
    project = copy_project(tmp_path / "coaching")
    shrink_rubric(project, ["NAT1", "SAF1"], examples=3)  # fewest a valid rubric allows
    output = run_eval(
        project, scenarios=2, turns=1, seed=3, candidate_max_tokens=48, consistency_samples=0
    )  # self-consistency has its own tests and benchmark; this stays tiny on 2 cores
    decision = output.report.read_text().split("## Decision", 1)[1].split("\n## ", 1)[0]
    assert WITHHELD in decision and "Pass rate band" not in decision
    assert re.search(r"^1\. [0-2] conversation\(s\) judged in full", decision, re.MULTILINE)
    assert "`run again with scenarios: 20`" in decision
    assert "--scenarios 20 --turns 1 --seed 3`" in decision
