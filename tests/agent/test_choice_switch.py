"""Gate 7: `chosen: N` switches the chosen model in place; broken inputs stop it early."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from ftdesign.agent.context import AgentContext
from ftdesign.agent.gates import baseline_eval, model_choice
from ftdesign.agent.nodes import _applied
from ftdesign.agent.state import DesignState
from ftdesign.tools.errors import FtdesignError


def test_chosen_n_rewrites_model_choice(tmp_path: Path, smollm2_gguf: Path) -> None:
    twin = tmp_path / "twin-model.gguf"
    twin.symlink_to(smollm2_gguf)
    project = tmp_path / "project"
    project.mkdir()
    settings = model_choice.ChoiceSettings(candidates=[str(smollm2_gguf), str(twin)])
    (project / "model-choice.md").write_text(model_choice.render(settings, project))
    (project / "base-model-eval-results.md").write_text("# Base model evaluation\n")
    state = DesignState(gate_inputs={"model_choice": settings.model_dump()})
    ctx = AgentContext(project=project, eval_runner=None)

    drafted = asyncio.run(baseline_eval.revise(state, ctx, "chosen: 1", []))
    assert drafted.texts["eval_results"] == "# Base model evaluation\n"  # no new run
    assert "now chooses" in drafted.notices[0]
    text = (project / "model-choice.md").read_text()
    # Gate 1's settings and record follow the file: revisiting gate 1 (or gate 2, which
    # rewrites model-choice.md from gate 1's approved text) keeps the switched choice.
    after = _applied(baseline_eval.SPEC, state, drafted)
    assert after.gate_inputs["model_choice"]["chosen"] == 1
    assert after.artifacts["model_choice"].approved == text
    assert model_choice.render(model_choice.settings_of(after), project) == text
    assert f"1. `{smollm2_gguf}`\n2. `{twin}` (chosen)" in text
    assert "**twin-model**" in text
    with pytest.raises(FtdesignError, match="chosen: 5 is not one of the 2 candidates"):
        asyncio.run(baseline_eval.revise(state, ctx, "chosen: 5", []))


def test_gate_7_refuses_broken_inputs_before_any_model(tmp_path: Path) -> None:
    import shutil

    project = tmp_path / "coaching"
    domain = Path(__file__).resolve().parents[2] / "knowledge" / "domains" / "coaching"
    shutil.copytree(domain, project)
    taxonomy = project / "config" / "input-taxonomy.yaml"
    taxonomy.write_text(taxonomy.read_text().replace("weight:", "weight: 0.9 #", 1))
    calls: list[object] = []

    async def runner(*args: object, **options: object) -> None:
        calls.append(args)

    ctx = AgentContext(project=project, eval_runner=runner)
    drafted = asyncio.run(baseline_eval.evaluate(ctx, baseline_eval.EvalSettings()))
    assert drafted.origin == "unavailable" and calls == []
    assert "no model was started" in drafted.notices[0] and "[weights.sum]" in drafted.notices[0]
    assert "Status: evaluation unavailable" in drafted.texts["eval_results"]
