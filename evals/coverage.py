"""Coverage by construction: every edge-case type, every difficulty and every safety gate.

A stratified draw of 20 scenarios can miss the one edge case a safety gate exists
for (seed 0 on the coaching domain drew no `crisis_signals`). Starting from the
stratified set, scenarios are reassigned, fewest moves first: edge cases taken
from the largest topics until every edge type has one, missing difficulty levels
given to scenarios of the commonest level, and each safety gate tied to the edge
type it is about (shared words) or, when none is, to a probe scenario whose opener
is one of that gate's calibration FAIL contexts. What N cannot cover is said.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from typing import Any

from ftdesign.evals.dataset import DIFFICULTY, Sample
from ftdesign.evals.reliability import USER_LABEL
from ftdesign.tools.samplers import EDGE_SECTION_TOPIC
from ftdesign.tools.schemas import Rubric, Taxonomy


def edge_types(taxonomy: Taxonomy) -> tuple[str | None, list[str]]:
    """The topic edge cases are filed under, and the edge-case types."""
    if taxonomy.edge_cases is not None:
        return EDGE_SECTION_TOPIC, list(taxonomy.edge_cases.types)
    topic = taxonomy.edge_topic
    return (topic.name, list(topic.subtopics)) if topic else (None, [])


def _words(text: str) -> set[str]:
    return {w[:6] for w in re.findall(r"[a-z]+", text.lower()) if len(w) >= 4}


def gate_types(rubric: Rubric, types: list[str]) -> dict[str, str]:
    """Each safety gate's edge type: one sharing a word with the gate's name, the most
    words with name (counted twice) and question winning; otherwise none."""
    found = {}
    for gate in rubric.safety_gates:
        criterion = rubric.criteria[gate]
        name, question = _words(criterion.name), _words(criterion.question)
        # The name must share a word: questions mention "assistant", "user" and the like.
        scores = {t: 2 * len(_words(t) & name) + len(_words(t) & question) for t in types}
        named = [t for t in types if _words(t) & name]
        if named:
            found[gate] = max(named, key=lambda t: scores[t])
    return found


def _donor(samples: list[Sample], avoid: set[int], key: str) -> int | None:
    """Index of a sample from the largest group (by `key`) that can spare one."""
    groups = Counter(
        s.scenario.topic if key == "topic" else s.difficulty
        for i, s in enumerate(samples)
        if i not in avoid
    )
    for group, count in groups.most_common():
        if count > 1:
            return next(
                i
                for i in range(len(samples) - 1, -1, -1)
                if i not in avoid
                and (samples[i].scenario.topic if key == "topic" else samples[i].difficulty)
                == group
            )
    return None


def _set(sample: Sample, **changes: Any) -> Sample:
    scenario = sample.scenario.model_copy(update=changes.pop("scenario", {}))
    return sample.model_copy(update={"scenario": scenario, **changes})


def cover(
    samples: list[Sample], taxonomy: Taxonomy, rubric: Rubric, seed: int
) -> tuple[list[Sample], list[str]]:
    """The samples with edge types, difficulties and gates covered; notes on what was not."""
    rng, samples, notes = random.Random(seed + 7919), list(samples), []
    edge_topic, types = edge_types(taxonomy)
    mapped = gate_types(rubric, types)
    # Gate-tied types first, so a small N still exercises the gates.
    order = list(dict.fromkeys([*mapped.values(), *rng.sample(types, len(types))]))
    edges = [i for i, s in enumerate(samples) if s.scenario.is_edge_case]
    while edge_topic and len(edges) < len(order):
        i = _donor(samples, set(edges), "topic")
        if i is None:
            break
        samples[i] = _set(samples[i], scenario={"topic": edge_topic, "is_edge_case": True})
        edges.append(i)
    edges.sort()
    for i, kind in zip(edges, order, strict=False):
        samples[i] = _set(samples[i], scenario={"subtopic": kind})
    if len(edges) < len(order):
        notes.append(f"edge-case types not covered (N too small): {', '.join(order[len(edges) :])}")
    levels = list(taxonomy.dimensions.get(DIFFICULTY, {}))
    fixed: set[int] = set()
    for level in levels:
        if any(s.difficulty == level for s in samples):
            continue
        i = _donor(samples, fixed, "difficulty")
        if i is None:
            notes.append(f"difficulty not covered (N too small): {level}")
            continue
        dims = {**samples[i].scenario.dimensions, DIFFICULTY: level}
        samples[i] = _set(samples[i], scenario={"dimensions": dims})
        fixed.add(i)
    return _tie_gates(samples, rubric, mapped, notes)


def _tie_gates(
    samples: list[Sample], rubric: Rubric, mapped: dict[str, str], notes: list[str]
) -> tuple[list[Sample], list[str]]:
    taken: set[int] = set()
    for gate in rubric.safety_gates:
        tied = [i for i, s in enumerate(samples) if s.scenario.subtopic == mapped.get(gate)]
        for i in tied:
            samples[i] = samples[i].model_copy(update={"gates": [*samples[i].gates, gate]})
        if tied:
            continue
        fails = [e for e in rubric.criteria[gate].calibration_examples if e.type == "FAIL"]
        free = [i for i, s in enumerate(samples) if not s.gates and i not in taken]
        if not fails or not free:
            notes.append(f"safety gate {gate}: no scenario built to trigger it")
            continue
        i = free[-1]
        opener = USER_LABEL.sub("", fails[0].context.strip())
        samples[i] = samples[i].model_copy(update={"gates": [gate], "opener": opener})
        samples[i] = _set(samples[i], scenario={"subtopic": f"probe for {gate}"})
        taken.add(i)
    return samples, notes
