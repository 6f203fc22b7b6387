"""The agent model reads what the intake's rules missed, and only with the user's own words."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import yaml
from agent_fakes import ScriptedChatModel

from ftdesign.agent.context import AgentContext
from ftdesign.agent.gates import intake_model_reading
from ftdesign.agent.gates.intake import draft
from ftdesign.agent.gates.intake_model_reading import read_with_model
from ftdesign.agent.gates.intake_reading import read_description
from ftdesign.agent.records import DomainContext
from ftdesign.agent.state import DesignState
from ftdesign.knowledge.domains import matched_domain

# The rules read the laptop, offline and the coach; "a few hundred dollars" slips past them.
COACH = (
    "a coaching assistant for people changing careers, runs offline on a laptop,"
    " one career coach can review, and we can put a few hundred dollars into training"
)
TUTOR = "a maths tutor for teenagers on a laptop"


def scripted(reading: dict[str, Any]) -> ScriptedChatModel:
    return ScriptedChatModel(script={"intake": [json.dumps(reading)]})


def read(text: str, model: ScriptedChatModel, **ctx: Any) -> tuple[DomainContext, list[str]]:
    context = AgentContext(project=Path("."), models={"agent": model}, **ctx)
    ruled, _ = read_description(DomainContext(description=text))
    domain, said, failed = asyncio.run(read_with_model(ruled, context))
    assert failed is None
    return domain, said


def test_the_model_fills_a_field_the_rules_missed_and_the_stop_quotes_it(tmp_path: Path) -> None:
    model = scripted(
        {"budget": {"value": "a few hundred dollars", "quote": "A few hundred dollars"}}
    )
    ctx = AgentContext(project=tmp_path, models={"agent": model})
    drafted = asyncio.run(draft(DesignState(domain=DomainContext(description=COACH)), ctx, []))
    saved = yaml.safe_load(drafted.texts["intake"])
    assert saved["budget"] == "a few hundred dollars" and saved["hardware"] == "a laptop"
    (notice,) = drafted.notices
    assert "From your description: hardware: a laptop" in notice
    assert (
        'Read by the agent model (correct any): budget: a few hundred dollars (from "A few'
        in notice
    )
    assert "Nothing is missing" in notice
    asked = model.calls[0][1]
    assert "- budget:" in asked and "- hardware:" not in asked  # only the missing field


def test_the_model_cannot_override_what_the_rules_read() -> None:
    model = scripted(
        {
            "hardware": {"value": "an 80 GB H100", "quote": "on a laptop"},
            "expertise": {"value": "nobody", "quote": "one career coach can review"},
        }
    )
    domain, said = read(COACH, model)
    assert (domain.hardware, domain.expertise) == ("a laptop", "one career coach")
    assert said == []


def test_an_explicit_answer_is_not_asked_for_or_replaced() -> None:
    model = scripted(
        {"budget": {"value": "a few hundred dollars", "quote": "a few hundred dollars"}}
    )
    context = AgentContext(project=Path("."), models={"agent": model})
    given = DomainContext(description=COACH, budget="$2,000")
    domain, said, _ = asyncio.run(read_with_model(read_description(given)[0], context))
    assert domain.budget == "$2,000" and said == [] and model.count("intake") == 0


def test_a_value_whose_quote_is_not_in_the_message_is_dropped() -> None:
    model = scripted({"budget": {"value": "$500", "quote": "a budget of $500"}})
    domain, said = read(COACH, model)
    assert domain.budget == "not stated" and said == []


def test_a_value_of_the_wrong_type_is_dropped() -> None:
    model = scripted(
        {
            "offline": {"value": "yes", "quote": "on a laptop"},
            "budget": {"value": 300, "quote": "maths tutor"},
            "expertise": {"value": "", "quote": "teenagers"},
        }
    )
    domain, said = read(TUTOR, model)
    assert (domain.offline, domain.budget, domain.expertise) == (None, "not stated", "not stated")
    assert said == []


def test_a_boolean_offline_with_a_real_quote_is_kept() -> None:
    model = scripted({"offline": {"value": True, "quote": "on a laptop"}})
    domain, said = read(TUTOR, model)
    assert domain.offline is True and said == ['offline: true (from "on a laptop")']


def test_the_domain_is_read_only_when_no_vocabulary_matched() -> None:
    text = "a helper for beekeepers"
    assert matched_domain(text) is None
    model = scripted({"domain": {"value": "tutoring", "quote": "helper for beekeepers"}})
    domain, said = read(text, model)
    assert domain.closest_domain == "tutoring" and said == [
        'closest_domain: tutoring (from "helper for beekeepers")'
    ]
    unknown = scripted({"domain": {"value": "apiculture", "quote": "helper for beekeepers"}})
    assert read(text, unknown)[0].closest_domain == ""


def test_the_demo_model_decision_makes_no_call() -> None:
    model = scripted(
        {"budget": {"value": "a few hundred dollars", "quote": "a few hundred dollars"}}
    )
    domain, said = read(COACH, model, review_with_model=False)
    assert model.calls == [] and said == [] and domain.budget == "not stated"


def test_the_embedded_model_is_not_asked(tmp_path: Path, monkeypatch: Any) -> None:
    for name in ("FTDESIGN_AGENT_BASE_URL", "FTDESIGN_AGENT_GGUF", "FTDESIGN_REVIEW_WITH_MODEL"):
        monkeypatch.delenv(name, raising=False)

    async def no_call(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the embedded demo model was asked to read the intake")

    # A tripwire, not a stand-in: the demo model's reading would pass unnoticed otherwise,
    # as everything it invents is dropped.
    monkeypatch.setattr(intake_model_reading, "ask_structured", no_call)
    ctx = AgentContext(project=tmp_path)  # no model configured: the embedded demo model
    ruled, _ = read_description(DomainContext(description=COACH))
    domain, said, failed = asyncio.run(read_with_model(ruled, ctx))
    assert (domain, said, failed) == (ruled, [], None)


def test_a_reply_that_never_parses_leaves_the_rules_reading_and_says_so() -> None:
    model = ScriptedChatModel(script={"intake": ["not json at all"]})
    context = AgentContext(project=Path("."), models={"agent": model})
    ruled, _ = read_description(DomainContext(description=COACH))
    domain, said, failed = asyncio.run(read_with_model(ruled, context))
    assert domain == ruled and said == []
    assert failed is not None and failed.startswith("The agent model could not read")
