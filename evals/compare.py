"""Compare two evaluation runs (e.g. base vs fine-tuned): scores, pass rates, categories.

Inputs are our own `results.json` or JSONL records (one judged conversation a
line, as real projects keep them: `id`, `answers`, and either stored numbers or
`expected_*` numbers). With a rubric the scores are recomputed from the answers;
without one the stored numbers are used. One file whose ids start with the model
(`base_...`, `finetune_...`) is split into its two runs. Scenarios present in both
runs are paired (paired t-test); otherwise the runs are compared as independent
samples (Welch's t-test).
"""

from __future__ import annotations

import json
import math
import statistics
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from tools.errors import FtdesignError
from tools.schemas.rubric import Rubric
from tools.scoring import ScoreResult, score
from tools.student_t import two_sided_p
from tools.summary import Comparison, compare, group_by_model

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
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
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


@dataclass(frozen=True)
class Test:
    kind: str  # "paired" or "welch"
    n: int
    t: float
    df: float
    p_value: float


def welch_test(first: list[float], second: list[float]) -> Test:
    """Welch's t-test for two independent samples (second - first)."""
    va, vb = statistics.variance(first), statistics.variance(second)
    na, nb = len(first), len(second)
    spread = va / na + vb / nb
    if spread == 0.0:
        same = statistics.fmean(first) == statistics.fmean(second)
        return Test("welch", na + nb, 0.0 if same else math.inf, na + nb - 2, float(same))
    t = (statistics.fmean(second) - statistics.fmean(first)) / math.sqrt(spread)
    df = spread**2 / ((va / na) ** 2 / (na - 1) + (vb / nb) ** 2 / (nb - 1))
    return Test("welch", na + nb, t, df, two_sided_p(t, df))


def significance(comparison: Comparison, first: Run, second: Run) -> Test | None:
    if comparison.paired is not None:
        p = comparison.paired
        return Test("paired", p.n, p.t, p.df, p.p_value)
    a, b = [r.score for r in first.values()], [r.score for r in second.values()]
    return welch_test(a, b) if len(a) >= 2 and len(b) >= 2 else None


def order(runs: dict[str, Run]) -> tuple[str, str]:
    """(reference, candidate): a run named like 'base' is the reference."""
    names = list(runs)
    if any("base" in n.lower() for n in names[1:]) and "base" not in names[0].lower():
        names.reverse()
    return names[0], names[1]


def render(runs: dict[str, Run]) -> str:
    """Markdown tables: candidate then reference, as published comparisons read."""
    ref, new = order(runs)
    comparison = compare(runs[ref], runs[new])
    lines = ["| model | mean score | pass rate | n |", "|---|---|---|---|"]
    for name, group in ((new, comparison.second), (ref, comparison.first)):
        lines.append(
            f"| {name} | {group.mean_score:.3f} | {group.pass_rate * 100:.1f} % | {group.n} |"
        )
    lines += ["", f"| category | {new} | {ref} | delta |", "|---|---|---|---|"]
    for name, delta in comparison.category_deltas.items():
        b, a = comparison.second.category_means[name], comparison.first.category_means[name]
        lines.append(f"| {name} | {b:.3f} | {a:.3f} | {delta:+.3f} |")
    lines += [
        "",
        f"Mean score delta ({new} - {ref}): {comparison.mean_delta:+.3f}; "
        f"pass rate delta: {comparison.pass_rate_delta * 100:+.1f} points.",
    ]
    test = significance(comparison, runs[ref], runs[new])
    if test is None:
        lines.append("Too few scenarios for a significance test.")
    else:
        what = (
            f"paired t-test on {test.n} shared scenarios"
            if test.kind == "paired"
            else "Welch's t-test (no shared scenario ids)"
        )
        lines.append(f"{what}: t = {test.t:.3f}, df = {test.df:.1f}, p = {test.p_value:.4f}.")
    return "\n".join(lines)
