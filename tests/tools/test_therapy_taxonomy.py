"""The real therapy taxonomy: its one shipped defect, and nothing else as an error."""

from __future__ import annotations

from pathlib import Path

import pytest

from ftdesign.tools.loading import load_artifact
from ftdesign.tools.validators import validate_path

REFERENCE = Path(__file__).parents[3] / "shared" / "reference" / "therapy-coach"
TAXONOMY = REFERENCE / "input-taxonomy.yaml"

pytestmark = pytest.mark.skipif(not TAXONOMY.is_file(), reason="reference data not present")


def _line_of(text: str, needle: str) -> int:
    return next(n for n, line in enumerate(text.splitlines(), 1) if line.strip() == needle)


def test_topic_weights_summing_to_1_05_is_the_only_error() -> None:
    findings = validate_path(TAXONOMY)
    errors = [f for f in findings if f.severity == "error"]
    assert [(f.code, f.location.path) for f in errors] == [("weights.sum", "taxonomy.topics")]
    assert errors[0].location.line == _line_of(TAXONOMY.read_text(), "topics:")
    assert "1.05" in errors[0].message and "1.0" in errors[0].message


def test_loads_with_every_dimension_and_the_extra_section() -> None:
    model = load_artifact(TAXONOMY, "taxonomy")
    assert len(model.taxonomy.dimensions) == 11  # styles, difficulty ... temporality
    assert model.taxonomy.edge_case_share == pytest.approx(0.15 / 1.05)
    assert "turn_ranges" in model.to_data()


def test_fixing_the_weights_leaves_no_error(tmp_path: Path) -> None:
    fixed = TAXONOMY.read_text().replace("weight: 0.13", "weight: 0.08", 1)
    path = tmp_path / "input-taxonomy.yaml"
    path.write_text(fixed)
    assert [f for f in validate_path(path) if f.severity == "error"] == []
