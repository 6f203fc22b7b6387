"""Also seen: local llama.cpp servers answer only with their own random key (not on the
command line), and the parent-death hook is resolved before fork, not in the child."""

from __future__ import annotations

import functools
import json
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from ftdesign.models import complete, embedded_gguf_path, ensure_server
from ftdesign.models.server import _die_with_parent


def get_models(url: str, key: str | None) -> int:
    headers = {"Authorization": f"Bearer {key}"} if key else {}
    request = urllib.request.Request(url + "/models", headers=headers)
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status if json.load(response).get("data") else 0
    except urllib.error.HTTPError as error:
        return error.code


@pytest.mark.slow
def test_a_local_server_refuses_callers_without_its_key():
    server = ensure_server(embedded_gguf_path())
    assert len(server.api_key) >= 24
    assert get_models(server.base_url, None) == 401  # another local user, a rebinding page
    assert get_models(server.base_url, "not-needed") == 401  # the old shared placeholder
    assert get_models(server.base_url, server.api_key) == 200
    command_line = Path(f"/proc/{server.process.pid}/cmdline").read_bytes()
    assert server.api_key.encode() not in command_line  # `ps` shows command lines to all
    assert complete("agent", "Say hi.", max_tokens=4).completion_tokens > 0  # we still can


def test_the_parent_death_hook_is_resolved_before_fork():
    hook = _die_with_parent()
    assert isinstance(hook, functools.partial) and hook.args[0] == 1  # PR_SET_PDEATHSIG
    assert _die_with_parent() is hook  # resolved once, in this (the parent) process
