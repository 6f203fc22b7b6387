"""The Chroma store: real PersistentClient in a temp dir, idempotent incremental builds."""

from __future__ import annotations

from pathlib import Path

import pytest

import knowledge
from knowledge import locations
from knowledge.chunking import load_corpus
from knowledge.embedding import MiniLMEmbedding
from knowledge.store import open_collection
from tools.errors import FtdesignError


@pytest.fixture
def embedded_texts(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Every text the real embedder is asked to embed, recorded as it passes through."""
    seen: list[str] = []
    original = MiniLMEmbedding._embed_batch

    def recording(self: MiniLMEmbedding, texts: list[str]):  # type: ignore[no-untyped-def]
        seen.extend(texts)
        return original(self, texts)

    monkeypatch.setattr(MiniLMEmbedding, "_embed_batch", recording)
    return seen


def test_build_then_rebuild_changes_nothing(tmp_path: Path, embedded_texts: list[str]) -> None:
    first = knowledge.build(tmp_path)
    assert first.added == first.total == len(load_corpus(locations.guides_dir()))
    assert len(embedded_texts) == first.total
    embedded_texts.clear()
    second = knowledge.build(tmp_path)
    assert not second.changed and second.unchanged == second.total
    assert embedded_texts == []
    collection, location = open_collection(tmp_path)
    assert collection.count() == first.total and location == str(tmp_path.resolve())


def test_editing_one_guide_reembeds_only_its_changed_chunks(
    tmp_path: Path, guide_copy: Path, embedded_texts: list[str]
) -> None:
    store = tmp_path / "store"
    knowledge.build(store, guides_dir=guide_copy)
    rubric = guide_copy / "rubric.md"
    text = rubric.read_text(encoding="utf-8")
    edited = text.replace("Numeric scales drift.", "Numeric scales wander about.")
    edited = edited.replace("## Evidence before verdict", "## Evidence first, verdict last")
    rubric.write_text(edited, encoding="utf-8")
    embedded_texts.clear()
    report = knowledge.build(store, guides_dir=guide_copy)
    assert (report.updated, report.added, report.removed) == (1, 1, 1)
    assert len(embedded_texts) == 2
    assert all(t.startswith("The evaluation rubric") for t in embedded_texts)
    hits = knowledge.search(
        "why do graded scales wander", gate="rubric", store_dir=store, guides_dir=guide_copy
    )
    assert any("wander about" in hit.text for hit in hits)


def test_default_store_dir_follows_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FTDESIGN_KNOWLEDGE_DIR", str(tmp_path / "kb"))
    assert locations.default_store_dir() == tmp_path / "kb"
    monkeypatch.delenv("FTDESIGN_KNOWLEDGE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    assert locations.default_store_dir() == tmp_path / "cache" / "ftdesign" / "knowledge"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("http://chroma.internal:9000", ("chroma.internal", 9000, False)),
        ("https://kb.example.org", ("kb.example.org", 443, True)),
        ("localhost:8123", ("localhost", 8123, False)),
        ("", None),
    ],
)
def test_chroma_url_parsing(
    monkeypatch: pytest.MonkeyPatch, url: str, expected: tuple[str, int, bool] | None
) -> None:
    monkeypatch.setenv("FTDESIGN_CHROMA_URL", url)
    assert locations.chroma_server() == expected


def test_bad_chroma_url_names_the_variable(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FTDESIGN_CHROMA_URL", "ftp://somewhere")
    with pytest.raises(FtdesignError, match="FTDESIGN_CHROMA_URL"):
        locations.chroma_server()
