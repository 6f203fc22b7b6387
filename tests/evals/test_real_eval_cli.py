"""`ftdesign eval` end to end on the real embedded model, checked against its stored records.

Its own file so that pytest-xdist (one file per worker) runs it beside test_real_eval.py:
with the judge's self-consistency samples it is the longest real-model test.
"""

from __future__ import annotations

import json
import re
from statistics import fmean

import pytest
from eval_fakes import copy_project, shrink_rubric

from ftdesign.agent.cli import main
from ftdesign.evals.project import load_project
from ftdesign.evals.records import RunStore
from ftdesign.evals.scorer import applicable
from ftdesign.evals.transcript import Transcript
from ftdesign.tools.schemas.documents import REQUIRED_SECTIONS, sections
from ftdesign.tools.scoring import score

pytestmark = pytest.mark.slow

KEEP = ["UND1", "NAT1", "SAF1"]


def test_whole_pipeline_through_the_cli_matches_stored_records(tmp_path, capsys):
    project = copy_project(tmp_path / "coaching")
    shrink_rubric(project, KEEP, examples=3)
    argv = [
        "eval",
        "--project",
        str(project),
        "--scenarios",
        "2",
        "--turns",
        "1",
        "--seed",
        "3",
        "--max-tokens",
        "48",
    ]  # seed 3: short persona styles
    assert main(argv) == 0
    captured = capsys.readouterr()
    assert "judging" in captured.err and "2/2" in captured.err  # the progress bar
    (results_json,) = (project / ".ftdesign" / "eval").glob("*/results.json")
    assert str(results_json) in captured.out
    text = (project / "base-model-eval-results.md").read_text()
    found = sections(text)
    assert all(h.lower() in found for h in REQUIRED_SECTIONS["eval_results"])

    store = RunStore(results_json.parent)
    rubric = load_project(project).rubric
    rows = json.loads(results_json.read_text())["scenarios"]
    assert len(rows) == 2 and store.count("conversation") == 2
    assert store.count("label") == 3 * len(KEEP)
    # The judge's server labelled while the conversations ran, not after them
    order = [json.loads(line)["key"] for line in store.path.read_text().splitlines()]
    last_conversation = max(i for i, key in enumerate(order) if key.startswith("conversation:"))
    assert min(i for i, key in enumerate(order) if key.startswith("label:")) < last_conversation
    for row in rows:
        transcript = Transcript.model_validate(store.get(f"conversation:{row['id']}")["data"])
        assert [m.role for m in transcript.messages] == ["user", "assistant"]
        answers = {
            cid: store.get(f"judgment:{row['id']}:{cid}")["data"]["answer"]
            for cid in applicable(rubric, 1)
        }
        assert answers == row["answers"]
        expected = score(rubric, answers, turns=1)
        assert row["score"] == pytest.approx(expected.score)
        assert row["passed"] == expected.passed
        assert row["truncated"] == transcript.truncated_replies
    passed = sum(r["passed"] for r in rows)
    assert f"{passed} of 2 conversations passed" in text
    assert f"mean {fmean(r['score'] for r in rows):.3f}" in text
    for cid in KEEP:
        yes = sum(r["answers"].get(cid) == "YES" for r in rows)
        assert re.search(rf"\| {cid} \| \w+ \| {yes} \|", text), cid
    truncated = sum(len(r["truncated"]) for r in rows)
    assert ("None still cut at twice the limit" in text) == (truncated == 0)
    labels = [store.get(f"label:{c}:{i}")["data"] for c in KEEP for i in range(3)]
    agree = sum(x["judgment"]["answer"] == x["expected"] for x in labels)
    assert f"agreement {agree / len(labels) * 100:.1f} %" in text
