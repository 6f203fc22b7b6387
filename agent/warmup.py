"""The browser app's warm-up: the guide index and the agent's model, loaded in the background.

`ftdesign ui` starts it just before it listens, so the first page is served at once. Whatever
a chat needs from it waits for this one job in a worker thread, never on the event loop that
serves every chat (commit e27d41e moved the warm-up before listening so that no chat would load
these inside the loop; waiting off the loop keeps that fixed without delaying the first page).
A chat never starts a second copy while the job runs, and a chat that waited on a job that
failed gets the job's own error; a chat that comes later simply tries again.
"""

from __future__ import annotations

import asyncio
import os
import sys
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ftdesign.tools.errors import FtdesignError

# Seconds to hold the model's start back. Only for testing that no chat waits on a slow start
# (a real cold start on a fast machine can end before the test looks); leave it unset.
DELAY_ENV = "FTDESIGN_WARMUP_DELAY"
INDEX, MODEL = "guide index", "agent's model"


@dataclass
class Job:
    """One part of the warm-up; `done` is set when it ends, whether it worked or not."""

    done: threading.Event = field(default_factory=threading.Event)
    error: FtdesignError | None = None


_jobs: dict[str, Job] = {}
_lock = threading.Lock()


def _say(text: str) -> None:
    print(f"ftdesign ui: {text}", file=sys.stderr, flush=True)  # noqa: T201


def delay_seconds() -> float:
    raw = os.environ.get(DELAY_ENV, "").strip()
    try:
        seconds = float(raw or 0)
    except ValueError:
        seconds = -1.0
    if seconds < 0:
        raise FtdesignError(
            f"{DELAY_ENV}={raw!r} is not a number of seconds.",
            hint=f"unset {DELAY_ENV} (it only exists for tests of a slow model start)",
        )
    return seconds


def _load_index() -> None:
    from ftdesign.agent.retrieval import warm_gate_queries  # it waits on this module

    notice = warm_gate_queries()
    if notice:
        raise FtdesignError(notice)


def _start_model(project: Path) -> None:
    from ftdesign.models import get_model

    time.sleep(delay_seconds())
    get_model("agent", project)


def _run(name: str, work: Callable[[], None]) -> None:
    job, started = _jobs[name], time.monotonic()
    try:
        work()
        _say(f"the {name} is ready ({time.monotonic() - started:.1f} s)")
    except FtdesignError as error:
        job.error = error
        _say(f"the {name} is not ready: {error}")
    except Exception as error:  # noqa: BLE001 - a background thread must record every failure
        job.error = FtdesignError(f"the {name} failed to load: {error!r}")
        _say(str(job.error))
    finally:
        job.done.set()


def start(project: Path) -> None:
    """Start loading the index and the model, each in a daemon thread; once per process."""
    with _lock:
        if _jobs:
            return
        _jobs.update({INDEX: Job(), MODEL: Job()})
    _say("starting the agent's model and loading the guide index in the background…")
    works: dict[str, Callable[[], None]] = {
        INDEX: _load_index,
        MODEL: lambda: _start_model(project),
    }
    for name, work in works.items():
        threading.Thread(target=_run, args=(name, work), daemon=True, name=f"warm {name}").start()


def wait(name: str) -> None:
    """Block this thread (never the event loop's) until the job ends; its failure is raised."""
    job = _jobs.get(name)
    if job is None or job.done.is_set():
        return  # no warm-up (CLI, tests), or it has ended: callers go on by themselves
    _say(f"a chat waits for the {name}, still loading")
    job.done.wait()
    if job.error is not None:
        raise FtdesignError(
            f"the app's warm-up could not load the {name}: {job.error.message}",
            hint=job.error.hint or "see the terminal running `ftdesign ui`",
        )


async def ready(name: str) -> None:
    """`wait` for asyncio callers: in a worker thread, so the other chats keep going."""
    job = _jobs.get(name)
    if job is not None and not job.done.is_set():
        await asyncio.to_thread(wait, name)

