"""The worked domains: complete, loadable, faithful to the seed's rules, and copyable."""

from __future__ import annotations

import importlib.util
import re
from pathlib import Path

import pytest
import yaml

from ftdesign.knowledge.domains import (
    FALLBACK_DOMAIN,
    closest_domain,
    copy_domain,
    domain_artifact,
    domain_readme,
    list_domains,
)
from ftdesign.tools.artifacts import ARTIFACTS
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.persona_sampler import sample_personas
from ftdesign.tools.samplers import allocate_scenarios
from ftdesign.tools.schemas import PersonaTemplate, Rubric, TaxonomyFile
from ftdesign.tools.schemas.documents import (
    EVAL_UNAVAILABLE,
    MODEL_FACTORS,
    PROMPT_LESSONS,
    REQUIRED_SECTIONS,
    SIMULATOR_SLOTS,
    sections,
)

DOMAINS = list_domains()
USER_SIM_PLACEHOLDERS = set(SIMULATOR_SLOTS)


def load(domain: str, kind: str) -> object:
    return yaml.safe_load(domain_artifact(domain, kind))


def close(value: float, target: float = 1.0) -> bool:
    return abs(value - target) < 1e-6


def test_at_least_the_three_promised_domains() -> None:
    assert {"coaching", "customer_support", "tutoring"} <= set(DOMAINS)


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_artifact_and_readme_present(domain: str) -> None:
    for kind in ARTIFACTS:
        assert domain_artifact(domain, kind).strip(), f"{domain}: {kind} is empty"
    assert "Keywords:" in domain_readme(domain)


@pytest.mark.parametrize("domain", DOMAINS)
def test_taxonomy_follows_the_seed(domain: str) -> None:
    taxonomy = TaxonomyFile.from_data(load(domain, "taxonomy")).taxonomy
    assert close(sum(t.weight for t in taxonomy.topics))
    for name, options in taxonomy.dimensions.items():
        assert close(sum(options.values())), f"{name} weights do not sum to 1"
    assert len(taxonomy.dimensions) >= 5
    assert len(taxonomy.dimensions["difficulty"]) >= 3
    share = taxonomy.edge_case_share
    assert share is not None and 0.12 <= share <= 0.18


@pytest.mark.parametrize("domain", DOMAINS)
def test_rubric_follows_the_seed(domain: str) -> None:
    rubric = Rubric.from_data(load(domain, "rubric"))
    weighted = rubric.weighted_categories
    assert 4 <= len(weighted) <= 5 and close(sum(c.weight or 0 for c in weighted.values()))
    gate_only = [c for c in rubric.categories.values() if c.weight is None]
    assert gate_only, "needs a gate-only safety group"
    listed = [cid for c in rubric.categories.values() for cid in c.criteria]
    assert sorted(listed) == sorted(rubric.criteria), "each criterion in exactly one category"
    assert set(rubric.safety_gates) == {cid for c in gate_only for cid in c.criteria}
    assert 10 <= len(rubric.criteria) <= 14
    for cid, criterion in rubric.criteria.items():
        types = [e.type for e in criterion.calibration_examples]
        assert 3 <= len(types) <= 8, cid
        assert "PASS" in types and "FAIL" in types, cid
        assert any(t.startswith("BORDERLINE") for t in types), cid
        assert criterion.question.strip().endswith("?"), cid


@pytest.mark.parametrize("domain", DOMAINS)
def test_persona_template_follows_the_seed(domain: str) -> None:
    template = PersonaTemplate.from_data(load(domain, "persona"))
    style = template.communication_style
    assert set(style.word_limits) == set(style.options)
    assert all(limit.min < limit.max for limit in style.word_limits.values())
    flaws = template.flaw_patterns
    assert flaws.secondary is not None
    assert (flaws.primary.per_message_probability, flaws.secondary.per_message_probability) == (
        0.5,
        0.2,
    )
    assert close(flaws.no_flaw_share, 0.2)
    groups = [style, flaws.primary, flaws.secondary, *template.attributes.values()]
    for group in groups:
        assert len(group.options) == len(group.weights) and close(sum(group.weights))
    assert "trajectory" in template.attributes and len(template.attributes) >= 3


@pytest.mark.parametrize("domain", DOMAINS)
def test_samplers_accept_the_artifacts(domain: str) -> None:
    taxonomy = TaxonomyFile.from_data(load(domain, "taxonomy")).taxonomy
    scenarios = allocate_scenarios(taxonomy, 20, seed=1)
    assert len(scenarios) == 20 and len({s.topic for s in scenarios}) >= 5
    personas = sample_personas(PersonaTemplate.from_data(load(domain, "persona")), 200, seed=1)
    assert all(p.min_words is not None for p in personas)
    no_flaw = sum(not p.has_flaws for p in personas) / len(personas)
    assert 0.1 <= no_flaw <= 0.35


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("kind", ["assistant", "user_sim"])
def test_prompts_carry_the_lessons(domain: str, kind: str) -> None:
    text = domain_artifact(domain, kind)
    missing = [lesson.code for lesson in PROMPT_LESSONS[kind] if not lesson.found_in(text)]
    assert not missing


@pytest.mark.parametrize("domain", DOMAINS)
def test_user_sim_placeholders_are_exactly_the_harness_fields(domain: str) -> None:
    text = domain_artifact(domain, "user_sim")
    assert set(re.findall(r"\{(\w+)\}", text)) == USER_SIM_PLACEHOLDERS
    # Any other brace would break str.format in the harness.
    assert text.count("{") == text.count("}") == len(re.findall(r"\{\w+\}", text))


@pytest.mark.parametrize("domain", DOMAINS)
def test_system_prompt_is_short(domain: str) -> None:
    from ftdesign.tools.tokens import count_tokens

    tokens = count_tokens(domain_artifact(domain, "system_prompt"))
    assert 150 <= tokens <= 400, tokens


@pytest.mark.parametrize("domain", DOMAINS)
def test_markdown_documents_have_required_sections(domain: str) -> None:
    choice = sections(domain_artifact(domain, "model_choice"))
    for heading in REQUIRED_SECTIONS["model_choice"] + ["Token budget"]:
        assert heading.lower() in choice, heading
    assert all(f.lower() in choice["candidates"].lower() for f in MODEL_FACTORS)
    results_text = domain_artifact(domain, "eval_results")
    assert EVAL_UNAVAILABLE in results_text
    results = sections(results_text)
    assert all(h.lower() in results for h in REQUIRED_SECTIONS["eval_results"])


@pytest.mark.parametrize("domain", DOMAINS)
def test_domain_passes_the_validators(domain: str, tmp_path: Path) -> None:
    if importlib.util.find_spec("ftdesign.tools.validators") is None:
        pytest.skip("ftdesign.tools.validators not written yet")
    from ftdesign.tools.validators import validate_project

    copy_domain(domain, tmp_path)
    errors = [f for f in validate_project(tmp_path) if f.severity == "error"]
    assert not errors, "\n".join(f"{f.file}: {f.code}: {f.message}" for f in errors)


@pytest.mark.parametrize(
    ("description", "expected"),
    [
        ("A homework helper that teaches high-school students algebra and physics", "tutoring"),
        ("an app where kids revise for chemistry exams", "tutoring"),
        ("Support bot for an online shop: refunds, late deliveries", "customer_support"),
        ("helpdesk for a subscription product: cancellations and billing", "customer_support"),
        ("A wellbeing companion for people dealing with stress and burnout", "coaching"),
        ("life coach for new parents struggling with sleep and relationships", "coaching"),
        ("qwerty zxcv", FALLBACK_DOMAIN),
        ("", FALLBACK_DOMAIN),
    ],
)  # fmt: skip
def test_closest_domain(description: str, expected: str) -> None:
    assert closest_domain(description) == expected


def test_copy_domain_writes_the_eight_artifacts(tmp_path: Path) -> None:
    written = copy_domain("tutoring", tmp_path)
    assert sorted(p.relative_to(tmp_path).as_posix() for p in written) == sorted(
        a.path for a in ARTIFACTS.values()
    )
    for kind, artifact in ARTIFACTS.items():
        assert (tmp_path / artifact.path).read_text(encoding="utf-8") == domain_artifact(
            "tutoring", kind
        )


def test_copy_domain_refuses_to_overwrite(tmp_path: Path) -> None:
    rubric = tmp_path / ARTIFACTS["rubric"].path
    rubric.parent.mkdir(parents=True)
    rubric.write_text("mine\n", encoding="utf-8")
    with pytest.raises(FtdesignError, match="rubric.yaml"):
        copy_domain("coaching", tmp_path)
    assert rubric.read_text(encoding="utf-8") == "mine\n"
    assert not (tmp_path / ARTIFACTS["taxonomy"].path).exists(), "nothing written on refusal"


@pytest.mark.parametrize(("name", "kind"), [("astrology", "rubric"), ("coaching", "recipe")])
def test_unknown_names_are_clear_errors(name: str, kind: str) -> None:
    with pytest.raises(FtdesignError, match="fix:"):
        domain_artifact(name, kind)
