"""Finding 8: every YAML the product reads is bounded; no ValidationError text is shown."""

from __future__ import annotations

import pytest

from ftdesign.agent.gates.intake import check as intake_check
from ftdesign.agent.gates.settings import parse_settings
from ftdesign.agent.records import DomainContext
from ftdesign.agent.replies import classify_by_rules
from ftdesign.agent.ui.calibration.workshop import Workshop, parse_rubric
from ftdesign.agent.ui.chat import read_intake
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.findings import SourceError


def alias_bomb(key: str) -> str:
    """About 500 bytes that expand to 9^9 strings when built."""
    lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]']
    for n in range(1, 9):
        lines.append(f"a{n}: &a{n} [" + ",".join([f"*a{n - 1}"] * 9) + "]")
    return "\n".join(lines) + f"\n{key}: *a8\n"


DEEP_REPLY = "[" * 3000 + "]" * 3000  # 6 KB


def pydantic_dump_in(message: str) -> bool:
    return "input_value" in message or "errors.pydantic.dev" in message or "lollol" in message


@pytest.mark.timeout(30)  # unbounded, this took 42 s of CPU and gigabytes
def test_uploaded_intake_alias_bomb_is_refused_before_expansion():
    assert len(alias_bomb("description")) < 600
    with pytest.raises(SourceError) as caught:
        read_intake(alias_bomb("description"))
    assert caught.value.finding.code == "yaml.alias_expansion"
    assert ".ftdesign/intake.yaml" in str(caught.value)


def test_uploaded_intake_of_the_wrong_shape_gets_a_short_message():
    with pytest.raises(FtdesignError) as caught:
        read_intake("description: [1, 2]\noffline: maybe\n")
    message = str(caught.value)
    assert "not a valid intake (description:" in message and not pydantic_dump_in(message)


@pytest.mark.timeout(30)
def test_workshop_rubric_alias_bomb_is_refused():
    with pytest.raises(FtdesignError) as caught:
        Workshop.start(alias_bomb("criteria"))
    assert "config/rubric.yaml" in str(caught.value) and not pydantic_dump_in(str(caught.value))
    with pytest.raises(FtdesignError) as caught:
        parse_rubric("criteria: 3\n")
    assert not pydantic_dump_in(str(caught.value))


def test_a_deeply_nested_chat_reply_gets_a_clear_message_not_recursion_error():
    for read in (
        lambda: classify_by_rules(DEEP_REPLY, "rubric"),
        lambda: parse_settings(DEEP_REPLY, DomainContext, DomainContext()),
    ):
        with pytest.raises(FtdesignError) as caught:  # RecursionError before
            read()
        assert "the reply" in str(caught.value) and "nest" in str(caught.value)


def test_moderately_nested_reply_is_refused_by_our_own_bound():
    reply = "[" * 60 + "]" * 60
    with pytest.raises(SourceError) as caught:
        classify_by_rules(reply, "rubric")
    assert caught.value.finding.code == "yaml.too_deep"


def test_intake_check_reports_a_bomb_as_a_finding(tmp_path):
    issues = intake_check(None, None, {"intake": alias_bomb("description")})  # type: ignore[arg-type]
    assert [i.code for i in issues] == ["intake.invalid"]
    assert "aliases" in issues[0].message or "expands" in issues[0].message
