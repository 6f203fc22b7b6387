"""Taxonomy samplers: large samples follow the weights; stratified sets follow the quotas."""

from __future__ import annotations

import random
from collections import Counter

import pytest
import yaml
from distribution_checks import fits, within_binomial_error
from therapy_reference import TAXONOMY

from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.samplers import allocate_scenarios, sample_taxonomy, topic_counts, topic_shares
from ftdesign.tools.schemas.taxonomy import Taxonomy, TaxonomyFile
from ftdesign.tools.weighted import largest_remainder, shuffled, weighted_pick

N = 20_000
THERAPY = TaxonomyFile.from_data(yaml.safe_load(TAXONOMY.read_text(encoding="utf-8"))).taxonomy
SECTION_FORM = Taxonomy.model_validate(
    {
        "topics": [
            {"name": "billing", "weight": 0.5, "subtopics": ["refund", "invoice"]},
            {"name": "shipping", "weight": 0.35},
        ],
        "edge_cases": {"weight": 0.15, "types": {"legal_threat": 0.75, "profanity": 0.25}},
        "difficulty": {"easy": 0.3, "medium": 0.5, "hard": 0.2},
    }
)


@pytest.fixture(scope="module")
def therapy_sample() -> list:
    return sample_taxonomy(THERAPY, N, seed=2024)


def test_topics_follow_normalised_weights(therapy_sample: list) -> None:
    shares = topic_shares(THERAPY)
    assert sum(shares.values()) == pytest.approx(1.0)
    assert shares["edge_cases"] == pytest.approx(0.15 / 1.05)  # the file's topics sum to 1.05
    assert fits(Counter(s.topic for s in therapy_sample), shares)


def test_fit_check_rejects_wrong_weights(therapy_sample: list) -> None:
    uniform = {name: 1.0 for name in topic_shares(THERAPY)}
    assert not fits(Counter(s.topic for s in therapy_sample), uniform)
    skewed = dict(THERAPY.dimensions["difficulty"], easy=0.27, medium=0.53)
    assert not fits(Counter(s.dimensions["difficulty"] for s in therapy_sample), skewed)


@pytest.mark.parametrize("dimension", list(THERAPY.dimensions))
def test_every_dimension_follows_its_weights(therapy_sample: list, dimension: str) -> None:
    counts = Counter(s.dimensions[dimension] for s in therapy_sample)
    assert fits(counts, THERAPY.dimensions[dimension])


def test_dimensions_are_drawn_independently(therapy_sample: list) -> None:
    styles, difficulty = THERAPY.dimensions["styles"], THERAPY.dimensions["difficulty"]
    joint = Counter((s.dimensions["styles"], s.dimensions["difficulty"]) for s in therapy_sample)
    product = {(a, b): wa * wb for a, wa in styles.items() for b, wb in difficulty.items()}
    assert fits(joint, product)


def test_subtopics_are_uniform_within_a_topic(therapy_sample: list) -> None:
    anxiety = next(t for t in THERAPY.topics if t.name == "anxiety")
    counts = Counter(s.subtopic for s in therapy_sample if s.topic == "anxiety")
    assert fits(counts, dict.fromkeys(anxiety.subtopics, 1.0))


def test_edge_flag_marks_the_edge_topic(therapy_sample: list) -> None:
    assert all(s.is_edge_case == (s.topic == "edge_cases") for s in therapy_sample)


def test_edge_cases_section_form() -> None:
    sample = sample_taxonomy(SECTION_FORM, N, seed=7)
    edges = [s for s in sample if s.is_edge_case]
    assert within_binomial_error(len(edges), N, 0.15)
    assert all(s.topic == "edge_cases" for s in edges)
    assert fits(Counter(s.subtopic for s in edges), {"legal_threat": 0.75, "profanity": 0.25})
    assert fits(Counter(s.topic for s in sample), topic_shares(SECTION_FORM))
    assert {s.subtopic for s in sample if s.topic == "shipping"} == {None}


def test_same_seed_same_scenarios() -> None:
    assert sample_taxonomy(THERAPY, 50, seed=3) == sample_taxonomy(THERAPY, 50, seed=3)
    assert sample_taxonomy(THERAPY, 50, seed=3) != sample_taxonomy(THERAPY, 50, seed=4)


def test_stratified_counts_for_twenty_by_hand() -> None:
    # Quotas 20 * w / 1.05: 3.81, 3.43, 2.29, 2.86, 2.29, 2.48, 2.86 -> floors sum to 16;
    # the 4 left go to the largest remainders: self_worth, edge_cases, anxiety, financial.
    assert topic_counts(THERAPY, 20) == {
        "anxiety": 4,
        "relationships": 3,
        "life_transitions": 2,
        "self_worth": 3,
        "emotional_regulation": 2,
        "financial_stress": 3,
        "edge_cases": 3,
    }


@pytest.mark.parametrize("taxonomy", [THERAPY, SECTION_FORM], ids=["topic", "section"])
@pytest.mark.parametrize("n", range(1, 41))
def test_stratified_allocation_properties(taxonomy: Taxonomy, n: int) -> None:
    counts = topic_counts(taxonomy, n)
    assert sum(counts.values()) == n
    assert counts["edge_cases"] >= 1
    for name, share in topic_shares(taxonomy).items():
        # Largest remainder stays within one of the quota; the edge top-up may move one more.
        assert abs(counts[name] - n * share) < 2
    scenarios = allocate_scenarios(taxonomy, n, seed=n)
    assert Counter(s.topic for s in scenarios) == Counter({k: v for k, v in counts.items() if v})
    assert len({s.id for s in scenarios}) == n


def test_stratified_set_still_varies_other_dimensions() -> None:
    scenarios = allocate_scenarios(THERAPY, 2000, seed=1)
    assert fits(
        Counter(s.dimensions["difficulty"] for s in scenarios),
        {
            "easy": 0.3,
            "medium": 0.5,
            "hard": 0.2,
        },
    )


class FixedDraws(random.Random):
    """A generator whose `random()` returns chosen values, to test pick boundaries."""

    def __init__(self, values: list[float]) -> None:
        super().__init__(0)
        self.values = values

    def random(self) -> float:
        return self.values.pop(0)


def test_weighted_pick_boundaries() -> None:
    rng = FixedDraws([0.0, 0.2499, 0.25, 0.9999])
    assert [weighted_pick(rng, "ab", [1.0, 3.0]) for _ in range(4)] == ["a", "a", "b", "b"]
    assert weighted_pick(FixedDraws([0.5]), "abc", [1.0, 0.0, 1.0]) == "c"


@pytest.mark.parametrize(
    ("options", "weights", "message"),
    [("ab", [1.0], "2 options but 1 weights"), ("ab", [1.0, -1.0], "-1.0"), ("ab", [0, 0], "0")],
)
def test_weighted_pick_refuses_bad_weights(options: str, weights: list, message: str) -> None:
    with pytest.raises(FtdesignError, match=message):
        weighted_pick(random.Random(0), options, weights)


def test_largest_remainder_by_hand() -> None:
    assert largest_remainder([0.5, 0.3, 0.2], 7) == [4, 2, 1]  # quotas 3.5, 2.1, 1.4
    assert largest_remainder([1, 1, 1], 2) == [1, 1, 0]  # ties go to the earlier entry
    assert largest_remainder([0.2, 0.8], 0) == [0, 0]


def test_shuffled_is_a_permutation_and_seeded() -> None:
    items = list(range(30))
    first = shuffled(random.Random(5), items)
    assert sorted(first) == items and first != items
    assert first == shuffled(random.Random(5), items)
