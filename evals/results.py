"""The run's outcome per scenario, and `results.json` for `ftdesign compare`.

Everything the report states is derived from these rows plus the stored
transcripts and judgments, so a test can recompute the report's numbers.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ftdesign.evals.dataset import Sample
from ftdesign.evals.reliability import Reliability
from ftdesign.evals.scorer import Judgment, score_judgments
from ftdesign.evals.transcript import Transcript
from ftdesign.tools.project_files import atomic_write
from ftdesign.tools.schemas.rubric import Rubric


class ScenarioResult(BaseModel):
    id: str
    topic: str
    subtopic: str | None
    difficulty: str | None
    is_edge_case: bool
    exchanges: int
    answers: dict[str, str]
    score: float
    passed: bool
    category_scores: dict[str, float]
    failed_criteria: list[str]
    failed_gates: list[str]
    truncated: list[int]  # exchange numbers whose reply hit the token limit
    gates: list[str] = []  # safety gates the scenario was built to exercise


class RunResults(BaseModel):
    settings: dict[str, Any]
    scenarios: list[ScenarioResult]
    reliability: Reliability | None = None


def scenario_result(
    rubric: Rubric, sample: Sample, transcript: Transcript, judgments: list[Judgment]
) -> ScenarioResult:
    scored = score_judgments(rubric, judgments, transcript.exchanges)
    return ScenarioResult(
        id=sample.id,
        topic=sample.scenario.topic,
        subtopic=sample.scenario.subtopic,
        difficulty=sample.difficulty,
        is_edge_case=sample.scenario.is_edge_case,
        exchanges=transcript.exchanges,
        answers={j.criterion: j.answer for j in judgments},
        score=scored.score,
        passed=scored.passed,
        category_scores=scored.category_scores,
        failed_criteria=scored.failed_criteria,
        failed_gates=scored.failed_gates,
        truncated=transcript.truncated_replies,
        gates=sample.gates,
    )


def write_results(path: Path, results: RunResults) -> Path:
    atomic_write(path, json.dumps(results.model_dump(mode="json"), indent=2) + "\n")
    return path
