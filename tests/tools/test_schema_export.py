"""JSON Schema export: editors must accept real files in both layouts and reject bad ones."""

from __future__ import annotations

import copy
from pathlib import Path

import jsonschema
import pytest
import yaml
from artifact_samples import PERSONA, RUBRIC, TAXONOMY

from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.schema_export import json_schema

REFERENCE = Path(__file__).parents[3] / "shared" / "reference" / "therapy-coach"
DOMAINS = Path(__file__).parents[2] / "knowledge" / "domains"
KIND_OF_FILE = {
    "input-taxonomy.yaml": "taxonomy",
    "rubric.yaml": "rubric",
    "persona-template.yaml": "persona",
}


def _check(data: object, kind: str) -> None:
    schema = json_schema(kind)
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(data, schema, cls=jsonschema.Draft202012Validator)


@pytest.mark.skipif(not REFERENCE.is_dir(), reason="reference data not present")
def test_reference_taxonomy_validates_with_and_without_its_root() -> None:
    data = yaml.safe_load((REFERENCE / "input-taxonomy.yaml").read_text())
    _check(data, "taxonomy")
    _check(data["taxonomy"], "taxonomy")


@pytest.mark.parametrize(
    ("data", "kind", "root"),
    [(TAXONOMY, "taxonomy", "taxonomy"), (RUBRIC, "rubric", "rubric"),
     (PERSONA, "persona", "persona_template")],
)  # fmt: skip
def test_samples_validate_in_both_layouts(data: dict, kind: str, root: str) -> None:
    body = data.get(root, data)
    _check(body, kind)
    _check({root: body}, kind)


@pytest.mark.parametrize(
    ("kind", "breakage"),
    [
        ("taxonomy", lambda d: d["taxonomy"].update(styles=["terse", "detailed"])),
        ("taxonomy", lambda d: d["taxonomy"]["topics"][0].pop("weight")),
        ("rubric", lambda d: d["criteria"]["C1"]["calibration_examples"][0].update(type="OK")),
        ("persona", lambda d: d["persona_template"]["communication_style"].update(weights="x")),
    ],
)
def test_broken_files_are_rejected(kind: str, breakage) -> None:
    data = copy.deepcopy({"taxonomy": TAXONOMY, "rubric": RUBRIC, "persona": PERSONA}[kind])
    breakage(data)
    with pytest.raises(jsonschema.ValidationError):
        _check(data, kind)


@pytest.mark.parametrize("path", sorted(DOMAINS.glob("*/config/*.yaml")), ids=str)
def test_worked_domains_validate(path: Path) -> None:
    _check(yaml.safe_load(path.read_text()), KIND_OF_FILE[path.name])


def test_markdown_kinds_have_no_schema() -> None:
    with pytest.raises(FtdesignError, match="Markdown"):
        json_schema("system_prompt")
