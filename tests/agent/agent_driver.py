"""Driving a design session from synchronous tests, with the scripted model and a stand-in
evaluation runner (it reports progress and writes a clearly labelled test report)."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from agent_fakes import ScriptedChatModel

from ftdesign.agent.context import AgentContext
from ftdesign.agent.session import DesignSession, Event
from ftdesign.agent.stop import Stop
from ftdesign.tools.artifacts import ARTIFACTS
from ftdesign.tools.project_files import write_artifact
from ftdesign.tools.schemas.documents import REQUIRED_SECTIONS

DOMAIN = "customer support for a SaaS billing product"


async def fake_eval(project: Path, *, scenarios: int, turns: int, seed: int, progress: Any) -> Any:
    """Stands in for evals.task.arun_eval: reports progress, writes a labelled report."""
    for done in range(1, scenarios + 1):
        progress(SimpleNamespace(stage="conversations", done=done, total=scenarios, detail=""))
    lines = ["# Base model evaluation", "", "Test report written by the flow tests.", ""]
    for heading in REQUIRED_SECTIONS["eval_results"]:
        lines += [f"## {heading}", "", "Pass rate 50% (test fixture, not a measurement).", ""]
    path = write_artifact(project, ARTIFACTS["eval_results"].path, "\n".join(lines))
    return SimpleNamespace(report=path, pass_rate=0.5)


def make_context(project: Path, model: ScriptedChatModel) -> AgentContext:
    return AgentContext(
        project=project,
        models={"agent": model},
        draft_with_model=False,
        eval_runner=fake_eval,
        eval_scenarios=3,
        eval_turns=1,
    )


class Driver:
    """Runs a session step by step from synchronous tests."""

    def __init__(self, project: Path, model: ScriptedChatModel, thread_id: str | None = None):
        self.session = DesignSession(project, thread_id, make_context(project, model))
        self.events: list[Event] = []

    async def _collect(self, events: AsyncIterator[Event]) -> Stop | None:
        stop = None
        async for event in events:
            self.events.append(event)
            assert event.kind != "error", event.text
            stop = event.stop if event.kind == "stop" else stop
        return stop

    def _do(self, make: Any) -> Any:
        async def run() -> Any:
            async with self.session:
                return await make()

        return asyncio.run(run())

    def start(self, domain: str = DOMAIN) -> Stop:
        stop = self._do(lambda: self._collect(self.session.start(domain)))
        assert stop is not None
        return stop

    def send(self, reply: Any) -> Stop | None:
        return self._do(lambda: self._collect(self.session.send(reply)))

    def resume(self) -> Stop | None:
        return self._do(lambda: self._collect(self.session.resume()))

    def state(self) -> Any:
        return self._do(self.session.state)

    def approve_until(self, step: str, first: Stop) -> Stop:
        stop: Stop | None = first
        for _ in range(20):  # a gate that refuses approval must fail the test, not hang it
            if stop is None or stop.step == step:
                break
            stop = self.send("approve")
        assert stop is not None, f"session ended before {step}"
        return stop
