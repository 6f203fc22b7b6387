"""Calibration labels are computed once per judge: a re-run that changes only the
scenario count relabels nothing (counted from the cache and from the judge's calls)."""

from __future__ import annotations

from pathlib import Path

from eval_fakes import ScriptedChat, VerdictModel, copy_project, shrink_rubric

from ftdesign.evals.judge_prompt import judge_messages
from ftdesign.evals.label_cache import FOLDER, open_cache
from ftdesign.evals.task import run_eval
from ftdesign.models import use_models
from ftdesign.tools.schemas.rubric import Rubric

CRITERIA = ["UND1", "NAT1", "SAF1"]


def labels_on_disk(project: Path) -> int:
    path = project / FOLDER / "records.jsonl"
    return len(path.read_text().splitlines()) if path.exists() else 0


def test_a_rerun_with_more_scenarios_relabels_nothing(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "coaching")
    shrink_rubric(project, CRITERIA, examples=3)
    first, second = VerdictModel(), VerdictModel()
    with use_models({"judge": first}):
        one = run_eval(project, scenarios=2, turns=2, chat=ScriptedChat(), consistency_samples=0)
    examples = 3 * len(CRITERIA)
    assert labels_on_disk(project) == examples
    with use_models({"judge": second}):
        cache = open_cache(project, {})
        two = run_eval(project, scenarios=3, turns=2, chat=ScriptedChat(), consistency_samples=0)
    assert one.records.parent != two.records.parent  # a different run, not a resume
    assert labels_on_disk(project) == examples  # nothing new was labelled
    # The second judge saw only the run's conversations, never a calibration example.
    labelling = {m[-1]["content"] for m in calibration_prompts(project)}
    assert not labelling & set(second.prompts)
    assert len([p for p in first.prompts if p in labelling]) == examples
    hits = sum(cache.get(m) is not None for m in calibration_prompts(project))
    assert hits == examples
    assert one.results.reliability == two.results.reliability


def test_another_judge_or_rubric_text_misses(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "coaching")
    shrink_rubric(project, CRITERIA, examples=3)
    with use_models({"judge": VerdictModel()}):
        run_eval(project, scenarios=1, turns=1, chat=ScriptedChat())
        same, warmer = open_cache(project, {}), open_cache(project, {"temperature": 0.5})
    prompts = calibration_prompts(project)
    assert sum(same.get(m) is not None for m in prompts) == len(prompts) == 9
    assert sum(warmer.get(m) is not None for m in prompts) == 0
    edited = [[m[0], {**m[1], "content": m[1]["content"].replace("CRITERION", "Criterion")}]
              for m in prompts]  # fmt: skip
    assert sum(same.get(m) is not None for m in edited) == 0


def calibration_prompts(project: Path) -> list[list[dict[str, str]]]:
    import yaml

    from ftdesign.evals.facts import conversation_facts
    from ftdesign.evals.reliability import example_transcript

    rubric = Rubric.model_validate(yaml.safe_load((project / "config/rubric.yaml").read_text()))
    found = []
    for cid, criterion in rubric.criteria.items():
        for index, example in enumerate(criterion.calibration_examples):
            transcript = example_transcript(cid, index, example)
            facts = conversation_facts(transcript, []).render()
            found.append(judge_messages(transcript.render(), facts, cid, criterion, index))
    return found
