"""The evaluation dataset: stratified topics, at least one edge case, reproducible."""

from __future__ import annotations

from collections import Counter

import pytest
import yaml
from eval_fakes import DOMAIN

from ftdesign.evals.dataset import build_dataset
from ftdesign.tools.schemas import PersonaTemplate, TaxonomyFile


@pytest.fixture(scope="module")
def inputs():
    config = DOMAIN / "config"
    taxonomy = TaxonomyFile.from_data(yaml.safe_load((config / "input-taxonomy.yaml").read_text()))
    personas = PersonaTemplate.from_data(
        yaml.safe_load((config / "persona-template.yaml").read_text())
    )
    return taxonomy.taxonomy, personas


@pytest.mark.parametrize("n", [5, 20, 37])
def test_topics_follow_their_weights(inputs, n):
    taxonomy, personas = inputs
    counts = Counter(s.scenario.topic for s in build_dataset(taxonomy, personas, n, seed=3))
    total = sum(t.weight for t in taxonomy.topics)
    assert sum(counts.values()) == n
    for topic in taxonomy.topics:
        quota = n * topic.weight / total
        assert abs(counts[topic.name] - quota) < 1.0 + (1 if topic is taxonomy.edge_topic else 0)


def test_at_least_one_edge_case_even_when_small(inputs):
    taxonomy, personas = inputs
    for n in (1, 2, 3):
        samples = build_dataset(taxonomy, personas, n, seed=0)
        assert any(s.scenario.is_edge_case for s in samples)


def test_same_seed_same_dataset_other_seed_differs(inputs):
    taxonomy, personas = inputs
    first = [s.model_dump() for s in build_dataset(taxonomy, personas, 20, seed=7)]
    again = [s.model_dump() for s in build_dataset(taxonomy, personas, 20, seed=7)]
    other = [s.model_dump() for s in build_dataset(taxonomy, personas, 20, seed=8)]
    assert first == again
    assert first != other


def test_every_sample_has_a_persona_with_word_limits(inputs):
    taxonomy, personas = inputs
    samples = build_dataset(taxonomy, personas, 20, seed=1)
    assert len({s.id for s in samples}) == 20
    styles = personas.communication_style
    for sample in samples:
        assert sample.persona.style in styles.options
        limits = styles.word_limits[sample.persona.style]
        assert (sample.persona.min_words, sample.persona.max_words) == (limits.min, limits.max)
        assert sample.difficulty in taxonomy.dimensions["difficulty"]


def test_situation_prefers_the_scenarios_value_over_a_persona_attribute(inputs):
    taxonomy, personas = inputs
    for sample in build_dataset(taxonomy, personas, 20, seed=2):
        situation = sample.situation()
        for name in sample.scenario.dimensions:
            assert situation.count(name.replace("_", " ") + ":") == 1
