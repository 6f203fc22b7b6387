"""Finding 4: local mode answers only its own names, its own pages and this launch's link.

Probes against the real app on loopback: a DNS-rebinding Host, a foreign Origin on the
socket, a request without the launch key, and `--host 0.0.0.0` without logins.
"""

from __future__ import annotations

import uuid

import httpx
import pytest
import socketio
from security_server import KEY, close, session_auth

from ftdesign.agent.cli import main


def test_a_rebinding_host_gets_no_token_and_no_threads(local_app):
    rebound = {"Host": "attacker-rebind.example", "Cookie": f"ftdesign_launch={KEY}"}
    with local_app.client() as client:
        for method, path in (("POST", "/auth/header"), ("POST", "/project/threads"), ("GET", "/")):
            answer = client.request(method, path, headers=rebound, json={})
            assert answer.status_code == 403, (path, answer.text)
            assert "attacker-rebind.example" in answer.text
            assert "access_token" not in answer.headers.get("set-cookie", "")


def test_without_the_launch_key_there_is_no_user(local_app):
    with local_app.client() as client:
        assert client.post("/auth/header").status_code == 401
        assert client.get("/ftdesign/open", params={"key": "guess"}).status_code == 403
        guessed = client.post("/auth/header", headers={"Cookie": "ftdesign_launch=guess"})
        assert guessed.status_code == 401


def test_the_launch_link_signs_in_the_local_user(local_app):
    with local_app.client() as client:
        opened = client.get("/ftdesign/open", params={"key": KEY})
        assert opened.status_code == 303 and opened.headers["location"] == "/"
        assert "HttpOnly" in opened.headers["set-cookie"]
        assert client.post("/auth/header").status_code == 200
        assert client.get("/user").json()["identifier"] == "local"


def test_a_socket_from_another_origin_is_refused(local_app):
    token = local_app.local_token()
    with pytest.raises(socketio.exceptions.ConnectionError):
        local_app.socket(token, session_auth(str(uuid.uuid4())), Origin="http://evil.example")
    own = local_app.socket(token, session_auth(str(uuid.uuid4())))
    assert own.connected
    close(own)


def test_a_state_changing_request_from_another_origin_is_refused(local_app):
    token = local_app.local_token()
    with local_app.client() as client:
        answer = client.post(
            "/project/threads",
            json={"pagination": {"first": 20}, "filter": {}},
            headers={"Origin": "http://evil.example", "Cookie": f"access_token={token}"},
        )
    assert answer.status_code == 403


def test_listening_beyond_loopback_needs_logins(tmp_path, capsys, monkeypatch):
    monkeypatch.delenv("FTDESIGN_UI_PASSWORD", raising=False)
    code = main(["ui", "--host", "0.0.0.0", "--port", "18999", "--project", str(tmp_path)])
    assert code == 2
    assert "no logins" in capsys.readouterr().err
    monkeypatch.setenv("FTDESIGN_UI_PASSWORD", "a shared secret")
    assert main(["ui", "--project", str(tmp_path), "--port", "18999"]) == 2
    assert "ftdesign users add" in capsys.readouterr().err


def test_the_edge_is_in_front_of_every_path(local_app):
    # httpx sends the Host it connects to: 127.0.0.1 is allowed, a raw IP of another name not.
    answer = httpx.get(f"{local_app.url}/health", headers={"Host": "192.168.0.9"})
    assert answer.status_code == 403
