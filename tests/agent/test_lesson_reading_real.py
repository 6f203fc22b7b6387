"""The lesson reading on the real embedded model, forced on: whatever the small model answers,
every judgment shown cites a sentence that is in the draft, or says it is not assessed."""

from __future__ import annotations

import asyncio
import os
import sys
import time
from pathlib import Path

import pytest

from ftdesign.agent.context import AgentContext
from ftdesign.agent.lesson_reading import normalised, with_lesson_readings
from ftdesign.agent.records import Review
from ftdesign.agent.validation import validate_artifact

pytestmark = pytest.mark.slow

# Short on purpose: two cores, one artifact, its four lessons, one call.
DRAFT = """\
# Reply writer
Keep each reply about as long as the customer's message, never more than double.
Ask one question at most.
Offer possible causes as guesses the customer can correct.
"""


def test_every_shown_judgment_cites_the_draft(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in [n for n in os.environ if n.startswith("FTDESIGN_AGENT")]:
        monkeypatch.delenv(name)  # the agent role is the embedded demo model
    ctx = AgentContext(project=tmp_path, review_with_model=True, review_max_tokens=400)
    found = validate_artifact("assistant", DRAFT)
    base = Review(verdict="CONCERNS")
    started = time.perf_counter()
    review = asyncio.run(with_lesson_readings(base, ctx, {"assistant": DRAFT}, found))
    report = [f"\nlesson reading on the embedded model: {time.perf_counter() - started:.1f} s"]
    assert review is not None and len(review.lessons) == 4
    report += [f"  {r.code}: {r.verdict} {r.sentence!r} {r.note}" for r in review.lessons]
    with capsys.disabled():  # the time and readings show in every run
        sys.stdout.write("\n".join(report) + "\n")
    for reading in review.lessons:
        if reading.verdict == "not assessed":
            assert reading.note.startswith("not assessed: ") and not reading.sentence
        else:
            assert normalised(reading.sentence).strip(" .") in normalised(DRAFT)
