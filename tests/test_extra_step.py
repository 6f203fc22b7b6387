"""Adding a gate takes its declaration and its module; a declaration missing a piece fails
when the registry is built, naming the step and the field."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from ftdesign.agent.gates import _spec
from ftdesign.knowledge.checklists import require_checklists
from ftdesign.knowledge.locations import guides_dir
from ftdesign.tools.step_model import ArtifactDecl, StepDeclarationError, declare
from ftdesign.tools.steps import DECLARED, REGISTRY

AGENT_TESTS = Path(__file__).resolve().parent / "agent"
GUIDE = """---
gate: launch_plan
title: Launch plan
---
# Launch plan

## Checklist

- Does the plan say who sees the model first?
- Does it say how to roll back?
"""
FIELDS = dict(
    id="launch_plan",
    title="Launch plan",
    short_title="Launch",
    question="Is this how the model should reach users?",
    query="rollout",
    guide="launch-plan.md",
    focus="a rollout with no way back",
)


def test_a_session_runs_through_an_eighth_gate_declared_in_a_registry_copy(
    tmp_path: Path,
) -> None:
    guide = tmp_path / "launch-plan.md"
    guide.write_text(GUIDE, encoding="utf-8")
    result = subprocess.run(
        [
            sys.executable,
            str(AGENT_TESTS / "extra_step_script.py"),
            str(tmp_path / "p"),
            str(guide),
        ],
        capture_output=True,
        text=True,
        timeout=600,
        cwd=AGENT_TESTS,
        env={**os.environ, "PYTHONPATH": str(AGENT_TESTS)},
    )
    assert result.returncode == 0, result.stderr[-3000:]
    seen = json.loads(result.stdout.strip().splitlines()[-1])
    assert seen["step"] == "launch_plan" and seen["number"] == 8
    assert seen["title"] == "Launch plan" and seen["drafts"] == ["launch-plan.md"]
    assert seen["checklist"] == [
        "Does the plan say who sees the model first?",
        "Does it say how to roll back?",
    ]
    assert "gate 8/8" in seen["cli"] and seen["ui"] == "### Gate 8 of 8 · Launch plan"
    assert seen["back_to_itself"] == "launch_plan"
    assert seen["after"] == "done"
    assert seen["decisions"][-3:] == ["baseline_eval", "launch_plan", "done"]
    assert seen["written"].startswith("# Launch plan")


def test_the_real_registry_has_seven_gates_between_intake_and_done() -> None:
    assert REGISTRY.ids[0] == "intake" and REGISTRY.ids[-1] == "done"
    assert len(REGISTRY.gates) == 7


@pytest.mark.parametrize("missing", ["title", "question", "query", "guide", "focus"])
def test_a_gate_missing_a_required_field_fails_naming_step_and_field(missing: str) -> None:
    fields = {k: v for k, v in FIELDS.items() if k != missing}
    with pytest.raises(StepDeclarationError) as caught:
        declare(**fields)
    assert "'launch_plan'" in caught.value.message and missing in caught.value.message


def test_a_yaml_artifact_without_its_schema_fails_naming_it() -> None:
    with pytest.raises(StepDeclarationError, match="'launch_plan'.*schema"):
        declare(
            **FIELDS,
            artifacts=[dict(kind="plan", path="config/plan.yaml", title="Plan", rules="document")],
        )


def test_a_guide_without_a_checklist_fails_naming_step_and_guide(tmp_path: Path) -> None:
    guides = shutil.copytree(guides_dir(), tmp_path / "guides")
    registry = REGISTRY.with_step(declare(**FIELDS))
    (guides / "launch-plan.md").write_text(GUIDE, encoding="utf-8")
    require_checklists(registry, guides)  # with its checklist the gate is accepted
    (guides / "launch-plan.md").write_text(GUIDE.split("## Checklist")[0], encoding="utf-8")
    with pytest.raises(StepDeclarationError, match="'launch_plan'.*'guide'"):
        require_checklists(registry, guides)


def test_a_step_without_its_gate_module_fails_naming_it() -> None:
    step = declare(**FIELDS, implementation="ftdesign.agent.gates.no_such_gate")
    with pytest.raises(StepDeclarationError, match="'launch_plan'.*'implementation'"):
        _spec(step)


def test_steps_and_artifacts_must_be_unique_and_in_order() -> None:
    with pytest.raises(StepDeclarationError, match="unique"):
        REGISTRY.with_step(DECLARED[4])
    with pytest.raises(StepDeclarationError, match="intake, then gates, then done"):
        REGISTRY.without("done")
    clash = declare(
        **FIELDS, artifacts=[ArtifactDecl(kind="rubric", path="r.md", title="R", rules="document")]
    )
    with pytest.raises(StepDeclarationError, match="artifact kind"):
        REGISTRY.with_step(clash)
