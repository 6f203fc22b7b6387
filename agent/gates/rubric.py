"""Gate 4, the evaluation rubric: `config/rubric.yaml`.

Starts once the taxonomy is settled. Drafts binary criteria in weighted categories with
safety gates and calibration examples, from the closest worked domain. Passes when the
rubric validates with no errors (weights sum to 1, 3-8 calibration examples per
criterion, gates named) and the user approves it. Calibration examples are refined
one criterion at a time in the UI, or by change requests here.
"""

from __future__ import annotations

from ftdesign.agent.gates.yaml_drafts import normalised, yaml_gate
from ftdesign.tools.schemas.rubric import Rubric


def repair(rubric: Rubric) -> Rubric:
    """Weighted categories scaled to sum to 1; gate-only groups keep no weight."""
    weighted = rubric.weighted_categories
    weights = normalised([c.weight or 0.0 for c in weighted.values()])
    categories = dict(rubric.categories)
    for (name, category), weight in zip(weighted.items(), weights, strict=True):
        categories[name] = category.model_copy(update={"weight": weight})
    return rubric.model_copy(update={"categories": categories})


SPEC = yaml_gate(
    step="rubric",
    kind="rubric",
    schema=Rubric,
    repair=repair,
)
