"""Hostile input is normal input: every case ends in findings or one FtdesignError."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest
from artifact_samples import RUBRIC, TAXONOMY, dump

from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.loading import load_artifact, parse_text
from ftdesign.tools.validators import validate_path, validate_text

TAX_YAML = dump(TAXONOMY)


def _write(folder: Path, data: bytes, name: str = "input-taxonomy.yaml") -> Path:
    path = folder / name
    path.write_bytes(data)
    return path


def _codes(findings: list) -> list[str]:
    return [f.code for f in findings]


def test_syntax_error_reports_its_line() -> None:
    text = "taxonomy:\n  topics:\n    - name: a\n      weight: [0.5\n  styles: {a: 1}\n"
    (finding,) = validate_text(text, "taxonomy")
    assert finding.code == "yaml.syntax" and finding.location.line == 5


@pytest.mark.parametrize(
    ("kind", "text", "path", "line"),
    [
        (
            "taxonomy",
            TAX_YAML.replace(
                "styles:\n    terse: 0.3\n    detailed: 0.7", "styles:\n    - terse\n    - detailed"
            ),
            "taxonomy.styles",
            16,
        ),  # fmt: skip
        ("rubric", "categories:\n  - comprehension\ncriteria: {}\n", "categories", 1),
        ("persona", "- terse\n- casual\n", "", 1),
    ],
)
def test_a_list_where_a_mapping_belongs(kind: str, text: str, path: str, line: int) -> None:
    model, findings = parse_text(text, kind, "draft.yaml")
    assert model is None
    wrong = [f for f in findings if f.code == "schema.wrong_type"]
    assert wrong and wrong[0].location.path == path and wrong[0].location.line == line
    assert "mapping" in wrong[0].message and "instead of '- item'" in wrong[0].message


@pytest.mark.timeout(20)
def test_billion_laughs_is_refused_in_bounded_memory() -> None:
    levels = ["a: &a [" + ", ".join(["lol"] * 9) + "]"]
    for depth in range(1, 10):
        previous, name = chr(96 + depth), chr(97 + depth)
        levels.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
    tracemalloc.start()
    findings = validate_text("\n".join(levels) + "\n", "taxonomy")
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert _codes(findings) == ["yaml.alias_expansion"]
    assert peak < 20_000_000


@pytest.mark.timeout(20)
def test_fifty_megabyte_file_is_refused_without_reading_it(tmp_path: Path) -> None:
    path = tmp_path / "input-taxonomy.yaml"
    with path.open("wb") as file:
        file.write(b"taxonomy:\n")
        file.seek(50 * 1024 * 1024)
        file.write(b"\n")
    tracemalloc.start()
    findings = validate_path(path)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert _codes(findings) == ["file.too_large"]
    assert peak < 15_000_000


@pytest.mark.parametrize("seed", range(5))
def test_binary_junk(tmp_path: Path, seed: int) -> None:
    junk = bytes((seed * 7919 + i * 104729) % 256 for i in range(4096)) + os.urandom(512)
    findings = validate_path(_write(tmp_path, junk))
    assert set(_codes(findings)) <= {"file.binary", "file.encoding", "yaml.syntax"}
    assert findings and findings[0].severity == "error"


def test_latin1_text_names_the_line_and_the_fix(tmp_path: Path) -> None:
    text = TAX_YAML.replace("technical", "t\xe9chnical")
    (finding,) = validate_path(_write(tmp_path, text.encode("latin-1")))
    assert finding.code == "file.encoding"
    assert finding.location.line == text.splitlines().index("  - name: t\xe9chnical") + 1
    assert "Latin-1" in finding.message and "UTF-8" in finding.message


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_unicode_variants_read_like_utf8(tmp_path: Path, encoding: str) -> None:
    text = TAX_YAML.replace("technical", "t\xe9chnical")
    findings = validate_path(_write(tmp_path, text.encode(encoding)))
    assert [f for f in findings if f.severity == "error"] == []


def test_markdown_binary_and_empty_files(tmp_path: Path) -> None:
    binary = _write(tmp_path, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "model-choice.md")
    assert _codes(validate_path(binary)) == ["file.binary"]
    empty = _write(tmp_path, b"", "model-choice.md")
    assert _codes(validate_path(empty)) == ["doc.empty"]


def test_load_artifact_names_file_field_and_line(tmp_path: Path) -> None:
    broken = dump(RUBRIC).replace("pass_threshold: 0.8", "pass_threshold: high")
    path = _write(tmp_path, broken.encode(), "rubric.yaml")
    with pytest.raises(FtdesignError) as raised:
        load_artifact(path)
    message = str(raised.value)
    assert str(path) in message and "pass_threshold" in message
    assert f"line {broken.splitlines().index('pass_threshold: high') + 1}" in message


def test_load_artifact_refuses_unreadable_paths(tmp_path: Path) -> None:
    with pytest.raises(FtdesignError, match="no such file"):
        load_artifact(tmp_path / "rubric.yaml")
    with pytest.raises(FtdesignError, match="cannot tell which artifact"):
        load_artifact(_write(tmp_path, b"x: 1", "notes.yaml"))
    with pytest.raises(FtdesignError, match="unknown artifact kind"):
        load_artifact(_write(tmp_path, b"x: 1", "notes.yaml"), "recipe")


def test_load_artifact_returns_models_and_text(tmp_path: Path) -> None:
    taxonomy = load_artifact(_write(tmp_path, TAX_YAML.encode()))
    assert taxonomy.taxonomy.topics[0].name == "billing"
    prompt = _write(tmp_path, b"Be kind.\n", "system-prompt.md")
    assert load_artifact(prompt) == "Be kind.\n"


def test_python_tags_are_not_executed() -> None:
    findings = validate_text("topics: !!python/object/apply:os.system ['echo hi']\n", "taxonomy")
    assert _codes(findings) == ["yaml.syntax"]
