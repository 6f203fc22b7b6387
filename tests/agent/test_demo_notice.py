"""The embedded demo model is announced once, in one notice that says how to replace it."""

from __future__ import annotations

from pathlib import Path

import pytest

from ftdesign.agent.context import AgentContext
from ftdesign.agent.nodes import _model_notes
from ftdesign.agent.state import DesignState


@pytest.fixture
def embedded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AgentContext:
    for name in ("BASE_URL", "MODEL", "GGUF"):
        monkeypatch.delenv(f"FTDESIGN_AGENT_{name}", raising=False)
    return AgentContext(project=tmp_path, draft_with_model=None, review_with_model=None)


def test_one_notice_says_drafting_reviewing_and_how_to_configure(embedded: AgentContext) -> None:
    updates, notices = _model_notes(DesignState(), embedded, "coaching")
    (notice,) = notices
    assert notice.startswith("Embedded demo model (") and notice.count("FTDESIGN_AGENT_GGUF") == 1
    assert "worked 'coaching' domain's artifact" in notice and "it does not review" in notice
    assert updates["demo_notice_shown"] is True


def test_the_notice_follows_what_the_demo_model_is_forced_to_do(embedded: AgentContext) -> None:
    embedded.draft_with_model, embedded.review_with_model = True, True
    (notice,) = _model_notes(DesignState(), embedded, "coaching")[1]
    assert "it drafts weakly" in notice and "it reviews (" in notice and "coaching" not in notice


def test_the_notice_is_not_repeated_at_later_stops(embedded: AgentContext) -> None:
    assert _model_notes(DesignState(demo_notice_shown=True), embedded, "coaching")[1] == []
