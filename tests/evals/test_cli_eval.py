"""`ftdesign eval` argument checks and its plain-text progress bar (no model needed)."""

from __future__ import annotations

import io

import pytest
from eval_fakes import copy_project

from ftdesign.agent.cli import main
from ftdesign.agent.cli.evaluation import ProgressBar
from ftdesign.evals.progress import Progress


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["--scenarios", "0"], "scenarios is 0"),
        (["--turns", "-1"], "turns is -1"),
        (["--model", "/nonexistent/model.gguf"], "--model /nonexistent/model.gguf: no such file"),
        (["--judge", "/nonexistent/judge.gguf"], "--judge /nonexistent/judge.gguf: no such file"),
    ],
)
def test_bad_arguments_exit_2_with_a_fix_before_any_model_call(tmp_path, capsys, argv, message):
    project = copy_project(tmp_path / "coaching")
    assert main(["eval", "--project", str(project), *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and "fix:" in err
    assert not (project / ".ftdesign" / "eval").exists()


def test_missing_artifacts_are_named(tmp_path, capsys):
    project = copy_project(tmp_path / "coaching")
    (project / "config" / "rubric.yaml").unlink()
    assert main(["eval", "--project", str(project)]) == 2
    assert "config/rubric.yaml" in capsys.readouterr().err


def test_progress_bar_writes_one_line_per_step_when_not_a_terminal():
    stream = io.StringIO()
    bar = ProgressBar(stream)
    bar(Progress("conversations", 0, 4))
    bar(Progress("conversations", 2, 4, "s002"))
    bar(Progress("conversations", 4, 4, "s004"))
    lines = stream.getvalue().splitlines()
    assert len(lines) == 3
    assert lines[1].startswith("conversations") and "2/4 s002" in lines[1]
    assert "[" + "#" * 14 + "-" * 14 + "]" in lines[1]
    assert "#" * 28 in lines[2]


def test_validator_errors_stop_the_evaluation_before_any_model(tmp_path, capsys):
    project = copy_project(tmp_path / "coaching")
    taxonomy = project / "config" / "input-taxonomy.yaml"
    text = taxonomy.read_text(encoding="utf-8")
    broken = text.replace("weight:", "weight: 0.9 #", 1)
    assert broken != text
    taxonomy.write_text(broken, encoding="utf-8")
    assert main(["eval", "--project", str(project)]) == 2
    err = capsys.readouterr().err
    assert "no model was started" in err and "input-taxonomy.yaml" in err and "fix:" in err
    assert not (project / ".ftdesign" / "eval").exists()


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_bar_on_a_terminal_shows_every_stage_under_way():
    stream = Terminal()
    bar = ProgressBar(stream)
    bar(Progress("calibration", 3, 63, "UND1"))
    bar(Progress("conversations", 1, 20, "s001"))
    assert stream.getvalue().split("\r")[-1].strip() == "calibration 3/63 | conversations 1/20"
    bar(Progress("calibration", 63, 63))  # a finished stage keeps its own line
    bar(Progress("conversations", 2, 20, "s002"))
    last = stream.getvalue().split("\r")[-1]
    assert last.startswith("conversations") and "2/20 s002" in last and "calibration" not in last
    assert "[" + "#" * 28 + "] 63/63" in stream.getvalue()
