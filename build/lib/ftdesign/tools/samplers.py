"""Scenario samplers over an input taxonomy (persona sampling: tools/persona_sampler.py).

- `sample_taxonomy`: every scenario draws its topic and each dimension independently
  (the seed's cross-product), for generating varied training inputs.
- `allocate_scenarios`: a small evaluation set stratified over topics: counts
  proportional to the topic weights (largest remainder) and at least one edge case;
  the other dimensions are still drawn independently.

Edge cases come either from a topic named like `edge_cases` or from an
`edge_cases: {weight, types}` section; in the second form a scenario is an edge case
with probability `weight` and its subtopic is one of the types.
"""

from __future__ import annotations

import random

from pydantic import BaseModel, Field

from ftdesign.tools.persona_sampler import Persona, message_flaws, sample_personas, turn_rng
from ftdesign.tools.schemas.taxonomy import Taxonomy
from ftdesign.tools.weighted import largest_remainder, shuffled, weighted_pick

__all__ = [
    "Persona",
    "Scenario",
    "allocate_scenarios",
    "message_flaws",
    "sample_personas",
    "sample_taxonomy",
    "topic_shares",
    "turn_rng",
]

EDGE_SECTION_TOPIC = "edge_cases"


class Scenario(BaseModel):
    """One input to generate or evaluate: a topic, a subtopic and one option per dimension."""

    id: str
    topic: str
    subtopic: str | None = None
    dimensions: dict[str, str] = Field(default_factory=dict)
    is_edge_case: bool = False


def topic_shares(taxonomy: Taxonomy) -> dict[str, float]:
    """Probability of each topic (edge cases included), normalised to sum to 1."""
    total = sum(topic.weight for topic in taxonomy.topics)
    section = taxonomy.edge_cases
    regular = 1.0 - section.weight if section is not None else 1.0
    shares = {t.name: regular * t.weight / total if total > 0 else 0.0 for t in taxonomy.topics}
    if section is not None:
        shares[EDGE_SECTION_TOPIC] = shares.get(EDGE_SECTION_TOPIC, 0.0) + section.weight
    return shares


def _subtopics(taxonomy: Taxonomy, topic: str) -> tuple[list[str], list[float]]:
    """A topic's subtopics with weights (uniform unless edge types carry weights)."""
    section = taxonomy.edge_cases
    if section is not None and topic == EDGE_SECTION_TOPIC:
        if isinstance(section.types, dict):
            return list(section.types), list(section.types.values())
        return list(section.types), [1.0] * len(section.types)
    names: list[str] = next((t.subtopics for t in taxonomy.topics if t.name == topic), [])
    return list(names), [1.0] * len(names)


def _is_edge(taxonomy: Taxonomy, topic: str) -> bool:
    edge_topic = taxonomy.edge_topic
    is_section = taxonomy.edge_cases is not None and topic == EDGE_SECTION_TOPIC
    return is_section or (edge_topic is not None and edge_topic.name == topic)


def _scenario(taxonomy: Taxonomy, rng: random.Random, index: int, topic: str) -> Scenario:
    names, weights = _subtopics(taxonomy, topic)
    subtopic = weighted_pick(rng, names, weights, f"subtopics of {topic}") if names else None
    dimensions = {
        name: weighted_pick(rng, list(options), list(options.values()), f"taxonomy.{name}")
        for name, options in taxonomy.dimensions.items()
    }
    return Scenario(
        id=f"s{index:03d}",
        topic=topic,
        subtopic=subtopic,
        dimensions=dimensions,
        is_edge_case=_is_edge(taxonomy, topic),
    )


def sample_taxonomy(taxonomy: Taxonomy, n: int, seed: int = 0) -> list[Scenario]:
    """`n` scenarios, every field drawn independently by weight; same seed, same list."""
    rng = random.Random(seed)
    shares = topic_shares(taxonomy)
    topics, weights = list(shares), list(shares.values())
    return [
        _scenario(taxonomy, rng, i + 1, weighted_pick(rng, topics, weights, "taxonomy.topics"))
        for i in range(n)
    ]


def topic_counts(taxonomy: Taxonomy, n: int) -> dict[str, int]:
    """Scenarios per topic for a stratified set of `n`, with at least one edge case."""
    shares = topic_shares(taxonomy)
    counts = dict(zip(shares, largest_remainder(list(shares.values()), n), strict=True))
    edge = [name for name in counts if _is_edge(taxonomy, name)]
    if n > 0 and edge and not any(counts[name] for name in edge):
        # Too few scenarios for the edge share to round up: take one from the largest topic.
        donor = max(counts, key=lambda name: counts[name])
        counts[donor] -= 1
        counts[edge[0]] += 1
    return counts


def allocate_scenarios(taxonomy: Taxonomy, n: int, seed: int = 0) -> list[Scenario]:
    """A stratified evaluation set: topic counts from `topic_counts`, order shuffled."""
    rng = random.Random(seed)
    counts = topic_counts(taxonomy, n)
    topics = shuffled(rng, [name for name, count in counts.items() for _ in range(count)])
    return [_scenario(taxonomy, rng, i + 1, topic) for i, topic in enumerate(topics)]
