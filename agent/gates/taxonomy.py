"""Gate 3, the input taxonomy: `config/input-taxonomy.yaml`.

Starts once the token budget is settled (passed or skipped). Drafts the closest worked
domain's taxonomy, adapted to the user's domain when the model may. Passes when the
file validates with no errors (weights sum to 1, edge cases allocated) and the user
approves it.
"""

from __future__ import annotations

from ftdesign.agent.gates.yaml_drafts import normalised, normalised_map, yaml_gate
from ftdesign.tools.schemas.taxonomy import TaxonomyFile


def repair(file: TaxonomyFile) -> TaxonomyFile:
    """Topic weights and every {option: weight} dimension scaled to sum to 1."""
    data = file.to_data()
    body = data["taxonomy"]
    weights = normalised([topic["weight"] for topic in body["topics"]])
    for topic, weight in zip(body["topics"], weights, strict=True):
        topic["weight"] = weight
    for name, value in body.items():
        if name not in ("topics", "edge_cases") and isinstance(value, dict) and value:
            body[name] = normalised_map(value)
    return TaxonomyFile.from_data(data)


SPEC = yaml_gate(
    step="taxonomy",
    kind="taxonomy",
    schema=TaxonomyFile,
    repair=repair,
)
