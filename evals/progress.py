"""Progress events of a run, and the bounded concurrency every phase uses."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from typing import Literal

Stage = Literal["calibration", "consistency", "conversations", "judging", "report"]
Job = Callable[[], Awaitable[None]]


@dataclass(frozen=True)
class Progress:
    """`done` of `total` units of `stage` are finished; `detail` names the last one.

    Stages come in order: calibration (one unit per calibration example),
    conversations (one per scenario), judging (one per scenario), report (one).
    Units restored from a checkpoint are counted as done in the stage's first event.
    """

    stage: Stage
    done: int
    total: int
    detail: str = ""


ProgressCallback = Callable[[Progress], None]


async def bounded(limit: int, jobs: Iterable[Job]) -> None:
    """Run jobs with at most `limit` at a time; the first failure cancels the rest."""
    gate = asyncio.Semaphore(max(1, limit))

    async def run(job: Job) -> None:
        async with gate:  # FIFO: with limit 1 the jobs run one by one, in order
            await job()

    try:
        async with asyncio.TaskGroup() as group:
            for job in jobs:
                group.create_task(run(job))
    except ExceptionGroup as failures:
        # Callers (CLI, agent) handle FtdesignError and friends, not groups of them.
        raise failures.exceptions[0] from None
