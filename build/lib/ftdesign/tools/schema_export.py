"""JSON Schema of the YAML artifacts, for editors (VS Code's YAML extension) to check live.

Each schema accepts both ways real files are written: the bare body and the
body under its root key (`taxonomy:`, `rubric:`, `persona_template:`).
Use it with a first line such as
`# yaml-language-server: $schema=./.ftdesign/taxonomy.schema.json`.
"""

from __future__ import annotations

from typing import Any, cast

from pydantic import BaseModel

from ftdesign.tools.artifacts import ARTIFACTS, Kind
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.schemas import PersonaTemplate, Rubric, Taxonomy

BODIES: dict[str, tuple[type[BaseModel], str]] = {
    "taxonomy": (Taxonomy, "taxonomy"),
    "rubric": (Rubric, "rubric"),
    "persona": (PersonaTemplate, "persona_template"),
}


def json_schema(kind: str) -> dict[str, Any]:
    """Draft 2020-12 schema for a YAML artifact kind."""
    if kind not in BODIES:
        yaml_kinds = ", ".join(BODIES)
        what = "a Markdown document" if kind in ARTIFACTS else "not an artifact kind"
        raise FtdesignError(
            f"'{kind}' is {what}; only YAML artifacts have a JSON Schema",
            hint=f"use one of: {yaml_kinds}",
        )
    model, root = BODIES[kind]
    artifact = ARTIFACTS[cast(Kind, kind)]
    body = model.model_json_schema(ref_template="#/$defs/{model}")
    definitions = body.pop("$defs", {})
    name = model.__name__
    definitions[name] = body
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://ftdesign.local/schemas/{kind}.schema.json",
        "title": f"ftdesign {artifact.title.lower()} ({artifact.path})",
        "anyOf": [
            {
                "type": "object",
                "required": [root],
                "properties": {root: {"$ref": f"#/$defs/{name}"}},
                "additionalProperties": True,
            },
            {"$ref": f"#/$defs/{name}"},
        ],
        "$defs": definitions,
    }
