"""`ftdesign run` argument handling that needs no model: clear messages, exit code 2."""

from __future__ import annotations

from pathlib import Path

import pytest

from ftdesign.agent.cli import main
from ftdesign.agent.cli.session import _has_module, load_answers
from ftdesign.tools.errors import FtdesignError


def test_a_new_session_needs_a_domain(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["run", "--project", str(tmp_path / "p")]) == 2
    assert "needs --domain" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("approve", "must be a list"),
        ("- [unclosed", "not valid YAML"),
        ("- 3", "must be a list"),
    ],
)
def test_bad_answers_files_are_named(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "answers.yaml"
    path.write_text(content)
    with pytest.raises(FtdesignError, match=message) as error:
        load_answers(path)
    assert str(path) in str(error.value)


def test_answers_accept_text_and_buttons(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text('["approve", {"action": "skip", "text": "later"}]')
    assert load_answers(path) == ["approve", {"action": "skip", "text": "later"}]


def test_ui_command_is_registered_only_when_its_module_exists() -> None:
    assert not _has_module("ftdesign.agent.no_such_ui.command")
    assert _has_module("ftdesign.agent.cli.session")
