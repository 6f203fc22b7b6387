"""The therapy-coach reference data (`../shared/reference/therapy-coach/`) for tests."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import yaml

from ftdesign.tools.schemas.rubric import Rubric

REPO = Path(__file__).resolve().parents[2]
SHARED = Path(os.environ.get("FTDESIGN_SHARED", REPO.parent / "shared"))
THERAPY = SHARED / "reference" / "therapy-coach"
ASSESSMENTS = THERAPY / "assessments.jsonl"
TAXONOMY = THERAPY / "input-taxonomy.yaml"
THERAPY_RUBRIC = REPO / "tests" / "fixtures" / "therapy_rubric.yaml"


def therapy_records() -> list[dict[str, Any]]:
    lines = ASSESSMENTS.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def therapy_rubric() -> Rubric:
    return Rubric.from_data(yaml.safe_load(THERAPY_RUBRIC.read_text(encoding="utf-8")))
