"""Progress events of a run, and the bounded concurrency every phase uses."""

from __future__ import annotations

import asyncio
from collections.abc import (
    AsyncIterable,
    AsyncIterator,
    Awaitable,
    Callable,
    Coroutine,
    Iterable,
    Iterator,
)
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any, Literal

Stage = Literal["calibration", "consistency", "conversations", "judging", "report"]
Job = Callable[[], Awaitable[None]]


@dataclass(frozen=True)
class Progress:
    """`done` of `total` units of `stage` are finished; `detail` names the last one.

    Stages: calibration (one unit per calibration example), conversations (one per
    scenario), judging (one per scenario), report (one). Calibration comes before judging
    and report last; when the judge has a server of its own, their events interleave with
    those of conversations, which run at the same time.
    Units restored from a checkpoint are counted as done in the stage's first event.
    """

    stage: Stage
    done: int
    total: int
    detail: str = ""


ProgressCallback = Callable[[Progress], None]


async def bounded(limit: int, jobs: Iterable[Job] | AsyncIterable[Job]) -> None:
    """Run jobs with at most `limit` at a time; the first failure cancels the rest.
    Jobs may arrive over time (an async iterable): each is started as it comes."""
    gate = asyncio.Semaphore(max(1, limit))

    async def run(job: Job) -> None:
        async with gate:  # FIFO: with limit 1 the jobs run one by one, in order
            await job()

    with first_failure():
        async with asyncio.TaskGroup() as group:
            async for job in _arriving(jobs):
                group.create_task(run(job))


async def together(*steps: Coroutine[Any, Any, Any]) -> list[Any]:
    """The results of `steps` run at once; the first failure cancels the others."""
    with first_failure():
        async with asyncio.TaskGroup() as group:
            tasks = [group.create_task(step) for step in steps]
    return [task.result() for task in tasks]


@contextmanager
def first_failure() -> Iterator[None]:
    """Raise a task group's first failure as itself: callers (CLI, agent) handle
    FtdesignError and friends, not groups of them."""
    try:
        yield
    except ExceptionGroup as failures:
        raise failures.exceptions[0] from None


async def _arriving(jobs: Iterable[Job] | AsyncIterable[Job]) -> AsyncIterator[Job]:
    if isinstance(jobs, AsyncIterable):
        async for job in jobs:
            yield job
    else:
        for job in jobs:
            yield job
