"""Several candidates in one run: same scenarios, one table, chosen first (scripted calls)."""

from __future__ import annotations

import json

import pytest
from eval_fakes import ScriptedChat, ScriptedJudge, copy_project

from ftdesign.evals.multi_run import load_side_by_side, run_candidates
from ftdesign.evals.side_by_side import CandidateRun, render_side_by_side
from ftdesign.tools.choice_entries import ChoiceEntry, render_entries


def _run(label: str, scores: list[float], position: int | None, speed: float | None):
    return CandidateRun(
        label=label,
        chosen_by="model-choice.md",
        passed=sum(s >= 0.7 for s in scores),
        n=len(scores),
        scores={f"s{i}": s for i, s in enumerate(scores)},
        categories={"empathy": sum(scores) / len(scores)},
        gate_failures=1 if position == 0 else 0,
        tokens_per_s=speed,
        latency_s=2.0 if speed else None,
        position=position,
    )


def test_the_table_pairs_scores_and_shows_deltas_against_the_chosen() -> None:
    chosen = _run("gemma", [0.9, 0.8, 0.6, 0.75], 1, 40.0)
    other = _run("smol", [0.7, 0.6, 0.5, 0.65], 0, None)
    text = render_side_by_side([chosen, other])
    assert "| Measure | gemma (chosen) `chosen: 1` | smol `chosen: 0` |" in text
    assert "| Pass rate (Wilson interval) | 75% (3/4; 95% CI 30%-95%) | 25% (1/4;" in text
    assert "| Mean score | 0.762 | 0.613 (-0.150) |" in text
    assert "| Category: empathy | 0.763 | 0.612 (-0.150) |" in text
    assert "| Safety-gate failures | 0 of 4 | 1 of 4 |" in text
    assert "Δ -0.150, t = -5.20, p = 0.014 (n = 4)" in text  # a steady gap: significant
    assert "| Tokens per second (this machine) | 40.0 tok/s | not measured" in text


def test_every_listed_candidate_runs_the_same_scenarios(tmp_path) -> None:
    project = copy_project(tmp_path / "coaching")
    first, second = tmp_path / "gemma.gguf", tmp_path / "smol.gguf"
    first.write_bytes(b"GGUF")
    second.write_bytes(b"GGUF")
    choice = project / "model-choice.md"
    entries = [ChoiceEntry(str(first), chosen=True), ChoiceEntry(str(second))]
    listed = "## Candidates\n\n" + render_entries(entries) + "\n"
    choice.write_text(choice.read_text().replace("## Candidates\n", listed, 1))
    chat = ScriptedChat()
    output = run_candidates(
        project, scenarios=3, turns=1, seed=4, chat=chat, judge_call=ScriptedJudge()
    )
    runs = load_side_by_side(project)
    assert [r.label for r in runs] == ["gemma", "smol"]
    assert runs[0].scores.keys() == runs[1].scores.keys()
    openings = [c[1][-1]["content"] for c in chat.calls if c[0] == "candidate"]
    half = len(openings) // 2  # each candidate answers every scenario once, in any order
    assert len(openings) == 2 * half and sorted(openings[:half]) == sorted(openings[half:])
    report = output.report.read_text()
    assert report.count("## Side by side") == 1 and "gemma (chosen) `chosen: 0`" in report
    assert "Candidate chosen by: model-choice.md (chosen)" in report
    assert "Paired t-test vs chosen | - | Δ +0.000" in report
    saved = json.loads((project / ".ftdesign" / "eval" / "side-by-side.json").read_text())
    assert saved[0]["label"] == "gemma" and saved[0]["position"] == 0


def test_one_candidate_has_no_table(tmp_path) -> None:
    project = copy_project(tmp_path / "coaching")
    output = run_candidates(
        project, scenarios=2, turns=1, chat=ScriptedChat(), judge_call=ScriptedJudge()
    )
    assert "## Side by side" not in output.report.read_text()
    assert [r.chosen_by for r in load_side_by_side(project)] == [
        pytest.approx("the embedded default (no model-choice.md names one)")
    ]
