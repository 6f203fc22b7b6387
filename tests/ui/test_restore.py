"""Which saved message gets a resumed stop's buttons back."""

from __future__ import annotations

from ftdesign.agent.ui.restore import restored_ids, restored_panel
from ftdesign.agent.ui.stop_message import REVIEW_MARK, STOP_MARK
from ftdesign.agent.ui.stop_view import EXCERPTS


def step(id_, **metadata):
    return {"id": id_, "metadata": metadata}


def test_newest_stop_of_the_waiting_step_and_its_review_are_found():
    history = [
        step("a", **{STOP_MARK: "rubric"}),
        step("b", **{REVIEW_MARK: "rubric"}),
        step("c"),
        step("d", **{STOP_MARK: "rubric"}),
        step("e", **{REVIEW_MARK: "rubric"}),
        step("f"),
    ]
    assert restored_ids(history, "rubric") == ("d", "e")


def test_a_newer_stop_of_another_step_means_show_the_stop_again():
    history = [step("a", **{STOP_MARK: "rubric"}), step("b", **{STOP_MARK: "personas"})]
    assert restored_ids(history, "rubric") == (None, None)
    assert restored_ids([step("x"), {"id": "y", "metadata": "not json"}], "rubric") == (None, None)


def test_the_restored_guide_panel_is_found_by_name_and_message():
    thread = {
        "id": "t",
        "elements": [
            {"id": "e1", "name": "model-choice.md", "forId": "d"},
            {"id": "e2", "name": EXCERPTS, "forId": "a"},
            {"id": "e3", "name": EXCERPTS, "forId": "d"},
        ],
    }
    panel = restored_panel(thread, "d")
    assert (panel.id, panel.thread_id) == ("e3", "t")
    assert restored_panel(thread, "zz") is None
