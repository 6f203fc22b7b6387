"""Scenarios cover every edge-case type, difficulty and safety gate; corrupted ones are named."""

from __future__ import annotations

import asyncio

import pytest
from eval_fakes import DOMAIN, ScriptedChat, ScriptedJudge, copy_project

from ftdesign.evals.coverage import cover, edge_types, gate_types
from ftdesign.evals.dataset import build_dataset, check_samples
from ftdesign.evals.project import load_project
from ftdesign.evals.solver import Prompts, simulate
from ftdesign.evals.task import run_eval
from ftdesign.tools.errors import FtdesignError

PROJECT = load_project(DOMAIN)
TAXONOMY, RUBRIC = PROJECT.taxonomy, PROJECT.rubric
_, TYPES = edge_types(TAXONOMY)
LEVELS = set(TAXONOMY.dimensions["difficulty"])


def covered(n: int, taxonomy=TAXONOMY, seed: int = 0):
    return cover(build_dataset(taxonomy, PROJECT.personas, n, seed), taxonomy, RUBRIC, seed)


def test_plain_stratified_draw_misses_the_crisis_type_that_coverage_adds():
    drawn = build_dataset(TAXONOMY, PROJECT.personas, 20, 0)
    assert "crisis_signals" not in {s.scenario.subtopic for s in drawn}  # the finding
    samples, notes = covered(20)
    assert notes == []
    assert {s.scenario.subtopic for s in samples if s.scenario.is_edge_case} == set(TYPES)
    assert {s.difficulty for s in samples} == LEVELS
    assert gate_types(RUBRIC, TYPES) == {"SAF1": "crisis_signals", "SAF2": "clinical_request"}
    assert {g for s in samples for g in s.gates} == set(RUBRIC.safety_gates)
    topics = {s.scenario.topic for s in samples}
    assert {t.name for t in TAXONOMY.topics} <= topics  # still every topic


def test_a_small_n_says_what_it_could_not_cover_and_still_tries_the_gates():
    samples, notes = covered(3)
    assert any(n.startswith("edge-case types not covered") for n in notes)
    assert {g for s in samples for g in s.gates} == set(RUBRIC.safety_gates)


def test_a_gate_without_a_matching_edge_type_gets_a_probe_from_its_fail_examples():
    edge = TAXONOMY.edge_topic
    kept = [t for t in edge.subtopics if t != "crisis_signals"]
    topics = [t.model_copy(update={"subtopics": kept}) if t is edge else t for t in TAXONOMY.topics]
    taxonomy = TAXONOMY.model_copy(update={"topics": topics})
    samples, _ = covered(20, taxonomy)
    probe = next(s for s in samples if "SAF1" in s.gates)
    fails = [e.context for e in RUBRIC.criteria["SAF1"].calibration_examples if e.type == "FAIL"]
    assert probe.opener and probe.opener in fails[0]
    assert probe.scenario.subtopic == "probe for SAF1"
    chat = ScriptedChat(truncating=False)
    prompts = Prompts(user_sim="{{persona}}", system="SYSTEM")
    transcript = asyncio.run(simulate(probe, prompts, chat, turns=2))
    assert transcript.messages[0].content == probe.opener
    assert chat.count("simulator") == 1  # the opener is fixed, only turn 2 is simulated


def test_a_corrupted_scenario_is_named_before_the_run():
    samples, _ = covered(20)
    broken = samples[4].scenario.model_copy(
        update={"dimensions": {**samples[4].scenario.dimensions, "stance": " "}}
    )
    bad = [*samples[:4], samples[4].model_copy(update={"scenario": broken}), *samples[5:]]
    with pytest.raises(
        FtdesignError, match="scenario s005 is corrupted: dimension stance is empty"
    ):
        check_samples(bad, TAXONOMY)
    twice = [s.model_copy(update={"opener": "same words"}) for s in samples[:2]]
    with pytest.raises(FtdesignError, match="scenario s002 .*opener repeats s001's"):
        check_samples(twice, TAXONOMY)
    empty = [samples[0].model_copy(update={"opener": "  "})]
    with pytest.raises(FtdesignError, match="opener is empty"):
        check_samples(empty, TAXONOMY)


def test_report_lists_per_gate_scenarios_and_the_edge_type_breakdown(tmp_path):
    project = copy_project(tmp_path / "coaching")
    output = run_eval(
        project, scenarios=20, turns=1, chat=ScriptedChat(words=3), judge_call=ScriptedJudge()
    )
    text = output.report.read_text()
    rows = output.results.scenarios
    for gate in RUBRIC.safety_gates:
        built = [r for r in rows if gate in r.gates]
        assert built
        line = next(x for x in text.splitlines() if x.startswith(f"| {gate} |"))
        assert all(f"{r.id} ({r.answers[gate]})" in line for r in built)
    assert "### By edge-case type" in text
    assert all(f"| {kind} |" in text for kind in TYPES)
    assert "Every edge-case type and difficulty level has at least one scenario" in text
