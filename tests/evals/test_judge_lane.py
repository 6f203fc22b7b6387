"""The judge's lane: it labels and judges while conversations are simulated, unless it
shares a server with a conversation role (then the phases run one after another)."""

from __future__ import annotations

import asyncio

from eval_fakes import ScriptedChat, ScriptedJudge, copy_project, shrink_rubric

from ftdesign.evals.task import run_eval

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


def test_a_judge_with_its_own_server_works_while_conversations_run(tmp_path):
    timeline = timeline_of(small_project(tmp_path))
    last_chat = max(i for i, event in enumerate(timeline) if event.startswith("chat:"))
    first_label = timeline.index(next(e for e in timeline if e.startswith("judge:calibration")))
    judged = [i for i, e in enumerate(timeline) if e.startswith("judge:") and "calibration" not in e]
    assert first_label < last_chat  # calibration did not wait for the conversations
    assert judged[0] < last_chat  # the first conversation was judged before the last ended


def test_a_judge_sharing_the_simulators_server_waits_for_the_conversations(tmp_path):
    project = small_project(tmp_path, '[models.judge]\nserver = "simulator"\n')
    timeline = timeline_of(project)
    chats = [i for i, event in enumerate(timeline) if event.startswith("chat:")]
    judged = [i for i, e in enumerate(timeline) if e.startswith("judge:") and "calibration" not in e]
    labels = [i for i, e in enumerate(timeline) if e.startswith("judge:calibration")]
    assert max(labels) < min(chats) and max(chats) < min(judged)  # one phase at a time
