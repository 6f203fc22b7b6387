"""Finding 5: each person signs in with their own credentials, and a token is worth no more.

A real app with a users file (salted scrypt hashes, `ftdesign users add`): names without a
credential, `local` and guesses are refused; guessing is throttled; a token stops working
when its person's password changes or they are removed; tokens last a working day.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator

import jwt
import pytest
from security_server import Server

from ftdesign.agent.cli import main
from ftdesign.agent.ui import users
from ftdesign.tools.errors import FtdesignError

PASSWORDS = {"ana": "ana's long passphrase", "bob": "bob's long passphrase", "eve": "x" * 12}


@pytest.fixture(scope="module")
def shared_app(tmp_path_factory) -> Iterator[Server]:
    project = tmp_path_factory.mktemp("shared") / "project"
    for name, password in PASSWORDS.items():
        users.add(project, name, password)
    server = Server(project)
    yield server
    server.stop()


def test_the_users_file_holds_salted_hashes_only(shared_app):
    path = users.users_path(shared_app.project)
    text = path.read_text()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert not any(password in text for password in PASSWORDS.values())
    entries = users.load(shared_app.project)
    assert entries["ana"]["salt"] != entries["bob"]["salt"]


def test_only_a_person_with_their_own_password_signs_in(shared_app):
    assert shared_app.login("ana", PASSWORDS["ana"]).status_code == 200
    assert shared_app.login("ana", PASSWORDS["bob"]).status_code == 401
    assert shared_app.login("alice", PASSWORDS["ana"]).status_code == 401  # no self-chosen names
    assert shared_app.login("local", PASSWORDS["ana"]).status_code == 401
    with shared_app.client() as client:  # no always-yes header login in shared mode
        assert client.post("/auth/header").status_code in (400, 401)


def test_guessing_is_throttled(shared_app):
    answers = [shared_app.login("eve", f"guess {n}").status_code for n in range(6)]
    assert answers == [401] * 6
    assert shared_app.login("eve", PASSWORDS["eve"]).status_code == 401  # locked for a while
    assert shared_app.login("bob", PASSWORDS["bob"]).status_code == 200  # others are not


def test_a_password_change_signs_the_person_out(shared_app):
    with shared_app.client() as client:
        signed = client.post("/login", data={"username": "ana", "password": PASSWORDS["ana"]})
        assert signed.status_code == 200
        assert client.get("/user").json()["identifier"] == "ana"
        users.add(shared_app.project, "ana", "ana's new passphrase")
        assert client.get("/user").status_code == 401
    assert shared_app.login("ana", "ana's new passphrase").status_code == 200


def test_a_removed_person_is_signed_out(shared_app):
    with shared_app.client() as client:
        client.post("/login", data={"username": "bob", "password": PASSWORDS["bob"]})
        assert client.get("/user").status_code == 200
        users.remove(shared_app.project, "bob")
        assert client.get("/user").status_code == 401


def test_tokens_last_a_working_day(shared_app):
    answer = shared_app.login("ana", "ana's new passphrase")
    token = answer.cookies["access_token"]
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["exp"] - claims["iat"] <= 8 * 3600
    assert claims["metadata"]["credential"]  # bound to the credential it was issued for


@pytest.mark.parametrize(
    ("name", "password"),
    [
        ("local", "a long password"),
        ("Ana B", "a long password"),
        ("ana", " " * 20),
        ("ana", "short"),
    ],
)
def test_bad_names_and_passwords_are_refused(tmp_path, name, password):
    with pytest.raises(FtdesignError):
        users.add(tmp_path, name, password)
    assert not users.shared_mode(tmp_path)


def test_users_command_adds_lists_and_removes(tmp_path, capsys, monkeypatch):
    import io

    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
    assert main(["users", "add", "cara", "--project", str(tmp_path), "--password-stdin"]) == 0
    assert main(["users", "list", "--project", str(tmp_path)]) == 0
    assert "cara" in capsys.readouterr().out
    assert users.verify(tmp_path, "cara", "a long enough password")
    assert main(["users", "remove", "cara", "--project", str(tmp_path)]) == 0
    assert main(["users", "remove", "cara", "--project", str(tmp_path)]) == 2
    assert os.path.exists(users.users_path(tmp_path))
