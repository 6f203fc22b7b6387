"""The team path: the same build and search against a real local Chroma server (HttpClient)."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from ftdesign import knowledge
from ftdesign.tools.errors import FtdesignError


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def chroma_url(tmp_path: Path) -> Iterator[str]:
    """A `chroma run` server on a free loopback port, stopped after the test."""
    binary = Path(sys.executable).parent / "chroma"
    if not binary.is_file():
        pytest.skip("the chroma server binary is not installed next to this Python")
    port = _free_port()
    server = subprocess.Popen(
        [
            str(binary),
            "run",
            "--path",
            str(tmp_path / "server"),
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", port)) == 0:
                    break
            time.sleep(0.2)
        else:
            pytest.fail("chroma server did not start within 60 s")
        yield f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_build_and_search_through_a_chroma_server(
    chroma_url: str, guide_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FTDESIGN_CHROMA_URL", chroma_url)
    first = knowledge.build(guides_dir=guide_copy)
    assert first.location == chroma_url and first.added == first.total > 0
    assert not knowledge.build(guides_dir=guide_copy).changed
    hits = knowledge.search("how many calibration examples", gate="rubric", guides_dir=guide_copy)
    assert hits and hits[0].source == "guides/rubric.md"


def test_unreachable_server_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FTDESIGN_CHROMA_URL", f"http://127.0.0.1:{_free_port()}")
    with pytest.raises(FtdesignError, match="cannot open the knowledge store at http://127"):
        knowledge.build()
