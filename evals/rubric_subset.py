"""A smaller copy of a project's rubric, for quick runs (benchmarks, smoke tests).

Keeps the named criteria (safety gates among them stay gates) with their first
few calibration examples, drops categories left empty and rescales the other
weights to sum to 1, so the result is still a valid rubric.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from ftdesign.tools.text_source import read_source
from ftdesign.tools.yaml_load import load_yaml


def subset_rubric(path: Path, keep: list[str], examples: int = 3) -> None:
    """Rewrite the rubric at `path` in place with only `keep` criteria."""
    data = load_yaml(read_source(path), str(path))
    body = data.get("rubric", data)
    body["criteria"] = {k: v for k, v in body["criteria"].items() if k in keep}
    for criterion in body["criteria"].values():
        criterion["calibration_examples"] = criterion.get("calibration_examples", [])[:examples]
    for category in body["categories"].values():
        category["criteria"] = [c for c in category.get("criteria", []) if c in keep]
    body["categories"] = {k: v for k, v in body["categories"].items() if v["criteria"]}
    total = sum(v.get("weight") or 0 for v in body["categories"].values())
    for category in body["categories"].values():
        if category.get("weight") is not None and total > 0:
            category["weight"] = round(category["weight"] / total, 4)
    body["safety_gates"] = [g for g in body.get("safety_gates", []) if g in keep]
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
