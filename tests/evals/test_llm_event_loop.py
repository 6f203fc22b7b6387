"""Connecting to a model never freezes the event loop the browser app serves every chat on.

The endpoint below answers its probe only after a coroutine on the caller's event loop has
run. Were the probe made on the loop's own thread, that coroutine could not run, the probe
would time out and the backend would be guessed as "openai".
"""

from __future__ import annotations

import asyncio
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from ftdesign.models.client import arole_endpoint

LOOP_RAN = threading.Event()


class AnswersOnceTheLoopRan(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 - the http.server hook
        LOOP_RAN.wait(timeout=30)
        body = json.dumps({"data": [{"id": "m", "owned_by": "llamacpp"}]}).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def endpoint() -> Iterator[str]:
    LOOP_RAN.clear()
    server = ThreadingHTTPServer(("127.0.0.1", 0), AnswersOnceTheLoopRan)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


async def _connect_while_the_loop_runs(url: str) -> str:
    async def other_chat() -> None:
        LOOP_RAN.set()

    running = asyncio.create_task(other_chat())
    end = await arole_endpoint("agent", None, base_url=url, model="m")
    await running
    return end.backend


def test_probing_an_endpoint_leaves_the_event_loop_free(endpoint: str) -> None:
    assert asyncio.run(_connect_while_the_loop_runs(endpoint)) == "llama.cpp"
