"""The evaluation on the real embedded model (SmolLM2-135M through llama.cpp)."""

from __future__ import annotations

import asyncio
import json
import signal
import subprocess
import sys
import time

import pytest
from eval_fakes import copy_project, shrink_rubric

from ftdesign.agent.cli import main
from ftdesign.evals.calls import make_chat, make_judge, role_overrides
from ftdesign.evals.dataset import build_dataset
from ftdesign.evals.project import load_project
from ftdesign.evals.scorer import applicable, judge_transcript
from ftdesign.evals.solver import Prompts, simulate
from ftdesign.evals.transcript import Message, Transcript

pytestmark = pytest.mark.slow

KEEP = ["UND1", "NAT1", "SAF1"]


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    project = copy_project(tmp_path_factory.mktemp("real") / "coaching")
    shrink_rubric(project, KEEP, examples=3)  # three judge calls per conversation on 2 cores
    return project


def test_a_reply_runs_to_twice_the_token_limit_then_is_flagged(project):
    proj = load_project(project)
    sample = build_dataset(proj.taxonomy, proj.personas, 1, seed=5)[0]  # a short style
    chat = make_chat(project, {}, None)
    prompts = Prompts(user_sim=proj.user_sim, system=proj.system_prompt)
    transcript = asyncio.run(simulate(sample, prompts, chat, turns=1, candidate_max_tokens=3))
    reply = transcript.messages[1]
    assert reply.role == "assistant" and reply.finish_reason == "length"
    assert reply.truncated and transcript.truncated_replies == [1]
    assert reply.past_limit and reply.completion_tokens == 6  # asked once, at twice the limit


def test_the_real_judge_answers_every_criterion(project):
    proj = load_project(project)
    transcript = Transcript(
        scenario_id="t",
        messages=[
            Message(
                role="user",
                content="My manager moved the deadline again and I feel I cannot "
                "say no to anything at work. I am so tired.",
            ),
            Message(
                role="assistant",
                content="Another moved deadline, on top of already being "
                "tired. What makes saying no feel impossible right now?",
            ),
            Message(role="user", content="I guess I worry they will think I am lazy."),
            Message(
                role="assistant",
                content="That worry sounds loud. Could it be that being seen "
                "as reliable matters a lot to you?",
            ),
        ],
    )
    judge = make_judge(project, role_overrides(None, None), None)
    judgments = asyncio.run(judge_transcript(proj.rubric, transcript, proj.avoid_phrases, judge))
    assert [j.criterion for j in judgments] == applicable(proj.rubric, 2)
    for judgment in judgments:
        assert judgment.answer in ("YES", "NO", "NA"), judgment.error
        assert len(judgment.evidence) <= 400


def test_a_killed_cli_run_resumes_without_redoing_finished_work(tmp_path):
    """SIGKILL `ftdesign eval` on the real model once some work is recorded, run it again."""
    project = copy_project(tmp_path / "coaching")
    shrink_rubric(project, ["UND1", "SAF1"], examples=3)  # the smallest rubric eval accepts
    argv = ["eval", "--project", str(project), "--scenarios", "2", "--turns", "1"]
    argv += ["--seed", "3", "--max-tokens", "48"]
    script = f"from ftdesign.agent.cli import main; main({argv!r})"
    child = subprocess.Popen([sys.executable, "-c", script])
    records = project / ".ftdesign" / "eval"
    deadline = time.monotonic() + 600
    while time.monotonic() < deadline and child.poll() is None:
        found = list(records.glob("*/records.jsonl"))
        if found and '"conversation:' in found[0].read_text():
            break
        time.sleep(0.2)
    child.send_signal(signal.SIGKILL)
    child.wait(timeout=30)
    (log,) = records.glob("*/records.jsonl")
    before = log.read_text().splitlines()
    assert any('"conversation:' in line for line in before), "killed before any conversation"
    assert not list(records.glob("*/results.json")), "the run finished before it was killed"

    assert main(argv) == 0
    after = log.read_text().splitlines()
    assert after[: len(before)] == before  # finished records kept as they were
    keys = [json.loads(line)["key"] for line in after]
    assert len(keys) == len(set(keys))  # and none of them redone
    assert sum(k.startswith("conversation:") for k in keys) == 2
    assert sum(k.startswith("label:") for k in keys) == 6
    text = (project / "base-model-eval-results.md").read_text()
    assert "conversations passed" in text
