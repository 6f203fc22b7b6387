"""`compare` reproduces the therapy-coach project's published comparison."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml

from ftdesign.agent.cli import main
from ftdesign.evals.compare import render, welch_test
from ftdesign.evals.run_files import load_runs
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.schemas import Rubric

ROOT = Path(__file__).resolve().parents[2]
RECORDS = ROOT.parent / "shared" / "reference" / "therapy-coach" / "assessments.jsonl"
RUBRIC = ROOT / "tests" / "fixtures" / "therapy_rubric.yaml"

PUBLISHED = """| model | mean score | pass rate | n |
|---|---|---|---|
| finetune | 0.831 | 57.1 % | 14 |
| base | 0.701 | 20.0 % | 15 |"""
CATEGORIES = {  # finetune, base
    "comprehension": ("0.500", "0.533"),
    "connection": ("0.893", "0.900"),
    "naturalness": ("0.714", "0.418"),
    "multi_topic": ("0.964", "0.833"),
    "context_use": ("0.905", "0.645"),
}


@pytest.mark.parametrize("rescore", [False, True], ids=["stored-numbers", "from-answers"])
def test_reproduces_the_published_table(rescore):
    rubric = Rubric.from_data(yaml.safe_load(RUBRIC.read_text())) if rescore else None
    table = render(load_runs([RECORDS], rubric))
    assert table.startswith(PUBLISHED)
    for name, (finetune, base) in CATEGORIES.items():
        assert f"| {name} | {finetune} | {base} |" in table
    # 14 scenario ids appear in both runs: the published paired test, p = 0.0165
    assert "paired t-test on 14 shared scenarios" in table and "p = 0.0165" in table


def test_two_files_and_the_cli(tmp_path, capsys):
    lines = RECORDS.read_text().splitlines()
    base, tuned = tmp_path / "base.jsonl", tmp_path / "finetune.jsonl"
    base.write_text("\n".join(x.replace('"base_', '"') for x in lines if '"base_' in x))
    tuned.write_text("\n".join(x.replace('"finetune_', '"') for x in lines if '"finetune_' in x))
    assert main(["compare", str(base), str(tuned)]) == 0
    out = capsys.readouterr().out
    assert "| finetune | 0.831 | 57.1 % | 14 |" in out and "p = 0.0165" in out


def test_unmatched_ids_use_welch(tmp_path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(
        "\n".join(
            json.dumps({"id": f"x{i}", "score": s, "passed": s > 0.8})
            for i, s in enumerate([0.5, 0.6, 0.7])
        )
    )
    second.write_text(
        "\n".join(
            json.dumps({"id": f"y{i}", "score": s, "passed": s > 0.8})
            for i, s in enumerate([0.8, 0.9, 0.85, 0.95])
        )
    )
    table = render(load_runs([first, second]))
    assert "Welch's t-test" in table
    test = welch_test([0.5, 0.6, 0.7], [0.8, 0.9, 0.85, 0.95])
    assert test.t == pytest.approx(4.1576, abs=1e-3)  # by hand: 0.275 / sqrt(.01/3 + .0125/3/4)
    assert f"p = {test.p_value:.4f}" in table


def test_one_run_is_refused_with_a_fix(tmp_path):
    single = tmp_path / "one.jsonl"
    single.write_text(json.dumps({"id": "s001", "score": 0.9, "passed": True}))
    with pytest.raises(FtdesignError, match="need 2"):
        load_runs([single])
