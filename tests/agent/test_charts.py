"""Every distribution a person would rather see than read is drawn and kept in charts/."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from pathlib import Path

from ftdesign.agent.charts import stop_charts
from ftdesign.agent.state import DesignState
from ftdesign.knowledge.domains import domain_artifact

SVG = "{http://www.w3.org/2000/svg}"


def texts_of(svg: Path) -> list[str]:
    root = ElementTree.parse(svg).getroot()  # well-formed XML, or this raises
    return [node.text or "" for node in root.iter(f"{SVG}text")]


def test_taxonomy_persona_and_rubric_weights_are_drawn(tmp_path: Path) -> None:
    texts = {
        kind: domain_artifact("customer_support", kind)
        for kind in ("taxonomy", "persona", "rubric")
    }
    saved = stop_charts("taxonomy", DesignState(), texts, tmp_path)
    assert saved == [
        "charts/taxonomy-weights.svg",
        "charts/persona-weights.svg",
        "charts/rubric-weights.svg",
    ]
    taxonomy = texts_of(tmp_path / saved[0])
    assert "topics (sum 1.00)" in taxonomy and "billing" in taxonomy and "0.20" in taxonomy
    rubric = texts_of(tmp_path / saved[2])
    assert "categories (sum 1.00)" in rubric and "resolution" in rubric and "0.35" in rubric


def test_the_token_budget_is_drawn_against_the_window(tmp_path: Path) -> None:
    (saved,) = stop_charts("token_economics", DesignState(), {}, tmp_path)
    labels = " ".join(texts_of(tmp_path / saved))
    assert "system prompt" in labels and "buffer" in labels and "exchanges x" in labels
    assert "of 16,384 tokens" in labels


def test_a_broken_draft_draws_nothing_and_labels_are_escaped(tmp_path: Path) -> None:
    assert stop_charts("taxonomy", DesignState(), {"taxonomy": "a: [1,\n"}, tmp_path) == []
    weird = "taxonomy:\n  stance: {'<open & shut>': 0.5, skeptical: 0.5}\n"
    (saved,) = stop_charts("taxonomy", DesignState(), {"taxonomy": weird}, tmp_path)
    assert "<open & shut>" in texts_of(tmp_path / saved)
