"""The warm-up's order: the model's server starts at once, the imports wait for the app's port.

A background import shares the interpreter lock with Chainlit's own start, so the guide index
and the chat's code begin only once the port answers. The heavy parts are replaced by
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


def test_imports_wait_for_the_port_and_the_model_does_not(tmp_path, monkeypatch) -> None:
    ran: dict[str, float] = {}
    monkeypatch.setattr(warmup, "_jobs", {})
    monkeypatch.setattr(warmup, "_load_index", lambda: ran.setdefault("index", time.monotonic()))
    monkeypatch.setattr(warmup, "_start_model", lambda _: ran.setdefault("model", time.monotonic()))
    port = free_port()

    warmup.start(tmp_path, ("127.0.0.1", port), lambda: ran.setdefault("code", time.monotonic()))
    wait_done(warmup.MODEL)
    time.sleep(0.5)
    assert set(ran) == {"model"}  # nothing listens yet: the imports have not begun

    with socket.socket() as app:
        app.bind(("127.0.0.1", port))
        app.listen()
        opened = time.monotonic()
        wait_done(warmup.INDEX)
        wait_done(warmup.CODE)
    assert ran["index"] >= opened and ran["code"] >= opened


def test_a_port_that_never_answers_holds_nothing_back_forever() -> None:
    started = time.monotonic()
    warmup.wait_listening(("127.0.0.1", free_port()), seconds=0.3)
    assert time.monotonic() - started < 5


def test_no_address_means_no_wait() -> None:
    started = time.monotonic()
    warmup.wait_listening(None)
    assert time.monotonic() - started < 0.1
