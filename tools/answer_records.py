"""Read judged answers from disk: one answers mapping (JSON) or many records (JSONL).

Accepted shapes:

- `{"CQ1": "YES", "CQ2": "NA", ...}`: one conversation's verdicts;
- `{"id": ..., "turns": 15, "answers": {...}}`: the same with its length (and id);
- a `.jsonl` file with one such record a line (blank lines skipped), like
  `../shared/reference/therapy-coach/assessments.jsonl`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.jsonl import numbered_lines

MAX_BYTES = 50_000_000  # far above any real judgment file; refuses accidental huge inputs


@dataclass(frozen=True)
class AnswerRecord:
    """One judged conversation; `turns` is None when the file does not say."""

    id: str
    answers: dict[str, str]
    turns: int | None = None


def _record(data: Any, where: str, default_id: str) -> AnswerRecord:
    if not isinstance(data, dict):
        raise FtdesignError(
            f"{where}: expected a JSON object, found {type(data).__name__}",
            hint='write {"CRITERION_ID": "YES|NO|NA|ERROR", ...} or {"answers": {...}}',
        )
    is_record = "answers" in data
    body = data["answers"] if is_record else data
    if not isinstance(body, dict) or not all(isinstance(v, str) for v in body.values()):
        raise FtdesignError(
            f"{where}: 'answers' must map criterion ids to YES, NO, NA or ERROR",
            hint='for example {"CQ1": "YES", "CQ2": "NA"}',
        )
    turns = data.get("turns") if is_record else None
    if turns is not None and (not isinstance(turns, int) or isinstance(turns, bool) or turns < 0):
        raise FtdesignError(f"{where}: 'turns' is {turns!r}", hint="use a whole number of turns")
    record_id = str(data.get("id", default_id)) if is_record else default_id
    return AnswerRecord(id=record_id, answers=dict(body), turns=turns)


def _parse(text: str, where: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        raise FtdesignError(
            f"{where}: invalid JSON at line {error.lineno}, column {error.colno}: {error.msg}",
            hint="fix the JSON syntax (a JSONL file holds one object per line)",
        ) from error


def read_answer_records(path: Path) -> list[AnswerRecord]:
    """Every record in `path`; raises FtdesignError naming the file and line when bad."""
    try:
        if path.stat().st_size > MAX_BYTES:
            raise FtdesignError(f"{path}: file is larger than {MAX_BYTES} bytes")
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise FtdesignError(
            f"{path}: cannot read answers ({error})", hint="give a UTF-8 JSON or JSONL file"
        ) from error
    if path.suffix.lower() != ".jsonl":
        return [_record(_parse(text, str(path)), str(path), path.stem)]
    records = []
    for number, line in numbered_lines(text):
        where = f"{path}:{number}"
        records.append(_record(_parse(line, where), where, f"line{number}"))
    if not records:
        raise FtdesignError(f"{path}: no records found", hint="write one JSON object per line")
    return records
