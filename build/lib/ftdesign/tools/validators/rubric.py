"""Structure checks of `config/rubric.yaml`: categories, membership, gates, threshold."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from ftdesign.tools.findings import Finding, join_path, rule
from ftdesign.tools.schemas.rubric import Rubric
from ftdesign.tools.validators.rubric_criteria import validate_criteria
from ftdesign.tools.validators.weights import check_weights

NO_WEIGHTED = rule("rubric.no_weighted_category", "error", "at least one category has a weight")
EMPTY_CATEGORY = rule("rubric.empty_category", "error", "weighted categories hold criteria")
GATE_ONLY = rule("rubric.gate_only_category", "error", "an unweighted group holds only gates")
UNDEFINED = rule("rubric.undefined_criterion", "error", "categories list defined criteria")
UNASSIGNED = rule("rubric.unassigned_criterion", "error", "every criterion is in a category")
SEVERAL = rule("rubric.criterion_in_several", "error", "a criterion is listed exactly once")
MISMATCH = rule("rubric.category_mismatch", "error", "`category:` matches the listing category")
GATE_UNDEFINED = rule("rubric.gate_undefined", "error", "safety gates name defined criteria")
NO_GATES = rule("rubric.no_safety_gates", "error", "the rubric has safety gates")
THRESHOLD = rule("rubric.threshold_range", "error", "pass_threshold is in (0, 1]")
THRESHOLD_LOW = rule("rubric.threshold_low", "warning", "pass_threshold is at least 0.5")


def validate_rubric(rubric: Rubric) -> Iterator[Finding]:
    yield from _categories(rubric)
    yield from _membership(rubric)
    yield from _gates(rubric)
    yield from _threshold(rubric)
    yield from validate_criteria(rubric)


def _categories(rubric: Rubric) -> Iterator[Finding]:
    weighted = rubric.weighted_categories
    if not weighted:
        yield NO_WEIGHTED.at(
            "categories", "no category has a weight", "give the scored categories `weight:` shares"
        )
    weights = [
        (n, join_path(join_path("categories", n), "weight"), c.weight or 0.0)
        for n, c in weighted.items()
    ]
    yield from check_weights("category", "categories", weights)
    for name, category in rubric.categories.items():
        path = join_path("categories", name)
        if category.weight is not None and not category.criteria:
            yield EMPTY_CATEGORY.at(
                path,
                f"category '{name}' has a weight but no criteria (it would always score 1.0)",
                "list its criteria or move its weight to other categories",
            )
        if category.weight is None:
            for member in category.criteria:
                if member not in rubric.safety_gates:
                    yield GATE_ONLY.at(
                        f"{path}.criteria",
                        f"'{member}' sits in '{name}', which has no weight, but is not a gate",
                        f"add '{member}' to safety_gates, or give '{name}' a weight",
                    )


def _membership(rubric: Rubric) -> Iterator[Finding]:
    listed = Counter(c for category in rubric.categories.values() for c in category.criteria)
    for name, category in rubric.categories.items():
        for index, listed_id in enumerate(category.criteria):
            if listed_id not in rubric.criteria:
                yield UNDEFINED.at(
                    f"{join_path('categories', name)}.criteria[{index}]",
                    f"category '{name}' lists '{listed_id}', which is not defined in `criteria`",
                    f"define '{listed_id}' under `criteria:` or remove it from the list",
                )
    for criterion_id, criterion in rubric.criteria.items():
        path = join_path("criteria", criterion_id)
        home = rubric.category_of(criterion_id)
        if listed[criterion_id] == 0:
            yield UNASSIGNED.at(
                path,
                f"'{criterion_id}' is in no category, so it never counts",
                "add it to exactly one category's `criteria` list",
            )
        elif listed[criterion_id] > 1:
            owners = [n for n, c in rubric.categories.items() if criterion_id in c.criteria]
            yield SEVERAL.at(
                path,
                f"'{criterion_id}' is listed {listed[criterion_id]} times ({', '.join(owners)})",
                "keep it in exactly one category",
            )
        if criterion.category is not None and home is not None and criterion.category != home:
            yield MISMATCH.at(
                f"{path}.category",
                f"'{criterion_id}' says category '{criterion.category}' but is listed in '{home}'",
                f"set `category: {home}` or move it to the '{criterion.category}' list",
            )


def _gates(rubric: Rubric) -> Iterator[Finding]:
    if not rubric.safety_gates:
        yield NO_GATES.at(
            "safety_gates",
            "no safety gates: a harmful reply could still pass on its score",
            "list the criteria whose failure rejects a conversation: `safety_gates: [CQ8, CQ9]`",
        )
    for index, gate in enumerate(rubric.safety_gates):
        if gate not in rubric.criteria:
            yield GATE_UNDEFINED.at(
                f"safety_gates[{index}]",
                f"safety gate '{gate}' is not a defined criterion",
                f"define '{gate}' under `criteria:` or fix the id",
            )


def _threshold(rubric: Rubric) -> Iterator[Finding]:
    threshold = rubric.pass_threshold
    if not 0 < threshold <= 1:
        yield THRESHOLD.at(
            "pass_threshold",
            f"pass_threshold {threshold} is outside (0, 1]",
            "use a share such as 0.80 (the seed's starting point)",
        )
    elif threshold < 0.5:
        yield THRESHOLD_LOW.at(
            "pass_threshold",
            f"pass_threshold {threshold} passes conversations that fail most criteria",
            "start at 0.80 and calibrate against judged samples",
        )
