"""`ftdesign init | validate | schema | history | restore` through the CLI entry point."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml

from ftdesign.agent.cli import main
from ftdesign.tools.artifacts import ARTIFACTS
from ftdesign.tools.project_files import write_artifact

REPO = Path(__file__).resolve().parents[2]
THERAPY_TAXONOMY = REPO.parent / "shared" / "reference" / "therapy-coach" / "input-taxonomy.yaml"
FINDING_KEYS = {"file", "severity", "code", "location", "message", "kind"}


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def project(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    folder = tmp_path / "project"
    code, _, err = run(capsys, "init", str(folder), "--domain", "coaching")
    assert code == 0, err
    return folder


def test_init_copies_a_domain_that_passes_validation(project: Path, capsys) -> None:
    assert all((project / a.path).is_file() for a in ARTIFACTS.values())
    code, out, _ = run(capsys, "validate", str(project), "--json")
    assert code == 0
    assert [f for f in json.loads(out) if f["severity"] == "error"] == []


def test_init_never_overwrites(project: Path, capsys) -> None:
    rubric = project / "config" / "rubric.yaml"
    rubric.write_text("# mine\n", encoding="utf-8")
    code, _, err = run(capsys, "init", str(project))
    assert code == 2 and "never overwrites" in err and "Traceback" not in err
    assert rubric.read_text() == "# mine\n"


def test_init_unknown_domain(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "init", str(tmp_path / "p"), "--domain", "astrology")
    assert code == 2 and "astrology" in err


@pytest.mark.skipif(not THERAPY_TAXONOMY.is_file(), reason="reference data not present")
def test_validate_json_shape_and_exit_code_for_errors(capsys) -> None:
    code, out, _ = run(capsys, "validate", str(THERAPY_TAXONOMY), "--json")
    findings = json.loads(out)
    assert code == 1
    assert [f["code"] for f in findings] == ["weights.sum"]
    assert set(findings[0]) == FINDING_KEYS
    assert findings[0]["location"] == {"path": "taxonomy.topics", "line": 13}


@pytest.mark.skipif(not THERAPY_TAXONOMY.is_file(), reason="reference data not present")
def test_validate_human_output_groups_by_file_with_lines(capsys) -> None:
    code, out, _ = run(capsys, "validate", str(THERAPY_TAXONOMY))
    lines = out.splitlines()
    assert code == 1 and lines[0] == str(THERAPY_TAXONOMY)
    assert lines[1].split()[:4] == ["line", "13", "error", "weights.sum"]
    assert lines[-1].startswith("FAILED: 1 error")


def test_validate_kind_flag_and_clean_file(tmp_path: Path, capsys) -> None:
    draft = tmp_path / "draft.txt"
    draft.write_text("You are a calm, brief coach.\n", encoding="utf-8")
    code, out, _ = run(capsys, "validate", str(draft), "--kind", "system_prompt", "--json")
    assert code == 0 and [f["code"] for f in json.loads(out)] == ["prompt.system_tokens"]


@pytest.mark.parametrize(
    ("name", "content"), [("notes.txt", b"hello"), ("missing/rubric.yaml", None)]
)
def test_validate_exit_2_when_it_cannot_run(tmp_path: Path, capsys, name: str, content) -> None:
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    code, out, err = run(capsys, "validate", str(path))
    assert code == 2 and out == "" and err.startswith("ftdesign: ") and "Traceback" not in err


def test_validate_hostile_file_is_a_finding_not_a_crash(tmp_path: Path, capsys) -> None:
    path = tmp_path / "rubric.yaml"
    path.write_bytes(b"\xff\xfe\x00junk\x00\x01\x02" * 100)
    code, out, _ = run(capsys, "validate", str(path), "--json")
    assert code == 1 and json.loads(out)[0]["severity"] == "error"


def test_validate_runs_as_a_console_script(tmp_path: Path) -> None:
    bad = tmp_path / "rubric.yaml"
    bad.write_text("categories: [a, b]\n", encoding="utf-8")
    script = "import sys; from ftdesign.agent.cli import main; sys.exit(main(sys.argv[1:]))"
    result = subprocess.run(
        [sys.executable, "-c", script, "validate", str(bad), "--json"],
        capture_output=True, text=True, cwd=REPO, timeout=120,
    )  # fmt: skip
    assert result.returncode == 1, result.stderr
    assert {f["code"] for f in json.loads(result.stdout)} >= {"schema.wrong_type"}


@pytest.mark.skipif(not THERAPY_TAXONOMY.is_file(), reason="reference data not present")
def test_schema_command_prints_a_schema_the_reference_satisfies(capsys) -> None:
    code, out, _ = run(capsys, "schema", "taxonomy")
    assert code == 0
    jsonschema.validate(yaml.safe_load(THERAPY_TAXONOMY.read_text()), json.loads(out))


def test_history_and_restore(project: Path, capsys) -> None:
    relpath = ARTIFACTS["system_prompt"].path
    original = (project / relpath).read_text()
    write_artifact(project, relpath, "You are terse.\n")
    code, out, _ = run(capsys, "history", str(project), "system_prompt")
    version = out.splitlines()[1].split()[0]
    assert code == 0 and "1 earlier version" in out
    code, out, _ = run(capsys, "restore", str(project), relpath, version)
    assert code == 0 and (project / relpath).read_text() == original
    _, out, _ = run(capsys, "history", str(project))
    assert f"{relpath} (exists, 2 earlier version(s))" in out.splitlines()


def test_restore_unknown_version_or_artifact(project: Path, capsys) -> None:
    code, _, err = run(capsys, "restore", str(project), "rubric", "nope")
    assert code == 2 and "no single earlier version" in err
    code, _, err = run(capsys, "history", str(project), "recipes.yaml")
    assert code == 2 and "unknown artifact" in err


def test_validate_lists_its_rules(capsys) -> None:
    code, out, _ = run(capsys, "validate", "--rules", "--json")
    rules = {r["code"]: r["severity"] for r in json.loads(out)}
    assert code == 0 and rules["weights.sum"] == "error" and rules["prompt.system_tokens"] == "info"
    code, _, err = run(capsys, "validate")
    assert code == 2 and "needs a PATH" in err


def test_validate_rules_shows_each_rules_kind(capsys) -> None:
    code, out, _ = run(capsys, "validate", "--rules", "--json")
    kinds = {r["code"]: r["kind"] for r in json.loads(out)}
    assert kinds["weights.sum"] == "contract" and kinds["prompt.length_ratio"] == "lesson"
    assert all(r["severity"] != "error" for r in json.loads(out) if r["kind"] == "lesson")
    code, out, _ = run(capsys, "validate", "--rules")
    line = next(row for row in out.splitlines() if row.startswith("prompt.ratio_contradiction"))
    assert code == 0 and "warning" in line and "lesson" in line


def test_validate_shows_each_findings_kind(tmp_path: Path, capsys) -> None:
    prompt = tmp_path / "assistant.md"
    prompt.write_text(
        "# Writer\nReplies of 5 times the user's length are great.\nAsk one question at most.\n",
        encoding="utf-8",
    )
    code, out, _ = run(capsys, "validate", str(prompt), "--kind", "assistant", "--json")
    findings = {f["code"]: f for f in json.loads(out)}
    assert findings["prompt.ratio_contradiction"]["kind"] == "lesson"
    assert all(f["kind"] == "contract" for f in findings.values() if f["severity"] == "error")
    code, out, _ = run(capsys, "validate", str(prompt), "--kind", "assistant")
    row = next(line for line in out.splitlines() if "prompt.ratio_contradiction" in line)
    assert "warning (lesson: advice, does not block)" in row
