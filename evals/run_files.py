"""Read evaluation runs for comparison: our results.json or JSONL judged records.

A results.json run is named by its candidate model. JSONL records carry `id`,
`answers` and either stored numbers (`score`, `passed`, `category_scores`) or the
`expected_*` numbers real projects keep. With a rubric the scores are recomputed
from the answers; without one the stored numbers are used. One file whose ids
start with the model (`base_...`, `finetune_...`) is split into its runs.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.jsonl import numbered_lines
from ftdesign.tools.schemas.rubric import Rubric
from ftdesign.tools.scoring import ScoreResult, score
from ftdesign.tools.summary import group_by_model

Run = dict[str, ScoreResult]


def _label(data: dict[str, Any], path: Path) -> str:
    """A results.json run is named by its candidate model, else by its file."""
    try:
        return str(data["settings"]["roles"]["candidate"]["model"])
    except (KeyError, TypeError):
        return path.parent.name if path.name == "results.json" else path.stem


def _records(path: Path) -> tuple[str, list[dict[str, Any]]]:
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        data = None
    if isinstance(data, dict) and isinstance(data.get("scenarios"), list):
        return _label(data, path), list(data["scenarios"])
    records = []
    for number, line in numbered_lines(text):
        try:
            records.append(json.loads(line))
        except json.JSONDecodeError as error:
            raise FtdesignError(
                f"{path}:{number}: not a JSON object ({error.msg}).",
                hint="give a results.json from `ftdesign eval` or JSONL, one record a line",
            ) from error
    return path.stem, records


def _result(record: dict[str, Any], rubric: Rubric | None, where: str) -> ScoreResult:
    if rubric is not None and isinstance(record.get("answers"), dict):
        return score(rubric, record["answers"], record.get("turns"))
    value = record.get("score", record.get("expected_score"))
    if not isinstance(value, int | float):
        raise FtdesignError(
            f"{where}: record has no score (score or expected_score).",
            hint="pass --rubric RUBRIC.yaml to score it from its answers",
        )
    passed = record.get("passed", record.get("expected_pass"))
    categories = record.get("category_scores", record.get("expected_category_scores")) or {}
    return ScoreResult(
        score=float(value),
        passed=bool(passed),
        threshold=float(record.get("threshold", 0.0)),
        category_scores={k: float(v) for k, v in categories.items()},
        failed_criteria=[],
        safety_gate_failed=bool(record.get("safety_gate_failed", False)),
    )


def load_runs(paths: list[Path], rubric: Rubric | None = None) -> dict[str, Run]:
    """Named runs: one per file when two files are given, else split by id prefix."""
    runs: dict[str, Run] = {}
    for path in paths:
        if not path.is_file():
            raise FtdesignError(f"{path}: no such file.", hint="give a results.json or JSONL")
        label, records = _records(path)
        results = {
            str(r.get("id", i)): _result(r, rubric, f"{path} record {i + 1}")
            for i, r in enumerate(records)
        }
        if len(paths) == 1:
            runs.update(group_by_model(results))
        else:
            runs[label if label not in runs else f"{label} ({path})"] = results
    if len(runs) != 2:
        raise FtdesignError(
            f"{', '.join(map(str, paths))}: found {len(runs)} run(s) ({', '.join(runs)}), need 2.",
            hint="give two result files, or one file whose ids start base_ / finetune_",
        )
    return runs
