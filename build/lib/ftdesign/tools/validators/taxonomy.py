"""Checks of `config/input-taxonomy.yaml` (seed step 3, domain facts section 3)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ftdesign.tools.findings import Finding, join_path, rule
from ftdesign.tools.schemas.taxonomy import Taxonomy, TaxonomyFile
from ftdesign.tools.validators.weights import check_weights

EDGE_RANGE = (0.10, 0.20)
DIFFICULTY = re.compile(r"^(difficulty|complexity)$", re.IGNORECASE)

EMPTY_DIMENSION = rule("taxonomy.empty_dimension", "error", "every dimension has options")
SINGLE_OPTION = rule("taxonomy.single_option", "warning", "a dimension has several options")
DUPLICATE_TOPIC = rule("taxonomy.duplicate_topic", "error", "topic names are unique")
NO_EDGE_CASES = rule("taxonomy.edge_cases_missing", "error", "edge cases are allocated explicitly")
EDGE_TWICE = rule("taxonomy.edge_cases_twice", "warning", "edge cases are declared in one place")
EDGE_SHARE = rule("taxonomy.edge_case_share", "warning", "edge cases get 10-20 % (about 15 %)")
EDGE_TYPES = rule("taxonomy.edge_case_types", "warning", "the edge-case types are listed")
NO_DIFFICULTY = rule("taxonomy.difficulty_missing", "error", "a difficulty dimension exists")
DIFFICULTY_LEVELS = rule("taxonomy.difficulty_levels", "error", "several difficulty levels")
FEW_DIMENSIONS = rule("taxonomy.few_dimensions", "warning", "several independent dimensions")


def validate_taxonomy(model: TaxonomyFile) -> Iterator[Finding]:
    taxonomy = model.taxonomy
    yield from _distributions(taxonomy)
    yield from _topics(taxonomy)
    yield from _edge_cases(taxonomy)
    yield from _difficulty(taxonomy)
    if len(taxonomy.dimensions) < 2:
        yield FEW_DIMENSIONS.at(
            "",
            f"only {len(taxonomy.dimensions)} dimension(s) besides topics",
            "add HOW (style), WHO (experience) or stance dimensions so the cross-product varies",
        )


def _distributions(taxonomy: Taxonomy) -> Iterator[Finding]:
    topics = [(t.name, f"topics[{i}].weight", t.weight) for i, t in enumerate(taxonomy.topics)]
    yield from check_weights("topics", "topics", topics)
    maps = dict(taxonomy.dimensions)
    if taxonomy.edge_cases is not None and isinstance(taxonomy.edge_cases.types, dict):
        maps["edge_cases.types"] = taxonomy.edge_cases.types
    for name, options in maps.items():
        path = name if name == "edge_cases.types" else join_path("", name)
        if not options:
            yield EMPTY_DIMENSION.at(path, f"{name} has no options", "add `option: weight` lines")
            continue
        weights = [(o, join_path(path, o), w) for o, w in options.items()]
        yield from check_weights(name, path, weights)
        if len(options) == 1 and not DIFFICULTY.match(name):
            yield SINGLE_OPTION.at(
                path, f"{name} has a single option, so it never varies", "add options or drop it"
            )


def _topics(taxonomy: Taxonomy) -> Iterator[Finding]:
    seen: set[str] = set()
    for index, topic in enumerate(taxonomy.topics):
        if topic.name in seen:
            yield DUPLICATE_TOPIC.at(
                f"topics[{index}].name",
                f"topic '{topic.name}' is listed more than once",
                "merge the entries (add their weights and subtopics) or rename one",
            )
        seen.add(topic.name)


def _edge_cases(taxonomy: Taxonomy) -> Iterator[Finding]:
    topic, section = taxonomy.edge_topic, taxonomy.edge_cases
    if topic is None and section is None:
        yield NO_EDGE_CASES.at(
            "topics",
            "no edge cases: neither an `edge_cases` topic nor an `edge_cases:` section",
            "add a topic `- {name: edge_cases, weight: 0.15, subtopics: [out_of_scope, ...]}`",
        )
        return
    if topic is not None and section is not None:
        yield EDGE_TWICE.at(
            "edge_cases", "edge cases appear both as a topic and as a section", "keep one of them"
        )
    path = "edge_cases.weight" if section is not None else _edge_topic_path(taxonomy)
    share = taxonomy.edge_case_share
    if share is not None and not EDGE_RANGE[0] <= share <= EDGE_RANGE[1]:
        yield EDGE_SHARE.at(
            path,
            f"edge cases get {share:.1%} of conversations",
            "aim for about 15 % (5 % is too few to learn boundaries, 30 % makes the model "
            "paranoid); safety-critical domains may justify more",
        )
    types = section.types if section is not None else topic.subtopics if topic else []
    if not types:
        yield EDGE_TYPES.at(
            path.rsplit(".", 1)[0],
            "the edge cases list no types",
            "name them, e.g. out_of_scope, boundary_violation, ambiguous_intent, hostile",
        )


def _edge_topic_path(taxonomy: Taxonomy) -> str:
    index = next(i for i, t in enumerate(taxonomy.topics) if t is taxonomy.edge_topic)
    return f"topics[{index}].weight"


def _difficulty(taxonomy: Taxonomy) -> Iterator[Finding]:
    name = next((n for n in taxonomy.dimensions if DIFFICULTY.match(n)), None)
    if name is None:
        yield NO_DIFFICULTY.at(
            "",
            "no difficulty dimension",
            "add `difficulty: {easy: 0.3, medium: 0.5, hard: 0.2}`",
        )
        return
    levels = [level for level, weight in taxonomy.dimensions[name].items() if weight > 0]
    if len(levels) < 2:
        yield DIFFICULTY_LEVELS.at(
            name,
            f"{name} has {len(levels)} level(s) with weight, so all conversations are equally hard",
            "use several levels, e.g. easy 0.3 / medium 0.5 / hard 0.2",
        )
