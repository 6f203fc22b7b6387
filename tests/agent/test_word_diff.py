"""A redraft's change reads as words struck out and words added, in a little context."""

from __future__ import annotations

from ftdesign.agent.records import ArtifactRecord
from ftdesign.agent.word_diff import changed_since, word_diff
from ftdesign.knowledge.domains import domain_artifact


def test_a_one_number_edit_in_a_long_taxonomy_is_one_short_line() -> None:
    old = domain_artifact("coaching", "taxonomy")
    new = old.replace("weight: 0.18", "weight: 0.13", 1)
    diff = word_diff(old, new)
    assert "~~0.18~~ **0.13**" in diff
    assert len(diff) < 120 and "edge" not in diff  # the rest of the file is cut away


def test_words_are_escaped_for_markdown_and_unchanged_text_says_so() -> None:
    assert word_diff("edge_cases: 0.1", "edge_cases: 0.2") == "edge\\_cases: ~~0.1~~ **0.2**"
    assert word_diff("same text", "same text") == "no change"


def test_versions_are_numbered_from_the_artifact_history() -> None:
    record = ArtifactRecord(name="rubric", path="config/rubric.yaml")
    assert changed_since(record.revise("a: 1", "template")) is None
    found = changed_since(record.revise("a: 1", "template").revise("a: 2", "user"))
    assert found == (1, 2, "a: ~~1~~ **2**")
