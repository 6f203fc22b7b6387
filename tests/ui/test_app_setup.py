"""`ftdesign ui`'s setup: the command, the app folder in the project, and who may log in."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import sys
import tomllib

import pytest

from ftdesign.agent.cli import build_parser
from ftdesign.agent.ui import auth
from ftdesign.agent.ui.command import check_port
from ftdesign.agent.ui.launch import prepare_root
from ftdesign.tools.errors import FtdesignError


def test_ui_command_defaults_to_localhost():
    args = build_parser().parse_args(["ui", "--project", "p", "--headless"])
    assert (args.host, args.port, args.headless) == ("127.0.0.1", 8000, True)
    assert args.handler.__name__ == "ui_command"


def test_a_taken_port_is_refused_with_a_fix():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        with pytest.raises(FtdesignError, match=f"choose another port, e.g. --port {port + 1}"):
            check_port("127.0.0.1", port)
    with pytest.raises(FtdesignError, match="not a valid port"):
        check_port("127.0.0.1", 70000)


def test_app_folder_lives_in_the_project_with_our_settings(tmp_path):
    root = prepare_root(tmp_path, "127.0.0.1", 8123)
    assert root == tmp_path / ".ftdesign" / "ui"
    assert "seven gates" in (root / "chainlit.md").read_text(encoding="utf-8")
    settings = tomllib.loads((root / ".chainlit" / "config.toml").read_text(encoding="utf-8"))
    assert settings["UI"]["name"] == "ftdesign"
    assert settings["features"]["edit_message"] is False
    assert "http://127.0.0.1:8123" in settings["project"]["allow_origins"]
    assert "*" not in settings["project"]["allow_origins"]  # other sites may not call in
    shared = prepare_root(tmp_path, "0.0.0.0", 8123, ("design.example",)) / ".chainlit"
    origins = tomllib.loads((shared / "config.toml").read_text(encoding="utf-8"))["project"]
    assert "https://design.example" in origins["allow_origins"]  # its own name, never "*"
    assert "*" not in origins["allow_origins"]
    assert settings["meta"]["generated_by"] > "0.3.0"  # Chainlit refuses older files
    assert json.loads((root / "public" / "theme.json").read_text()) == {"custom_fonts": []}
    assert {p.name for p in (root / "public" / "elements").iterdir()} >= {
        "DraftEditor.jsx",
        "ExampleEditor.jsx",
    }


def test_local_user_with_the_launch_key_and_password_login_with_a_users_file(tmp_path, monkeypatch):
    from ftdesign.agent.ui import users

    monkeypatch.setenv("FTDESIGN_PROJECT", str(tmp_path))
    monkeypatch.setenv(auth.LAUNCH_KEY_ENV, "this-launch")
    assert not auth.password_required()
    assert auth.local_identity({}) is None  # no key, no user
    assert auth.local_identity({"cookie": f"{auth.LAUNCH_COOKIE}=guess"}) is None
    local = auth.local_identity({"cookie": f"a=b; {auth.LAUNCH_COOKIE}=this-launch"})
    assert local["identifier"] == "local"
    assert auth.password_identity("ana", "anything") is None
    users.add(tmp_path, "ana", "a long passphrase")
    assert auth.password_required()
    assert auth.password_identity(" ana ", "a long passphrase")["identifier"] == "ana"
    assert auth.password_identity("ana", "wrong") is None
    assert auth.password_identity("local", "a long passphrase") is None


def test_signing_secret_is_generated_once_and_private(tmp_path, monkeypatch):
    monkeypatch.delenv(auth.SECRET_ENV, raising=False)
    first = auth.ensure_secret(tmp_path)
    assert len(first) >= 48 and auth.ensure_secret(tmp_path) == first
    assert stat.S_IMODE((tmp_path / "auth-secret").stat().st_mode) == 0o600
    monkeypatch.setenv(auth.SECRET_ENV, "given")
    assert auth.ensure_secret(tmp_path) == "given"


ENTRY_POINT_CHECK = """
import chainlit.data
from chainlit.config import config
import ftdesign.agent.ui.app as app
for hook in ("on_chat_start", "on_chat_resume", "on_message", "data_layer"):
    assert getattr(config.code, hook) is not None, hook
assert config.code.header_auth_callback is not None  # signed in without a login page
assert set(app.GATE_BUTTONS) | set(app.WORKSHOP_BUTTONS) <= set(config.code.action_callbacks)
assert chainlit.data._data_layer is None  # nothing built at import: no store, no session
import sys
# The first page waits only for Chainlit: the callbacks' code comes after the app listens.
heavy = {"langgraph", "langchain_openai", "openai", "chromadb", "ftdesign.agent.ui.chat",
         "ftdesign.agent.ui.store", "sqlalchemy"}
assert not heavy & set(sys.modules), sorted(heavy & set(sys.modules))
"""


def test_the_entry_point_only_wires_callbacks(tmp_path):
    # A fresh interpreter: the app module registers its callbacks once per process, and
    # another test may already have imported it for a project with a users file.
    env = {k: v for k, v in os.environ.items() if not k.startswith("FTDESIGN_")}
    env["FTDESIGN_PROJECT"] = str(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", ENTRY_POINT_CHECK], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr[-2000:]
