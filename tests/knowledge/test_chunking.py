"""Chunking: heading-sized chunks with gate, guide, section and domain metadata."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ftdesign.knowledge import checklist, locations
from ftdesign.knowledge.checklists import GATES, guide_for
from ftdesign.knowledge.chunking import MAX_WORDS, chunk_file
from ftdesign.knowledge.corpus import load_corpus
from ftdesign.knowledge.markdown_sections import parse
from ftdesign.tools.errors import FtdesignError


def test_every_gate_has_exactly_one_guide() -> None:
    gates = [
        chunk.gate for chunk in load_corpus(locations.guides_dir()) if chunk.section == "Checklist"
    ]
    assert sorted(gates) == sorted(GATES)


def test_guide_chunks_carry_metadata_and_unique_ids() -> None:
    chunks = load_corpus(locations.guides_dir())
    assert len(chunks) >= 8 * 8
    assert len({c.id for c in chunks}) == len(chunks)
    for chunk in chunks:
        assert chunk.gate in GATES
        assert chunk.domain == "general"
        assert chunk.source == f"guides/{chunk.guide}"
        assert chunk.section and chunk.section in chunk.text.splitlines()[0]
        body = chunk.text.split("\n\n", 1)[1]
        assert len(body.split()) <= MAX_WORDS + 40  # one over-long line may exceed slightly


@pytest.mark.parametrize("path", sorted(locations.guides_dir().glob("*.md")), ids=lambda p: p.name)
def test_guides_have_checklist_rationalisations_and_calibration_note(path: Path) -> None:
    front, _, sections = parse(path.read_text(encoding="utf-8"), path.stem)
    names = [name for name, _ in sections]
    assert front["gate"] in GATES
    assert "Checklist" in names and "Rationalisations to resist" in names
    assert re.search(r"starting point", path.read_text(encoding="utf-8"), re.IGNORECASE)


@pytest.mark.parametrize("gate", GATES)
def test_checklist_lists_the_bullets_of_the_gate_guide(gate: str) -> None:
    items = checklist(gate)
    assert len(items) >= 4
    assert all(item and not item.startswith("-") for item in items)
    assert guide_for(gate).read_text(encoding="utf-8").count("\n- ") >= len(items)


def test_unknown_gate_is_a_clear_error() -> None:
    with pytest.raises(FtdesignError, match="unknown gate 'rubrics'"):
        checklist("rubrics")


def test_markdown_sections_subheadings_fences_and_first_line_gate(tmp_path: Path) -> None:
    guide = tmp_path / "guides" / "demo.md"
    guide.parent.mkdir()
    long_paragraphs = "\n\n".join(f"Paragraph {i} " + "word " * 60 for i in range(6))
    guide.write_text(
        "gate: rubric\n# Demo guide\nIntro line.\n## Alpha\nText.\n```\n## not a heading\n```\n"
        f"### Beta\nMore.\n## Long\n{long_paragraphs}\n",
        encoding="utf-8",
    )
    chunks = chunk_file(guide, tmp_path, "general")
    sections = [c.section for c in chunks]
    assert sections[:3] == ["Overview", "Alpha", "Alpha / Beta"]
    assert "## not a heading" in chunks[1].text
    long_parts = [c for c in chunks if c.section == "Long"]
    assert len(long_parts) >= 2 and len({c.id for c in long_parts}) == len(long_parts)
    assert all(c.gate == "rubric" and c.text.startswith("Demo guide - ") for c in chunks)


def test_domain_files_get_domain_and_gate_from_path(tmp_path: Path) -> None:
    (tmp_path / "guides").mkdir()
    config = tmp_path / "domains" / "tutoring" / "config"
    config.mkdir(parents=True)
    (config / "rubric.yaml").write_text(
        "pass_threshold: 0.8\ncriteria:\n  TQ1: {name: Accurate, question: Is it right?}\n",
        encoding="utf-8",
    )
    chunks = load_corpus(tmp_path / "guides", tmp_path / "domains")
    assert {c.domain for c in chunks} == {"tutoring"}
    assert {c.gate for c in chunks} == {"rubric"}
    assert {c.section for c in chunks} == {"pass_threshold", "criteria"}
    assert all(c.source == "domains/tutoring/config/rubric.yaml" for c in chunks)


def test_broken_domain_yaml_names_the_file(tmp_path: Path) -> None:
    (tmp_path / "guides").mkdir()
    broken = tmp_path / "domains" / "sales" / "config" / "rubric.yaml"
    broken.parent.mkdir(parents=True)
    broken.write_text("criteria: [unclosed\n", encoding="utf-8")
    with pytest.raises(FtdesignError, match="domains/sales/config/rubric.yaml is not valid YAML"):
        load_corpus(tmp_path / "guides", tmp_path / "domains")
