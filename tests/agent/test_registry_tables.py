"""Every table that names the steps agrees with the registry they are derived from."""

from __future__ import annotations

from pathlib import Path

from ftdesign.agent.gates import SPECS
from ftdesign.agent.replies import step_named
from ftdesign.agent.review import FOCUS
from ftdesign.agent.routing import STOP_NODES
from ftdesign.agent.state import GATES, STEPS
from ftdesign.agent.ui.stop_view import GATE_NAMES
from ftdesign.knowledge import checklist
from ftdesign.knowledge.checklists import GATES as GUIDED
from ftdesign.knowledge.chunking import ARTIFACT_GATES
from ftdesign.tools.artifacts import ARTIFACTS
from ftdesign.tools.loading import ROOT_KEYS, YAML_MODELS
from ftdesign.tools.steps import REGISTRY
from ftdesign.tools.validators.run import CHECKS


def test_step_tables_follow_the_registry_in_order() -> None:
    assert STEPS == tuple(SPECS) == tuple(STOP_NODES) == REGISTRY.ids
    assert GATES == tuple(GATE_NAMES) == tuple(FOCUS) == GUIDED[:-1]
    assert all(FOCUS.values()) and all(checklist(gate) for gate in GATES)


def test_titles_agree_everywhere() -> None:
    for step in REGISTRY.steps:
        spec = SPECS[step.id]
        assert (spec.title, spec.question, spec.query) == (step.title, step.question, step.query)
        assert GATE_NAMES.get(step.id, step.short_title) == step.short_title
        assert step_named(step.title) == step_named(step.short_title) == step.id
        for artifact in step.artifacts:
            assert ARTIFACTS[artifact.kind].title == artifact.title
            assert ARTIFACTS[artifact.kind].gate == step.id


def test_artifact_tables_cover_every_declared_artifact() -> None:
    declared = REGISTRY.artifacts
    assert set(ARTIFACTS) == set(CHECKS) == set(declared)
    assert set(YAML_MODELS) == set(ROOT_KEYS) == {k for k in declared if k in ROOT_KEYS}
    assert {Path(a.path).name: a.gate for a in ARTIFACTS.values()} == ARTIFACT_GATES
    assert {kind for kind, a in ARTIFACTS.items() if a.is_yaml} == set(YAML_MODELS)
