"""Identity fields: drawn per persona by the sampler and handed to the simulator's prompt."""

from __future__ import annotations

import yaml

from ftdesign.knowledge.domains import domain_artifact
from ftdesign.tools.persona_identity import age_range
from ftdesign.tools.persona_sampler import sample_personas
from ftdesign.tools.schemas import PersonaTemplate


def coaching() -> PersonaTemplate:
    return PersonaTemplate.from_data(yaml.safe_load(domain_artifact("coaching", "persona")))


def test_every_persona_gets_a_name_and_an_age_inside_its_band() -> None:
    personas = sample_personas(coaching(), 60, seed=3)
    assert all(p.identity.get("name") for p in personas)
    assert len({p.identity["name"] for p in personas}) > 20
    for persona in personas:
        low, high = age_range(persona.attributes["age_band"] or "") or (0, 0)
        assert low <= int(persona.identity["age"]) <= high


def test_identity_is_reproducible_and_leaves_other_draws_alone() -> None:
    first, again = sample_personas(coaching(), 10, seed=5), sample_personas(coaching(), 10, seed=5)
    assert [p.identity for p in first] == [p.identity for p in again]
    stripped = [p.model_dump(exclude={"identity"}) for p in first]
    assert stripped == [p.model_dump(exclude={"identity"}) for p in again]


def test_no_age_without_an_age_band() -> None:
    template = yaml.safe_load(domain_artifact("tutoring", "persona"))
    personas = sample_personas(PersonaTemplate.from_data(template), 5)
    assert all("age" not in p.identity and p.identity["name"] for p in personas)


def test_the_simulator_prompt_carries_the_identity() -> None:
    from ftdesign.evals.dataset import build_dataset
    from ftdesign.evals.simulator import fill_prompt
    from ftdesign.tools.schemas import TaxonomyFile

    taxonomy = TaxonomyFile.from_data(yaml.safe_load(domain_artifact("coaching", "taxonomy")))
    sample = build_dataset(taxonomy.taxonomy, coaching(), n=1, seed=2)[0]
    filled = fill_prompt(domain_artifact("coaching", "user_sim"), sample, "early", [])
    identity = sample.persona.identity
    assert f"{identity['name']}, {identity['age']}." in filled
