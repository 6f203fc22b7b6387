"""Reading judged answers: both JSON shapes, JSONL, and clear errors for bad files."""

from __future__ import annotations

from pathlib import Path

import pytest
from therapy_reference import ASSESSMENTS

from ftdesign.tools.answer_records import read_answer_records
from ftdesign.tools.errors import FtdesignError


def test_reads_the_therapy_jsonl() -> None:
    records = read_answer_records(ASSESSMENTS)
    assert len(records) == 29
    assert records[0].id == "base_seed9000_run1" and records[0].turns == 15
    assert records[0].answers["CQ9"] == "NA"


def test_plain_mapping_and_record_shapes(tmp_path: Path) -> None:
    plain = tmp_path / "conv7.json"
    plain.write_text('{"CQ1": "YES"}', encoding="utf-8")
    assert read_answer_records(plain)[0].id == "conv7"
    assert read_answer_records(plain)[0].turns is None
    record = tmp_path / "r.json"
    record.write_text('{"id": "x", "turns": 3, "answers": {"CQ1": "NO"}}', encoding="utf-8")
    assert read_answer_records(record)[0].turns == 3


@pytest.mark.parametrize(
    ("name", "text", "message"),
    [
        ("a.json", "{not json", r"a.json: invalid JSON at line 1"),
        ("a.json", "[1, 2]", "expected a JSON object, found list"),
        ("a.json", '{"CQ1": 1}', "must map criterion ids"),
        ("a.json", '{"answers": {}, "turns": "many"}', "'turns' is 'many'"),
        ("a.jsonl", '{"answers": {}}\n\n{oops', r"a.jsonl:3: invalid JSON"),
        ("a.jsonl", "\n\n", "no records found"),
    ],
)
def test_bad_files_name_file_and_line(tmp_path: Path, name: str, text: str, message: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(FtdesignError, match=message):
        read_answer_records(path)


def test_missing_and_binary_files(tmp_path: Path) -> None:
    with pytest.raises(FtdesignError, match="cannot read answers"):
        read_answer_records(tmp_path / "missing.json")
    junk = tmp_path / "junk.json"
    junk.write_bytes(b"\xff\xfe\x00\x81")
    with pytest.raises(FtdesignError, match="cannot read answers"):
        read_answer_records(junk)
