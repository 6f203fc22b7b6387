"""Measured rows flow into model-choice.md and go stale when the rubric changes."""

from __future__ import annotations

from pathlib import Path

from eval_fakes import copy_project

from ftdesign.evals.evidence import (
    STALE,
    evidence_lines,
    fill_evidence,
    inputs_digest,
    mark_stale,
    refresh_model_choice,
    stale_rows,
)
from ftdesign.evals.side_by_side import CandidateRun
from ftdesign.tools.gguf_facts import inspect_gguf
from ftdesign.tools.model_choice import Candidate, ChoiceInputs, render_model_choice


def _choice_text(tmp_path: Path, gguf: Path) -> str:
    twin = tmp_path / "twin-model.gguf"
    twin.symlink_to(gguf)
    candidates = [Candidate(facts=inspect_gguf(p)) for p in (gguf, twin)]
    return render_model_choice(ChoiceInputs(candidates=candidates))


def _run(label: str, passed: int, digest: str, speed: float | None = 50.0) -> CandidateRun:
    return CandidateRun(
        label, "model-choice.md", passed, 2, {"a": 1.0, "b": 0.0}, {}, 0,
        tokens_per_s=speed, latency_s=1.5 if speed else None, inputs=digest,
    )  # fmt: skip


def test_measured_rows_and_ticks(tmp_path: Path, smollm2_gguf: Path) -> None:
    text = _choice_text(tmp_path, smollm2_gguf)
    assert "- [ ] Base model evaluated on our rubric" in text
    runs = [_run(smollm2_gguf.stem, 1, "0123abcd"), _run("twin-model", 0, "0123abcd", None)]
    filled = fill_evidence(text, runs)
    capability = next(ln for ln in filled.splitlines() if ln.startswith("| Base capability"))
    assert "50% base pass rate on our rubric (1/2 scenarios, band 50 to 70" in capability
    assert "0% base pass rate on our rubric (0/2 scenarios, band below 50" in capability
    deployment = next(ln for ln in filled.splitlines() if ln.startswith("| Deployment target"))
    assert "50.0 tok/s, 1.50 s per reply measured (inputs 0123abcd)" in deployment
    assert "speed not measured (resumed run)" in deployment
    assert "- [x] Base model evaluated on our rubric, pass rate recorded" in filled
    assert "- [x] Speed measured on the deployment target" in filled
    assert mark_stale(filled, "0123abcd") == filled
    stale = mark_stale(filled, "ffffffff")
    assert stale.count(STALE) == 4 and mark_stale(stale, "ffffffff") == stale


def test_changing_the_rubric_marks_the_rows_stale(tmp_path: Path, smollm2_gguf: Path) -> None:
    project = copy_project(tmp_path / "coaching")
    (project / "model-choice.md").write_text(_choice_text(tmp_path, smollm2_gguf))
    runs = [_run(smollm2_gguf.stem, 2, inputs_digest(project))]
    assert refresh_model_choice(project, runs)
    assert stale_rows(project) == [] and STALE not in (project / "model-choice.md").read_text()
    rubric = project / "config" / "rubric.yaml"
    rubric.write_text(rubric.read_text().replace("pass_threshold: 0.80", "pass_threshold: 0.75"))
    assert stale_rows(project) == ["Base capability", "Deployment target"]
    [line] = evidence_lines(project)  # `ftdesign status` shows it as an open line
    assert not line.ok and "stale: Base capability, Deployment target" in line.text
    assert refresh_model_choice(project)
    assert (project / "model-choice.md").read_text().count(STALE) == 2
    history = list((project / ".ftdesign" / "history" / "model-choice.md").iterdir())
    assert len(history) == 2  # both replaced versions were kept
