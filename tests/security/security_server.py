"""A real app server on loopback for the security probes, and a browser-like client.

The probes talk to it as the review did: plain HTTP requests and Socket.IO connections
with hand-written headers and auth payloads, no browser in between.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
import socketio

SERVE = Path(__file__).with_name("serve_app.py")
KEY = "launch-key-for-the-security-tests"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class Server:
    def __init__(self, project: Path, **env: str) -> None:
        self.project, self.port = project, free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = project.parent / f"server-{self.port}.log"
        project.mkdir(parents=True, exist_ok=True)
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(
                [sys.executable, str(SERVE), str(project), str(self.port)],
                stdout=log,
                stderr=subprocess.STDOUT,
                env={**os.environ, "FTDESIGN_UI_KEY": KEY, **env},
            )
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"the app exited: {self.log.read_text(errors='replace')[-2000:]}")
            try:
                if httpx.get(f"{self.url}/health", timeout=2).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.3)
        pytest.fail("the app did not answer within 90 s")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.url, timeout=10, follow_redirects=False)

    def local_token(self) -> str:
        """Sign in the way local mode does: the launch link, then Chainlit's header auth."""
        with self.client() as client:
            opened = client.get("/ftdesign/open", params={"key": KEY})
            assert opened.status_code == 303, opened.text
            answer = client.post("/auth/header")
            assert answer.status_code == 200, answer.text
            return client.cookies["access_token"]

    def login(self, name: str, password: str) -> httpx.Response:
        with self.client() as client:
            return client.post("/login", data={"username": name, "password": password})

    def socket(self, token: str | None, auth: dict, **headers: str) -> socketio.Client:
        """A connected Socket.IO client; raises socketio.exceptions.ConnectionError if refused."""
        sio = socketio.Client(reconnection=False)
        cookie = {"Cookie": f"access_token={token}"} if token else {}
        try:
            sio.connect(
                self.url,
                socketio_path="/ws/socket.io",
                transports=["polling"],  # the same handshake and checks
                auth=auth,
                headers={**cookie, "Origin": self.url, **headers},
                wait_timeout=10,
            )
        except socketio.exceptions.ConnectionError:
            close(sio)
            raise
        return sio


def close(sio: socketio.Client) -> None:
    """Drop the connection at once (a polite disconnect waits out a 25 s long poll)."""
    sio.eio.disconnect(abort=True)


def session_auth(session_id: str, thread_id: str | None = None) -> dict:
    return {
        "sessionId": session_id,
        "threadId": thread_id or "",  # what Chainlit's page sends for a new chat
        "clientType": "webapp",
        "userEnv": "{}",
        "chatProfile": None,
    }
