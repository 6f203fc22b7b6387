"""A second llama.cpp server started by the tests, as a user would run one by hand."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator

import pytest

SECOND_KEY = "test-key-for-the-second-server"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def second_server(tmp_path_factory, smollm2_gguf) -> Iterator[dict[str, str]]:
    """A separate llama_cpp.server (SmolLM2, with an API key); yields url, model, key.

    SmolLM2 rather than Gemma 3 270M: that build is a base model without a chat
    template, and grammar sampling over its 262K vocabulary runs at ~2 tok/s here.
    """
    gguf, port = smollm2_gguf, _free_port()
    log = (tmp_path_factory.mktemp("server") / "server.log").open("wb")
    process = subprocess.Popen(
        [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf),
         "--model_alias", "second-test", "--host", "127.0.0.1", "--port", str(port),
         "--n_ctx", "4096", "--api_key", SECOND_KEY, "--verbose", "False",
         "--logits_all", "False", "--n_threads", "1", "--n_threads_batch", "1"],
        stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}/v1"
    auth = {"Authorization": f"Bearer {SECOND_KEY}"}
    request = urllib.request.Request(url + "/models", headers=auth)
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and process.poll() is None:
        try:
            with urllib.request.urlopen(request, timeout=2) as response:
                if json.load(response).get("data"):
                    break
        except OSError:
            time.sleep(0.3)
    else:
        process.kill()
        pytest.fail(f"second llama.cpp server did not start; see {log.name}")
    yield {"url": url, "model": "second-test", "key": SECOND_KEY}
    process.terminate()
    process.wait(timeout=10)
    log.close()
