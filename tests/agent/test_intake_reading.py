"""Intake reads the constraints a first message states, and asks only for the rest."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
import yaml

from ftdesign.agent.context import AgentContext
from ftdesign.agent.gates.intake import draft
from ftdesign.agent.gates.intake_reading import missing, read_description
from ftdesign.agent.records import DomainContext
from ftdesign.agent.state import DesignState

COACH = (
    "a coaching assistant for people changing careers, runs offline on a laptop,"
    " one career coach can review"
)


def read(text: str) -> DomainContext:
    return read_description(DomainContext(description=text))[0]


def test_the_issue_s_own_sentence_fills_hardware_offline_and_expertise() -> None:
    domain = read(COACH)
    assert (domain.hardware, domain.offline, domain.expertise) == (
        "a laptop",
        True,
        "one career coach",
    )
    assert missing(domain) == ["budget"]


@pytest.mark.parametrize(
    ("text", "field", "value"),
    [
        ("triage for nurses on a 24 GB RTX 4090", "hardware", "a 24 GB RTX 4090"),
        ("a tutor on phones", "hardware", "phones"),
        ("legal intake, must run on-prem", "offline", True),
        ("a tutor, air-gapped school network", "offline", True),
        ("support bot, cloud is fine", "offline", False),
        ("a tutor that does not need to run offline", "offline", False),
        ("billing help, budget of $500, nothing else", "budget", "budget of $500"),
        ("billing help with 40 GPU hours", "budget", "40 GPU hours"),
        ("a hobby project with no budget", "budget", "no budget"),
        ("triage, two senior nurses will review", "expertise", "two senior nurses"),
        ("contracts bot, reviewed by our paralegal team", "expertise", "our paralegal team"),
        ("a chess tutor, no experts available", "expertise", "no experts available"),
    ],
)
def test_common_phrasings_are_read(text: str, field: str, value: object) -> None:
    assert getattr(read(text), field) == value


def test_nothing_is_invented_from_a_bare_domain() -> None:
    domain, heard = read_description(DomainContext(description="customer support for billing"))
    assert heard == [] and missing(domain) == ["offline", "hardware", "budget", "expertise"]


def test_an_explicit_answer_wins_over_the_description() -> None:
    given = DomainContext(description=COACH, hardware="Mac mini M2", offline=False)
    domain, heard = read_description(given)
    assert (domain.hardware, domain.offline) == ("Mac mini M2", False)
    assert heard == ["expertise: one career coach"]


def test_the_intake_draft_says_what_it_heard_and_asks_only_for_the_budget(
    tmp_path: Path,
) -> None:
    state = DesignState(domain=DomainContext(description=COACH))
    drafted = asyncio.run(draft(state, AgentContext(project=tmp_path), []))
    saved = yaml.safe_load(drafted.texts["intake"])
    assert saved["hardware"] == "a laptop" and saved["offline"] is True
    assert saved["expertise"] == "one career coach" and saved["budget"] == "not stated"
    (notice,) = drafted.notices
    assert "hardware: a laptop" in notice and "Still missing: budget" in notice
    assert "expertise (" not in notice and "hardware (" not in notice
