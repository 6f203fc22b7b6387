"""Gate 1 chooses Gemma 3 270M (SmolLM2 second); gate 7 measures both, side by side.

Real llama.cpp servers, real GGUFs from the test extra, kept tiny for 2 cores:
2 scenarios, 1 exchange, 2 criteria (each candidate's run also checks the judge on
their 3 calibration examples each). The table is written to the test's tmp folder
so it can be quoted in the README.
"""

from __future__ import annotations

import asyncio
import re

import pytest
from eval_fakes import copy_project, shrink_rubric

from ftdesign.agent.gates import baseline_eval, model_choice
from ftdesign.evals.evidence import STALE, refresh_model_choice, stale_rows
from ftdesign.evals.multi_run import load_side_by_side
from ftdesign.tools.project_files import write_artifact

pytestmark = [pytest.mark.slow, pytest.mark.e2e]  # two real models: ~10 min on 2 cores

KEEP = ["UND1", "SAF1"]


@pytest.mark.timeout(2400)  # two models on a shared 2-core machine
def test_gate_7_measures_what_gate_1_chose(tmp_path, gemma_gguf, smollm2_gguf):
    project = copy_project(tmp_path / "coaching")
    shrink_rubric(project, KEEP, examples=3)
    settings = model_choice.ChoiceSettings(candidates=[str(gemma_gguf), str(smollm2_gguf)])
    write_artifact(project, "model-choice.md", model_choice.render(settings, project))

    runner = baseline_eval._harness()  # what gate 7 runs when no test replaces it
    assert runner is not None
    options = {"candidate_max_tokens": 96, "consistency_samples": 0}  # k>0: the CLI's real test
    output = asyncio.run(runner(project, scenarios=2, turns=1, seed=3, **options))
    runs = load_side_by_side(project)
    assert [r.label for r in runs] == [gemma_gguf.stem, smollm2_gguf.stem]
    assert runs[0].chosen_by == "model-choice.md (chosen)"
    assert runs[0].scores.keys() == runs[1].scores.keys() and len(runs[0].scores) == 2
    assert all(r.tokens_per_s and r.latency_s for r in runs)  # measured on this machine

    report = output.report.read_text()
    assert "- Candidate chosen by: model-choice.md (chosen)" in report
    table = report[report.index("## Side by side") :]
    assert f"{gemma_gguf.stem} (chosen) `chosen: 0`" in table
    assert re.search(r"\| Paired t-test vs chosen \| - \| (Δ [+-]\d\.\d{3}, t = |needs)", table)
    (tmp_path / "side-by-side.md").write_text(table)  # quoted in the README

    choice = (project / "model-choice.md").read_text()
    assert choice.count("base pass rate on our rubric (") == 2 and "tok/s" in choice
    assert "- [x] Base model evaluated on our rubric, pass rate recorded" in choice
    assert "- [x] Speed measured on the deployment target" in choice
    assert stale_rows(project) == []

    rubric = project / "config" / "rubric.yaml"
    write_artifact(project, "config/rubric.yaml", rubric.read_text() + "\n# stricter later\n")
    assert stale_rows(project) == ["Base capability", "Deployment target"]
    assert refresh_model_choice(project)  # what every gate's approval runs
    assert (project / "model-choice.md").read_text().count(STALE) == 4
