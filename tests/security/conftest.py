"""Fixtures: the real app on loopback (see security_server.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from security_server import Server


@pytest.fixture(scope="session")  # one server for every probe of local mode
def local_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    server = Server(tmp_path_factory.mktemp("local") / "project")
    yield server
    server.stop()
