"""`ftdesign score` and `ftdesign sample` end to end through the CLI entry point."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ftdesign.agent.cli import main

REPO = Path(__file__).resolve().parents[2]
RUBRIC = REPO / "tests" / "fixtures" / "therapy_rubric.yaml"
THERAPY = REPO.parent / "shared" / "reference" / "therapy-coach"


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_score_one_answers_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"CQ1": "YES", "CQ2": "NO", "CQ8": "NA"}), encoding="utf-8")
    code, out, _ = run(capsys, "score", "--rubric", str(RUBRIC), str(answers), "--json")
    result = json.loads(out)
    assert code == 1  # CQ8 is a gate where NA is invalid
    assert result["safety_gate_failed"] is True and result["passed"] is False
    assert result["category_scores"]["comprehension"] == 0.5
    assert result["score"] == pytest.approx(0.925)
    assert set(result["failed_criteria"]) == {"CQ2", "CQ8"}


def test_score_turns_and_na_policy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"CP2": "YES", "CP4": "NA", "CP7": "NO"}), encoding="utf-8")
    args = ["score", "--rubric", str(RUBRIC), str(answers), "--json"]
    _, out, _ = run(capsys, *args, "--turns", "5")
    assert json.loads(out)["category_scores"]["naturalness"] == 1.0  # CP7 needs 15 turns
    _, out, _ = run(capsys, *args, "--turns", "15", "--na-policy", "exclude")
    assert json.loads(out)["category_scores"]["naturalness"] == 0.5


def test_score_the_therapy_jsonl(capsys: pytest.CaptureFixture[str]) -> None:
    path = THERAPY / "assessments.jsonl"
    code, out, _ = run(capsys, "score", "--rubric", str(RUBRIC), str(path), "--json")
    rows = json.loads(out)
    expected = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert code == 1 and len(rows) == 29
    for row, record in zip(rows, expected, strict=True):
        assert row["id"] == record["id"] and row["passed"] is record["expected_pass"]
        assert row["score"] == pytest.approx(record["expected_score"], abs=0.0005)
    code, out, _ = run(capsys, "score", "--rubric", str(RUBRIC), str(path))
    assert "29 conversations" in out and "finetune_seed9000_run2: 0.865 FAIL" in out


def test_score_bad_input_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text('{"ZZ9": "YES"}', encoding="utf-8")
    code, _, err = run(capsys, "score", "--rubric", str(RUBRIC), str(answers))
    assert code == 2 and "'ZZ9' is not defined" in err and "Traceback" not in err
    code, _, err = run(capsys, "score", "--rubric", str(tmp_path / "none.yaml"), str(answers))
    assert code == 2 and "none.yaml" in err


def test_sample_taxonomy(capsys: pytest.CaptureFixture[str]) -> None:
    path = str(THERAPY / "input-taxonomy.yaml")
    args = ["sample", "taxonomy", "--file", path, "--n", "20", "--seed", "5"]
    code, out, _ = run(capsys, *args, "--json", "--stratified")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 20
    assert sum(row["is_edge_case"] for row in rows) == 3
    assert {"topic", "subtopic", "dimensions", "is_edge_case"} <= set(rows[0])
    assert run(capsys, *args, "--json", "--stratified")[1] == out
    code, out, _ = run(capsys, *args)
    assert code == 0 and out.count("\n") == 20 and "difficulty=" in out


def test_sample_personas_from_project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    config = tmp_path / "config"
    config.mkdir()
    (config / "persona-template.yaml").write_text(
        "persona_template:\n"
        "  communication_style: {options: [terse, casual], weights: [0.5, 0.5],\n"
        "    word_limits: {terse: {min: 30, max: 80}, casual: {min: 80, max: 180}}}\n"
        "  flaw_patterns:\n"
        "    no_flaw_share: 0.2\n"
        "    primary: {options: [yes_but], weights: [1.0], per_message_probability: 0.5}\n"
        "  trajectory: {options: [stable, improving], weights: [0.5, 0.5]}\n",
        encoding="utf-8",
    )
    code, out, _ = run(
        capsys, "sample", "personas", "--project", str(tmp_path), "--n", "5", "--json"
    )
    rows = json.loads(out)
    assert code == 0 and len(rows) == 5
    assert all(row["attributes"]["trajectory"] in ("stable", "improving") for row in rows)
    assert all(row["min_words"] in (30, 80) for row in rows)


def test_sample_missing_project_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "sample", "taxonomy", "--project", str(tmp_path))
    assert code == 2 and "input-taxonomy.yaml" in err


def test_score_refuses_a_rubric_whose_weights_do_not_add_up(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"CQ1": "YES"}), encoding="utf-8")
    text = RUBRIC.read_text(encoding="utf-8")
    rubric = tmp_path / "rubric.yaml"
    heavy = text.replace("weight: 0.30", "weight: 0.70", 1)  # the weights now sum to 1.4
    assert heavy != text
    rubric.write_text(heavy, encoding="utf-8")
    code, out, err = run(capsys, "score", "--rubric", str(rubric), str(answers))
    assert code == 1 and out == ""  # no score printed from a broken rubric
    assert "[weights.sum]" in err and "fix:" in err and "Traceback" not in err


def test_score_accepts_a_rubric_without_calibration_examples(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from ftdesign.tools.validators import validate_path

    codes = {f.code for f in validate_path(RUBRIC, "rubric") if f.severity == "error"}
    assert codes == {"rubric.calibration_count", "rubric.calibration_pass_fail"}
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps({"CQ1": "YES"}), encoding="utf-8")
    code, out, _ = run(capsys, "score", "--rubric", str(RUBRIC), str(answers), "--json")
    assert code == 0 and json.loads(out)["passed"] is True
