"""The session API the CLI and the UI share: start or resume a thread, reply, stream events.

    async with DesignSession(project, thread_id=None) as session:
        async for event in session.start("customer support for a SaaS billing product"):
            ...                                  # progress / token / notice / stop events
        async for event in session.send("approve"):
            ...

A thread id names one session; its checkpoints live in the project (or Postgres),
so a new process with the same id continues exactly where the last one stopped.
Events: `progress` (what the agent is doing), `token` (streamed answer text), `reply`
(how a reply was read), `stop` (a `Stop` waiting for the user), `finished`, `error`
(the state is untouched; the text says what happened and what to try).
"""

from __future__ import annotations

import traceback
import uuid
from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from pathlib import Path
from typing import Any

from ftdesign.agent.context import AgentContext
from ftdesign.agent.events import Event, to_event
from ftdesign.agent.records import DomainContext
from ftdesign.agent.state import DesignState, GateStatus
from ftdesign.agent.stop import Stop
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.redact import redact

ERROR_LOG = Path(".ftdesign") / "errors.log"


def new_thread_id() -> str:
    return uuid.uuid4().hex[:12]


class DesignSession:
    """One design conversation over one project folder, saved after every step."""

    def __init__(
        self, project: Path, thread_id: str | None = None, context: AgentContext | None = None
    ) -> None:
        self.project = Path(project).resolve()
        self.thread_id = thread_id or new_thread_id()
        self.context = context or AgentContext(project=self.project)
        self._stack = AsyncExitStack()
        self.graph: Any = None

    async def __aenter__(self) -> DesignSession:
        from ftdesign.agent.checkpoint import open_checkpointer
        from ftdesign.agent.graph import build_graph

        saver = await self._stack.enter_async_context(open_checkpointer(self.project))
        self.graph = build_graph(saver)
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self._stack.aclose()

    @property
    def config(self) -> dict[str, Any]:
        return {"configurable": {"thread_id": self.thread_id}}

    async def state(self) -> DesignState | None:
        """The saved state, or None for a thread that has not started."""
        snapshot = await self.graph.aget_state(self.config)
        return DesignState.model_validate(snapshot.values) if snapshot.values else None

    async def statuses(self) -> dict[str, GateStatus]:
        state = await self.state()
        return state.statuses if state else {}

    async def current_stop(self) -> Stop | None:
        """The stop waiting for a reply, or None (not started, running, or finished)."""
        snapshot = await self.graph.aget_state(self.config)
        for task in snapshot.tasks:
            for pending in task.interrupts:
                return Stop.model_validate(pending.value)
        return None

    async def finished(self) -> bool:
        snapshot = await self.graph.aget_state(self.config)
        return bool(snapshot.values) and not snapshot.next

    def start(self, domain: str | DomainContext) -> AsyncIterator[Event]:
        """Begin this thread with the user's domain description (and any early answers)."""
        context = domain if isinstance(domain, DomainContext) else DomainContext(description=domain)
        return self._run({"domain": context.model_dump()})

    async def resume(self) -> AsyncIterator[Event]:
        """Continue a saved thread: show its waiting stop, or finish an interrupted step."""
        if (stop := await self.current_stop()) is not None:
            yield Event(kind="stop", stop=stop)
        elif await self.finished():
            yield Event(kind="finished", text="This session is complete.")
        elif (await self.graph.aget_state(self.config)).values:
            async for event in self._run(None):
                yield event
        else:
            yield Event(kind="error", text=f"No session {self.thread_id} in {self.project}.")

    async def send(self, reply: str | dict[str, Any]) -> AsyncIterator[Event]:
        """Answer the waiting stop: free text, or a button's {"action": ..., ...}."""
        from langgraph.types import Command

        if await self.current_stop() is None:
            yield Event(kind="error", text="Nothing is waiting for a reply in this session.")
            return
        async for event in self._run(Command(resume=reply)):
            yield event

    async def _run(self, payload: Any) -> AsyncIterator[Event]:
        modes = ["custom", "messages", "updates"]
        try:
            async for mode, chunk in self.graph.astream(
                payload, self.config, context=self.context, stream_mode=modes
            ):
                event = to_event(mode, chunk)
                if event is not None:
                    yield event
        except FtdesignError as error:
            yield Event(kind="error", text=f"{error}\nThe session is saved at its last step.")
            return
        except Exception as error:  # never a traceback in the CLI or UI; keep it in the log
            yield Event(kind="error", text=self._log_crash(error))
            return
        if await self.finished():
            yield Event(kind="finished", text="All gates are settled; the session is complete.")

    def _log_crash(self, error: Exception) -> str:
        path = self.project / ERROR_LOG
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8") as log:
            log.write(redact(f"thread {self.thread_id}\n{traceback.format_exc()}\n"))
        return redact(
            f"Internal error ({type(error).__name__}: {error}); details in {path}. The"
            f" session is saved at its last step: resume with thread {self.thread_id}."
        )
