"""The calibration workshop's state on a real worked-domain rubric."""

from __future__ import annotations

import pytest

from ftdesign.agent.ui.calibration import saved
from ftdesign.agent.ui.calibration import workshop as ws
from ftdesign.agent.ui.calibration.cards import check_card, criterion_card
from ftdesign.knowledge.domains import domain_artifact
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.schemas.rubric import CalibrationExample
from ftdesign.tools.validators import validate_text


@pytest.fixture
def workshop() -> ws.Workshop:
    return ws.Workshop.start(domain_artifact("customer_support", "rubric"))


def example(kind="PASS", reply="Sorry it never arrived; do you want a refund?"):
    return CalibrationExample(
        type=kind,
        context="Customer: my parcel never came",
        response=reply,
        reasoning="names the refund the user wants",
    )


def test_starts_with_every_criterion_and_its_examples(workshop):
    rubric = workshop.rubric()
    assert workshop.order == list(rubric.criteria)
    first = workshop.current
    assert len(workshop.kept(first)) == len(rubric.criteria[first].calibration_examples)
    assert "✔" in workshop.count_line(first)


def test_counts_against_the_target(workshop):
    cid = workshop.current
    for item in list(workshop.items[cid]):
        workshop.remove(item.id)
    workshop.add(cid, example())
    assert workshop.count_line(cid).startswith("1 kept · target 3-8 · ⚠ 2 more needed")
    workshop.add(cid, example("FAIL"), proposed=True)  # proposals do not count
    assert workshop.count_line(cid).startswith("1 kept")
    for _ in range(8):
        workshop.add(cid, example())
    assert "too many" in workshop.count_line(cid)


def test_disagreement_relabel_and_keep(workshop):
    cid = workshop.current
    item = workshop.add(cid, example("PASS"))
    item.check = ws.Check(verdict="NO", evidence="the reply never offers the refund")
    assert item.disputed
    card = check_card(item)
    assert "judge disagrees" in card and "the reply never offers the refund" in card
    workshop.relabel(item.id)
    assert item.example.type == "FAIL" and not item.disputed
    other = workshop.add(cid, example("BORDERLINE_PASS"))
    other.check = ws.Check(verdict="NO")
    other.check.kept_anyway = True
    assert not other.disputed
    assert "kept despite the judge's NO" in criterion_card(workshop)


def test_result_is_a_valid_rubric_with_the_kept_examples(workshop):
    cid = workshop.current
    mine = workshop.add(cid, example("BORDERLINE_FAIL", "Please wait a day."))
    workshop.add(cid, example("PASS"), proposed=True)  # never accepted: left out
    text = workshop.result_text()
    criterion = ws.parse_rubric(text).criteria[cid]
    assert criterion.calibration_examples[-1] == mine.example
    assert len(criterion.calibration_examples) == len(workshop.kept(cid))
    assert not [
        f for f in validate_text(text, "rubric", "config/rubric.yaml") if f.severity == "error"
    ]


def test_saved_and_loaded_per_thread(tmp_path, workshop):
    workshop.move(2)
    saved.save(tmp_path, "thread-a", workshop)
    assert saved.load(tmp_path, "thread-a") == workshop
    assert saved.load(tmp_path, "thread-b") is None
    saved.discard(tmp_path, "thread-a")
    assert saved.load(tmp_path, "thread-a") is None


def test_a_broken_rubric_draft_says_what_to_do():
    with pytest.raises(FtdesignError, match="does not parse"):
        ws.Workshop.start("criteria: [unclosed")
