"""The whole task with scripted calls: checkpoints, resume, report, results.json."""

from __future__ import annotations

import json

import pytest
from eval_fakes import Interrupted, ScriptedChat, ScriptedJudge, copy_project

from ftdesign.evals.records import RUNS
from ftdesign.evals.run_files import load_runs
from ftdesign.evals.task import Progress, run_eval
from ftdesign.tools.schemas.documents import REQUIRED_SECTIONS, sections

N, TURNS = 6, 3
TEXT: dict = {}  # the uninterrupted run's report and chart, as first written


def distinct(prompts: list) -> set[str]:
    return {repr(p) for p in prompts}


def evaluate(project, chat, judge, **options):
    steps: list[Progress] = []
    output = run_eval(
        project,
        scenarios=N,
        turns=TURNS,
        seed=11,
        chat=chat,
        judge_call=judge,
        progress=steps.append,
        **options,
    )
    return output, steps


@pytest.fixture(scope="module")
def uninterrupted(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("a") / "coaching")
    chat, judge = ScriptedChat(), ScriptedJudge()
    output, steps = evaluate(project, chat, judge)
    # Later tests rerun this project with other settings, which rewrites the report file.
    TEXT["report"], TEXT["chart"] = output.report.read_text(), output.chart.read_bytes()
    return project, output, steps, chat, judge


def test_report_has_every_required_section(uninterrupted):
    _, output, _, _, _ = uninterrupted
    found = sections(TEXT["report"])
    for heading in REQUIRED_SECTIONS["eval_results"]:
        assert heading.lower() in found, heading
    assert "- Candidate chosen by: " in TEXT["report"]  # which source picked the model


def test_report_passes_the_project_validator(uninterrupted):
    validators = pytest.importorskip("ftdesign.tools.validators")
    _, output, _, _, _ = uninterrupted
    findings = validators.validate_text(TEXT["report"], "eval_results", str(output.report))
    assert [f for f in findings if f.severity == "error"] == []


def test_every_unit_is_done_once_and_progress_reaches_the_end(uninterrupted):
    _, output, steps, chat, judge = uninterrupted
    probes = sum((r.subtopic or "").startswith("probe for") for r in output.results.scenarios)
    assert chat.count("candidate") == N * TURNS  # a probe's first message is fixed, not asked
    assert chat.count("simulator") == N * TURNS - probes
    criteria = sum(len(r.answers) for r in output.results.scenarios)
    # Every prompt once, errors included; an ERROR is the last of JUDGE_ROUNDS tries.
    assert len(distinct(judge.prompts)) == criteria + output.results.reliability.n
    finals = {s.stage: s for s in steps}
    assert all(finals[st].done == finals[st].total for st in finals)
    assert [s.stage for s in steps][0] == "calibration" and steps[-1].stage == "report"


def test_results_json_matches_report_numbers(uninterrupted):
    _, output, _, _, _ = uninterrupted
    data = json.loads(output.results_json.read_text())
    rows = data["scenarios"]
    assert [r["id"] for r in rows] == [f"s{i:03d}" for i in range(1, N + 1)]
    for key in (
        "id",
        "topic",
        "difficulty",
        "answers",
        "score",
        "passed",
        "category_scores",
        "truncated",
    ):
        assert all(key in r for r in rows)
    passed = sum(r["passed"] for r in rows)
    report = TEXT["report"]
    assert f"{passed} of {N} conversations passed" in report
    truncated = sum(len(r["truncated"]) for r in rows)
    assert truncated > 0 and "still cut at twice the limit" in report
    assert output.chart.stat().st_size > 1000
    assert output.chart.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_judge_errors_are_recorded_as_error_answers(uninterrupted):
    _, output, _, _, _ = uninterrupted
    errors = [a for r in output.results.scenarios for a in r.answers.values() if a == "ERROR"]
    assert errors, "the scripted judge fails on some prompts"
    notes = f"Judge errors (no valid verdict after retries, counted as fails): {len(errors)}"
    assert notes in TEXT["report"]


@pytest.mark.parametrize("crash", ["conversation", "judgment"])
def test_interrupted_run_resumes_without_redoing_work(uninterrupted, tmp_path, crash):
    _, reference, _, ref_chat, ref_judge = uninterrupted
    project = copy_project(tmp_path / "coaching")
    finished = 2
    if crash == "conversation":  # crash while simulating conversation 3
        first_chat = ScriptedChat(crash_on_simulator_call=finished * TURNS + 1)
        first_judge = ScriptedJudge()
    else:  # crash in the judging phase, after every conversation
        labels = reference.results.reliability.n
        first_chat, first_judge = ScriptedChat(), ScriptedJudge(crash_on_call=labels + 20)
    with pytest.raises(Interrupted):
        evaluate(project, first_chat, first_judge)
    records = (project / RUNS / reference.run_key / "records.jsonl").read_text().splitlines()
    assert records, "finished work was checkpointed before the crash"

    chat, judge = ScriptedChat(), ScriptedJudge()
    resumed, _ = evaluate(project, chat, judge)
    if crash == "conversation":
        assert chat.count("candidate") == (N - finished) * TURNS
        # The judge had labelled and judged what was ready (its lane runs beside conversations)
        assert len(distinct(first_judge.prompts)) > reference.results.reliability.n
    else:
        assert chat.calls == []
    done, again = distinct(first_judge.prompts), distinct(judge.prompts)
    assert done | again == distinct(ref_judge.prompts)
    assert len(done & again) <= 1  # at most the prompt whose retries the crash cut short
    assert resumed.report.read_text() == TEXT["report"]
    assert resumed.results == reference.results
    assert resumed.chart.read_bytes() == TEXT["chart"]


def test_rerunning_a_finished_run_asks_nothing(uninterrupted):
    project, reference, _, _, _ = uninterrupted
    chat, judge = ScriptedChat(), ScriptedJudge()
    again, _ = evaluate(project, chat, judge)
    assert chat.calls == [] and judge.prompts == []
    assert again.report.read_text() == TEXT["report"]


def test_other_settings_start_a_fresh_run(uninterrupted):
    project, reference, _, _, _ = uninterrupted
    chat, judge = ScriptedChat(), ScriptedJudge()
    other, _ = evaluate(project, chat, judge, candidate_max_tokens=64)
    assert other.run_key != reference.run_key
    assert chat.count("candidate") == N * TURNS
    # Every reply is asked once, allowed twice the limit
    assert {c[3] for c in chat.calls if c[0] == "candidate"} == {128}


def test_concurrency_does_not_change_the_results(uninterrupted, tmp_path):
    _, reference, _, _, _ = uninterrupted
    project = copy_project(tmp_path / "coaching")
    parallel, _ = evaluate(project, ScriptedChat(), ScriptedJudge(), concurrency=4)
    assert parallel.run_key == reference.run_key
    assert parallel.results == reference.results
    assert parallel.report.read_text() == TEXT["report"]


def test_two_results_files_compare(uninterrupted, tmp_path):
    _, reference, _, _, _ = uninterrupted
    other = tmp_path / "results.json"
    data = json.loads(reference.results_json.read_text())
    data["settings"]["roles"]["candidate"]["model"] = "finetuned"
    for row in data["scenarios"]:
        row["score"] = min(1.0, row["score"] + 0.1)
    other.write_text(json.dumps(data))
    runs = load_runs([reference.results_json, other])
    assert set(runs) == {reference.results.settings["roles"]["candidate"]["model"], "finetuned"}


def test_a_line_torn_by_a_crash_does_not_swallow_the_next_record(tmp_path):
    from ftdesign.evals.records import RunStore

    RunStore(tmp_path).put("label:A:0", {"data": 1})
    with (tmp_path / "records.jsonl").open("a") as file:
        file.write('{"key": "label:A:1", "da')  # the process died mid-write
    store = RunStore(tmp_path)
    assert store.get("label:A:1") is None  # its work is redone
    store.put("label:A:1", {"data": 2})
    assert RunStore(tmp_path).get("label:A:1") == {"key": "label:A:1", "data": 2}
