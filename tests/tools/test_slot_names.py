"""Hints, guides and worked domains name exactly the placeholders the harness fills."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ftdesign.evals.simulator import PLACEHOLDERS, STAGE_GUIDANCE
from ftdesign.knowledge.domains import domain_artifact, list_domains
from ftdesign.tools.findings import CATALOG
from ftdesign.tools.schemas.documents import SIMULATOR_SLOTS
from ftdesign.tools.validators import validate_text
from ftdesign.tools.validators.prompts import EXAMPLES

GUIDES = Path(__file__).parents[2] / "knowledge" / "guides"
SLOT = re.compile(r"\{([a-z][a-z0-9_]*)\}")


def test_the_harness_fills_the_validated_names() -> None:
    assert tuple(PLACEHOLDERS) == SIMULATOR_SLOTS


def test_hints_use_only_harness_names() -> None:
    texts = [*EXAMPLES.values(), *(rule.summary for rule in CATALOG.values())]
    used = {name for text in texts for name in SLOT.findall(text)}
    assert used and used <= set(SIMULATOR_SLOTS), used - set(SIMULATOR_SLOTS)


@pytest.mark.parametrize("guide", sorted(GUIDES.glob("*.md")), ids=lambda p: p.name)
def test_guides_use_only_harness_names(guide: Path) -> None:
    assert set(SLOT.findall(guide.read_text(encoding="utf-8"))) <= set(SIMULATOR_SLOTS)


def test_the_prompts_guide_lists_every_harness_name() -> None:
    assert set(SLOT.findall((GUIDES / "prompts.md").read_text(encoding="utf-8"))) == set(
        SIMULATOR_SLOTS
    )


@pytest.mark.parametrize("domain", list_domains())
def test_worked_user_sim_uses_exactly_the_harness_names(domain: str) -> None:
    assert set(SLOT.findall(domain_artifact(domain, "user_sim"))) == set(SIMULATOR_SLOTS)


def test_the_word_range_hint_uses_the_harness_names() -> None:
    text = "You are {persona}. {flaws}. {stage}. Write {word_min}-{word_max} words.\n"
    messages = " ".join(f.message for f in validate_text(text, "user_sim"))
    assert "{min_words}-{max_words}" in messages and "{word_min}" in messages


def test_default_stage_guidance_is_for_any_domain() -> None:
    coaching_only = re.compile(r"feeling|emotion|past experience|ambivalence", re.I)
    assert not any(coaching_only.search(text) for text in STAGE_GUIDANCE.values())
