"""The judge's lane: it labels and judges while conversations are simulated, unless it
shares a server with a conversation role (then the phases run one after another); once
the conversations are done, a local judge judges on a second server too."""

from __future__ import annotations

import asyncio

from eval_fakes import ScriptedChat, ScriptedJudge, copy_project, shrink_rubric

from ftdesign.evals.phases import JudgeLane, judge
from ftdesign.evals.project import load_project
from ftdesign.evals.records import RunStore
from ftdesign.evals.run_plan import plan_run, spare_judge
from ftdesign.evals.task import run_eval
from ftdesign.evals.transcript import Message, Transcript

N, TURNS = 4, 2


class Paced:
    """Wraps a scripted call so that each call lets the event loop run other tasks first,
    as a request to a model server does; every call is logged in one shared timeline."""

    def __init__(self, call, name: str, timeline: list[str]) -> None:  # noqa: ANN001
        self.call, self.name, self.timeline = call, name, timeline

    async def __call__(self, *args, **kwargs):  # noqa: ANN002, ANN003
        await asyncio.sleep(0)
        key = args[1] if self.name == "judge" else args[0]
        self.timeline.append(f"{self.name}:{key}")
        return await self.call(*args, **kwargs)


def timeline_of(project) -> list[str]:  # noqa: ANN001
    timeline: list[str] = []
    run_eval(
        project,
        scenarios=N,
        turns=TURNS,
        seed=3,
        chat=Paced(ScriptedChat(), "chat", timeline),
        judge_call=Paced(ScriptedJudge(fail_every=10**9), "judge", timeline),
        consistency_samples=0,
    )
    return timeline


def small_project(tmp_path, settings: str = ""):  # noqa: ANN001, ANN201
    project = copy_project(tmp_path / "coaching")
    shrink_rubric(project, ["NAT1", "SAF1"], examples=3)
    (project / "ftdesign.toml").write_text(settings)
    return project


def positions(timeline: list[str]) -> tuple[list[int], list[int], list[int]]:
    """Where chat calls, calibration labels and conversation judgments stand."""
    chats = [i for i, event in enumerate(timeline) if event.startswith("chat:")]
    labels = [i for i, event in enumerate(timeline) if event.startswith("judge:calibration")]
    judged = [
        i for i, event in enumerate(timeline) if event.startswith("judge:") and i not in labels
    ]
    return chats, labels, judged


def test_a_judge_with_its_own_server_works_while_conversations_run(tmp_path):
    chats, labels, judged = positions(timeline_of(small_project(tmp_path)))
    assert labels[0] < chats[-1]  # calibration did not wait for the conversations
    assert judged[0] < chats[-1]  # the first conversation was judged before the last ended


def test_a_judge_sharing_the_simulators_server_waits_for_the_conversations(tmp_path):
    project = small_project(tmp_path, '[models.judge]\nserver = "simulator"\n')
    chats, labels, judged = positions(timeline_of(project))
    assert max(labels) < min(chats) and max(chats) < min(judged)  # one phase at a time


def plan_for(project):  # noqa: ANN001, ANN201
    return plan_run(
        project, model=None, judge=None, scenarios=N, turns=TURNS, seed=3, concurrency=1,
        candidate_max_tokens=None, consistency_samples=0, candidate=None,
    )  # fmt: skip


def test_a_local_judge_apart_gets_a_spare_server_and_no_other_does(tmp_path):
    own = plan_for(small_project(tmp_path / "own"))
    assert own.judge_apart and spare_judge(own) is not None
    shared = plan_for(small_project(tmp_path / "shared", '[models.judge]\nserver = "simulator"\n'))
    assert not shared.judge_apart and spare_judge(shared) is None
    remote = '[models.judge]\nbase_url = "http://127.0.0.1:9/v1"\nmodel = "judge"\n'
    far = plan_for(small_project(tmp_path / "remote", remote))
    assert far.judge_apart and spare_judge(far) is None


def test_a_lane_added_while_judging_takes_the_next_conversation(tmp_path):
    project = small_project(tmp_path)
    proj = load_project(project)
    store = RunStore(tmp_path / "run")
    first, spare = ScriptedJudge(fail_every=10**9), ScriptedJudge(fail_every=10**9)
    transcripts = [
        Transcript(scenario_id=f"s{i}", messages=[
            Message(role="user", content=f"message {i}"), Message(role="assistant", content="ok"),
        ]) for i in range(4)
    ]  # fmt: skip

    async def run() -> dict:
        lanes: asyncio.Queue[JudgeLane] = asyncio.Queue()
        lanes.put_nowait(JudgeLane(Paced(first, "judge", [])))

        async def arrivals():  # noqa: ANN202
            for transcript in transcripts:
                yield transcript
            lanes.put_nowait(JudgeLane(Paced(spare, "judge", [])))  # conversations done

        return await judge(proj, store, arrivals(), len(transcripts), lanes, lambda _: None)

    judged = asyncio.run(run())
    assert sorted(judged) == ["s0", "s1", "s2", "s3"]
    assert first.prompts and spare.prompts  # both servers judged
    asked = {repr(p) for p in first.prompts} | {repr(p) for p in spare.prompts}
    assert len(asked) == len(first.prompts) + len(spare.prompts)  # no prompt asked twice
