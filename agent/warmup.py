"""The browser app's warm-up: the chat's code, the guide index and the agent's model, loaded in
the background.

`ftdesign ui` starts it just before it listens, so the first page is served at once. Every part
waits until the app's port answers: imports in a background thread would share the interpreter
lock with Chainlit's own start and only delay the first page, and two threads importing
LangChain at once break its lazy imports (seen: the model's start failing with "No module named
'uuid_utils'"). For the same reason the model, whose client is LangChain, starts only after the
chat's code has imported it; the index loads beside the code. Whatever a chat needs from the
warm-up waits for that one job in a worker thread, never on the event loop that serves every
chat (commit e27d41e moved the warm-up before listening so that no chat would load these inside
the loop; waiting off the loop keeps that fixed without delaying the first page). A chat never
starts a second copy while the job runs, and a chat that waited on a job that failed gets the
job's own error; a chat that comes later simply tries again.
"""

from __future__ import annotations

import asyncio
import os
import socket
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
INDEX, MODEL, CODE = "guide index", "agent's model", "chat's code"
LISTEN_WAIT_SECONDS = 120.0  # a port that never answers must not hold the warm-up back forever


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


def wait_listening(address: tuple[str, int] | None, seconds: float = LISTEN_WAIT_SECONDS) -> None:
    """Return once something accepts connections at `address` (or after `seconds`)."""
    deadline = time.monotonic() + seconds
    while address is not None and time.monotonic() < deadline:
        try:
            with socket.create_connection(address, timeout=1):
                return
        except OSError:
            time.sleep(0.05)


def _run(
    name: str,
    work: Callable[[], None],
    address: tuple[str, int] | None,
    after: threading.Event | None,
) -> None:
    job = _jobs[name]
    wait_listening(address)
    if after is not None:
        after.wait()
    started = time.monotonic()
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


def start(
    project: Path,
    address: tuple[str, int] | None = None,
    code: Callable[[], None] | None = None,
) -> None:
    """Import `code` (when given), load the index and start the model, each in a daemon thread
    that first waits for `address` to answer; the model also waits for `code`. Once per process."""
    works: dict[str, Callable[[], None]] = {
        INDEX: _load_index,
        MODEL: lambda: _start_model(project),
    }
    if code is not None:
        works[CODE] = code
    with _lock:
        if _jobs:
            return
        _jobs.update({name: Job() for name in works})
    _say("starting the agent's model and loading the guide index in the background…")
    for name, work in works.items():
        after = _jobs[CODE].done if name == MODEL and CODE in _jobs else None
        thread = threading.Thread(
            target=_run, args=(name, work, address, after), daemon=True, name=f"warm {name}"
        )
        thread.start()


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
