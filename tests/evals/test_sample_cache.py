"""Self-consistency samples are computed once per judge, like calibration labels: a
re-run with another scenario count samples again only the conversations it has not
sampled (counted from the run's records and from the judge's own calls)."""

from __future__ import annotations

import json
from pathlib import Path

from eval_fakes import ScriptedChat, VerdictModel, copy_project, shrink_rubric

from ftdesign.evals.label_cache import SAMPLES_FOLDER, open_cache
from ftdesign.evals.scorer import Judgment
from ftdesign.evals.task import run_eval
from ftdesign.models import use_models

CRITERIA = ["UND1", "NAT1", "SAF1"]
K = 3


def records(run_folder: Path) -> dict[str, dict]:
    lines = (run_folder / "records.jsonl").read_text().splitlines()
    return {r["key"]: r for r in map(json.loads, lines)}


def sampled_items(found: dict[str, dict]) -> dict[str, str]:
    """Item key -> source of its samples; an item's k samples share one source."""
    sources: dict[str, set[str]] = {}
    for key, record in found.items():
        if key.startswith("consistency:"):
            item = key.split(":")[1]
            sources.setdefault(item, set()).add(record["source"])
    assert all(len(s) == 1 for s in sources.values()), sources
    return {item: s.pop() for item, s in sources.items()}


def conversation(found: dict[str, dict], item: str) -> object:
    return found[f"conversation:{item.split('/')[0]}"]["data"]


def test_a_rerun_samples_only_what_it_has_not_sampled(tmp_path: Path) -> None:
    project = copy_project(tmp_path / "coaching")
    shrink_rubric(project, CRITERIA, examples=3)
    first, second = VerdictModel(), VerdictModel()
    with use_models({"judge": first}):
        one = run_eval(project, scenarios=2, turns=2, chat=ScriptedChat(), consistency_samples=K)
    with use_models({"judge": second}):
        two = run_eval(project, scenarios=3, turns=2, chat=ScriptedChat(), consistency_samples=K)
    assert one.records.parent != two.records.parent  # a different run, not a resume
    before, after = records(one.records.parent), records(two.records.parent)
    assert set(sampled_items(before).values()) == {"judged"}  # an empty cache: all asked
    sources = sampled_items(after)
    # Unchanged: calibration examples, and conversations both runs simulated alike.
    old = sampled_items(before)
    unchanged = {
        item
        for item in sources
        if item.startswith("calibration/")
        or (item in old and conversation(before, item) == conversation(after, item))
    }
    assert {i for i, s in sources.items() if s == "cache"} == unchanged
    assert len(unchanged) < len(sources)  # the third scenario brought new items
    assert any(not item.startswith("calibration/") for item in unchanged)
    new_samples = K * (len(sources) - len(unchanged))
    judgments = sum(key.startswith("judgment:") for key in after)
    # The second judge was asked the run's judgments and the new samples, nothing else.
    assert len(second.prompts) == judgments + new_samples


def test_samples_are_keyed_by_index_apart_from_labels_and_errors_are_not_kept(
    tmp_path: Path,
) -> None:
    project = copy_project(tmp_path / "coaching")
    with use_models({"judge": VerdictModel()}):
        samples = open_cache(project, {}, SAMPLES_FOLDER)
        warmer = open_cache(project, {"temperature": 0.5}, SAMPLES_FOLDER)
    messages = [{"role": "system", "content": "judge"}, {"role": "user", "content": "talk"}]
    samples.put(messages, Judgment(criterion="UND1", answer="YES"), "s/UND1", sample=1)
    samples.put(messages, Judgment(criterion="UND1", answer="ERROR", error="x"), "s/UND1", 2)
    assert samples.get(messages, 1) == Judgment(criterion="UND1", answer="YES")
    assert samples.get(messages, 2) is None  # ERROR: asked again next time
    assert samples.get(messages) is None  # the greedy verdict is not a sample
    assert warmer.get(messages, 1) is None  # another judge's samples are not this one's
    assert (project / SAMPLES_FOLDER / "records.jsonl").read_text().count("\n") == 1
