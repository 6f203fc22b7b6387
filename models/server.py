"""Local llama.cpp servers: the embedded SmolLM2 and any other GGUF a role points at.

Each GGUF is served by llama-cpp-python's OpenAI-compatible server
(`python -m llama_cpp.server`) in a child process on a free 127.0.0.1 port. It is
started on first use, reused by later calls with the same name and file, and stopped
at interpreter exit (terminate, then kill); on Linux the kernel also ends it if this
process dies without atexit. Each role names its own server by default: a server
caches one prompt's prefix, so roles sharing one evict each other's (issue 16). Each
server gets a random API key (passed in its environment, not on its command line where
`ps` shows it), so other local users and web pages cannot use it.

`--logits_all False` matters: the server's default keeps fp32 logits for every
context position, n_ctx x vocab x 4 bytes (1.6 GB for SmolLM2 at 8K, 8.6 GB for
Gemma 3), which we never use.
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ftdesign.models.embedded import embedded_gguf_path
from ftdesign.tools.errors import FtdesignError

STARTUP_TIMEOUT = 120.0
__all__ = [
    "LocalServer",
    "embedded_gguf_path",
    "ensure_server",
    "shutdown_servers",
    "start_server",
    "stop_server",
]


@dataclass
class LocalServer:
    gguf: Path
    process: subprocess.Popen[bytes]
    base_url: str  # ends in /v1, as OpenAI clients expect
    model: str
    log: IO[bytes]
    api_key: str = ""  # random per server; clients send it as a Bearer token

    @property
    def port(self) -> int:
        return urllib.parse.urlsplit(self.base_url).port or 0  # base_url is built with a port


_servers: dict[tuple[str, Path], LocalServer] = {}
_lock = threading.Lock()
_spawner = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ftdesign-llama-spawner")


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@functools.cache
def _die_with_parent() -> Any:
    """prctl(PR_SET_PDEATHSIG, SIGTERM), resolved here in the parent: loading a library
    between fork and exec can deadlock a multithreaded process, so the child only calls."""
    import ctypes
    import signal

    return functools.partial(ctypes.CDLL("libc.so.6", use_errno=True).prctl, 1, signal.SIGTERM)


def default_threads() -> int:
    """Half the cores, as llama.cpp itself defaults: measured here (2 cores, busy machine),
    2 threads ran at 0.9 tok/s and 1 thread at 9.3, since llama.cpp's threads spin-wait
    on each other and collapse when the cores are shared."""
    return max((os.cpu_count() or 2) // 2, 1)


def _spawn(command: list[str], log: IO[bytes], key: str = "") -> subprocess.Popen[bytes]:
    """Start a server from the spawner thread, which lives as long as this process: the
    kernel sends the parent-death signal when the *thread* that forked the child ends, and
    callers may be short-lived workers (asyncio.to_thread keeps the event loop free)."""
    return _spawner.submit(
        subprocess.Popen,
        command,
        stdin=subprocess.DEVNULL,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "API_KEY": key} if key else None,  # llama_cpp.server reads it
        preexec_fn=_die_with_parent() if sys.platform == "linux" else None,  # noqa: PLW1509
    ).result()


def ensure_server(
    gguf: Path, n_ctx: int = 8192, n_threads: int | None = None, name: str = "shared"
) -> LocalServer:
    """The running server `name` for `gguf` (started if needed), or FtdesignError. The first
    call for a name and file decides its context size and threads; later calls reuse it."""
    from ftdesign.tools.gguf_facts import inspect_gguf

    key = (name, gguf.resolve())
    with _lock:
        server = _servers.get(key)
        if server is not None and server.process.poll() is None:
            return server
        facts = inspect_gguf(key[1])  # a clear message for a missing or non-GGUF file
        context = min(n_ctx, facts.context_length or n_ctx)
        server = start_server(key[1], context, n_threads or default_threads())
        _servers[key] = server
        return server


def _server_command(
    gguf: Path, port: int, n_ctx: int, n_threads: int, verbose: bool = False
) -> list[str]:
    """The llama_cpp.server command line for one GGUF on a loopback port."""
    threads = str(n_threads)
    return [sys.executable, "-m", "llama_cpp.server", "--model", str(gguf),
            "--model_alias", gguf.stem, "--host", "127.0.0.1", "--port", str(port),
            "--n_ctx", str(n_ctx), "--n_threads", threads, "--n_threads_batch", threads,
            "--verbose", str(verbose), "--interrupt_requests", "False",
            "--logits_all", "False"]  # fmt: skip


def start_server(
    gguf: Path,
    n_ctx: int,
    n_threads: int,
    log: IO[bytes] | None = None,
    verbose: bool = False,
    port: int | None = None,
) -> LocalServer:
    """A new server for `gguf` on `port` (a free loopback port by default), ready to answer;
    its output goes to `log` (opened for reading too), a temporary file by default."""
    port = port or _free_port()
    log = log or tempfile.TemporaryFile(prefix="ftdesign-llama-")
    key = secrets.token_urlsafe(24)
    process = _spawn(_server_command(gguf, port, n_ctx, n_threads, verbose), log, key)
    server = LocalServer(gguf, process, f"http://127.0.0.1:{port}/v1", gguf.stem, log, key)
    _wait_ready(server)
    return server


def _wait_ready(server: LocalServer) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT
    while time.monotonic() < deadline:
        if server.process.poll() is not None:
            break
        try:
            request = urllib.request.Request(
                server.base_url + "/models", headers={"Authorization": f"Bearer {server.api_key}"}
            )
            with urllib.request.urlopen(request, timeout=2) as response:
                if json.load(response).get("data"):
                    return
        except (OSError, ValueError):
            time.sleep(0.2)
    stop_server(server)
    server.log.seek(0)
    tail = server.log.read().decode("utf-8", errors="replace").strip().splitlines()[-5:]
    raise FtdesignError(
        f"{server.gguf}: the local llama.cpp server did not start at {server.base_url}"
        + (":\n    " + "\n    ".join(tail) if tail else "."),
        hint="check the GGUF loads with llama.cpp and that llama-cpp-python[server] is installed",
    )


def stop_server(server: LocalServer) -> None:
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(timeout=5)


@atexit.register
def shutdown_servers() -> None:
    """Stop every server this process started (also safe to call early, e.g. in tests)."""
    with _lock:
        for server in _servers.values():
            stop_server(server)
            server.log.close()
        _servers.clear()
