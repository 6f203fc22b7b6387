"""`ftdesign status` and `validate --complete`: done means every piece of evidence is there."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from ftdesign.agent.cli import main
from ftdesign.tools.artifacts import ARTIFACTS
from ftdesign.tools.schemas.documents import REQUIRED_SECTIONS

DOMAIN = Path(__file__).resolve().parents[2] / "knowledge" / "domains" / "coaching"
RESULTS = ARTIFACTS["eval_results"].path


def _report() -> str:
    body = {"Decision": "Pass rate band: **fine-tune**. 55% of 20 scenarios passed."}
    parts = ["# Base model evaluation", ""]
    for heading in REQUIRED_SECTIONS["eval_results"]:
        parts += [f"## {heading}", "", body.get(heading, f"{heading} as measured."), ""]
    return "\n".join(parts)


@pytest.fixture
def complete(tmp_path: Path) -> Path:
    project = tmp_path / "coaching"
    shutil.copytree(DOMAIN, project)
    (project / RESULTS).write_text(_report(), encoding="utf-8")
    return project


def status(capsys: pytest.CaptureFixture[str], project: Path) -> tuple[int, str, int]:
    code = main(["status", "--project", str(project)])
    out = capsys.readouterr().out
    strict = main(["validate", "--complete", str(project)])
    capsys.readouterr()
    return code, out, strict


def test_a_complete_project(complete: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, strict = status(capsys, complete)
    assert code == 0 and strict == 0
    assert "- [ ]" not in out and "10 of 10 done: complete." in out


@pytest.mark.parametrize("kind", list(ARTIFACTS))
def test_each_missing_file_is_named_with_its_gate(
    complete: Path, capsys: pytest.CaptureFixture[str], kind: str
) -> None:
    artifact = ARTIFACTS[kind]
    (complete / artifact.path).unlink()
    code, out, strict = status(capsys, complete)
    assert code == 0 and strict == 1
    assert f"- [ ] {artifact.path} exists\n  - fix: approve the {artifact.gate} gate" in out


def test_placeholders_are_open_lines(complete: Path, capsys: pytest.CaptureFixture[str]) -> None:
    choice = complete / "model-choice.md"
    choice.write_text(choice.read_text() + "\nSpeed on the phone: TBD\n", encoding="utf-8")
    tradeoffs = "## Tradeoffs\n"
    text = choice.read_text()
    start = text.index(tradeoffs) + len(tradeoffs)
    choice.write_text(text[:start] + "\n" + text[text.index("\n## ", start) :], encoding="utf-8")
    code, out, strict = status(capsys, complete)
    assert strict == 1
    assert "- [ ] model-choice.md has no placeholders (found: TBD, ## Tradeoffs)" in out


def test_an_unavailable_baseline_is_not_done(capsys: pytest.CaptureFixture[str], tmp_path) -> None:
    project = tmp_path / "coaching"
    shutil.copytree(DOMAIN, project)  # the worked domain's baseline says it did not run
    _, out, strict = status(capsys, project)
    assert strict == 1 and "found: evaluation unavailable" in out
    assert "- [ ] baseline measured with a decision\n  - fix: run `ftdesign eval" in out


def test_a_skipped_baseline_with_a_logged_reason_is_done(
    complete: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (complete / RESULTS).unlink()
    log = complete / ".ftdesign" / "decisions.jsonl"
    log.parent.mkdir()
    record = {"gate": "baseline_eval", "decision": "skipped", "rationale": "run on the GPU box"}
    log.write_text(json.dumps(record) + "\n", encoding="utf-8")
    code, out, strict = status(capsys, complete)
    assert strict == 0, out
    assert "- [x] baseline skipped with a logged reason: run on the GPU box" in out
    record["rationale"] = ""
    log.write_text(json.dumps(record) + "\n", encoding="utf-8")
    assert status(capsys, complete)[2] == 1  # a skip without a reason does not count
