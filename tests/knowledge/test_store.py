"""The Chroma store: real PersistentClient in a temp dir, idempotent incremental builds."""

from __future__ import annotations

from pathlib import Path

import pytest

from ftdesign import knowledge
from ftdesign.knowledge import locations
from ftdesign.knowledge.collection import open_collection
from ftdesign.knowledge.corpus import load_corpus
from ftdesign.knowledge.embedding import MiniLMEmbedding
from ftdesign.tools.errors import FtdesignError


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


def test_build_then_rebuild_changes_nothing(
    tmp_path: Path, guide_copy: Path, embedded_texts: list[str]
) -> None:
    store = tmp_path / "store"
    first = knowledge.build(store, guides_dir=guide_copy)
    assert first.added == first.total == len(load_corpus(guide_copy))
    assert len(embedded_texts) == first.total
    embedded_texts.clear()
    second = knowledge.build(store, guides_dir=guide_copy)
    assert not second.changed and second.unchanged == second.total
    assert embedded_texts == []
    collection, location = open_collection(store, fresh=True)
    assert collection.count() == first.total and location == str(store.resolve())


def test_shipped_store_holds_guides_and_domains(built_store: Path) -> None:
    collection, _ = open_collection(built_store, fresh=True)
    expected = load_corpus(locations.guides_dir(), locations.domains_dir())
    assert collection.count() == len(expected)
    stored = collection.get(include=["metadatas"])
    assert {m["hash"] for m in stored["metadatas"]} == {c.content_hash for c in expected}


def test_removed_guide_removes_its_chunks(
    tmp_path: Path, guide_copy: Path, embedded_texts: list[str]
) -> None:
    store = tmp_path / "store"
    knowledge.build(store, guides_dir=guide_copy)
    persona_chunks = [c for c in load_corpus(guide_copy) if c.guide == "personas.md"]
    (guide_copy / "personas.md").unlink()
    embedded_texts.clear()
    report = knowledge.build(store, guides_dir=guide_copy)
    assert report.removed == len(persona_chunks) > 0
    assert (report.added, report.updated, embedded_texts) == (0, 0, [])
    collection, _ = open_collection(store, fresh=True)
    assert not collection.get(where={"guide": "personas.md"})["ids"]


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


def test_the_embedder_waits_without_spinning() -> None:
    # Spinning onnxruntime workers doubled a question's p95 while llama.cpp used the other core.
    embedder = MiniLMEmbedding()
    assert len(embedder(["one short question"])[0]) == 384
    options = embedder._session.get_session_options()
    assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"
