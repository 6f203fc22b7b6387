"""The warm-up's order: nothing before the app's port answers, the model after the chat's code.

A background import shares the interpreter lock with Chainlit's own start, and two threads
importing LangChain at once break its lazy imports, so every part begins once the port answers
and the model (a LangChain client) after the chat's code. The heavy parts are replaced by
recorders here (this is a control-flow test; tests/ui/test_browser_warmup.py runs the real
ones in the real app).
"""

from __future__ import annotations

import socket
import time

from ftdesign.agent import warmup


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def wait_done(name: str, seconds: float = 20) -> None:
    assert warmup._jobs[name].done.wait(seconds), f"the {name} job did not end"


def test_nothing_starts_before_the_port_and_the_model_follows_the_code(tmp_path, monkeypatch):
    ran: dict[str, float] = {}

    def slow_code() -> None:
        time.sleep(0.3)
        ran.setdefault("code", time.monotonic())

    monkeypatch.setattr(warmup, "_jobs", {})
    monkeypatch.setattr(warmup, "_load_index", lambda: ran.setdefault("index", time.monotonic()))
    monkeypatch.setattr(warmup, "_start_model", lambda _: ran.setdefault("model", time.monotonic()))
    port = free_port()

    warmup.start(tmp_path, ("127.0.0.1", port), slow_code)
    time.sleep(0.5)
    assert ran == {}  # nothing listens yet: no part has begun

    with socket.socket() as app:
        app.bind(("127.0.0.1", port))
        app.listen()
        opened = time.monotonic()
        for name in (warmup.CODE, warmup.INDEX, warmup.MODEL):
            wait_done(name)
    assert min(ran.values()) >= opened
    assert ran["model"] >= ran["code"]  # LangChain imported by one thread only


def test_a_port_that_never_answers_holds_nothing_back_forever() -> None:
    started = time.monotonic()
    warmup.wait_listening(("127.0.0.1", free_port()), seconds=0.3)
    assert time.monotonic() - started < 5


def test_no_address_means_no_wait() -> None:
    started = time.monotonic()
    warmup.wait_listening(None)
    assert time.monotonic() - started < 0.1
