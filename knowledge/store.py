"""Ingest the guide and domain chunks into Chroma, re-embedding only what changed.

Every chunk carries a content hash in its metadata. A build compares those hashes with the
chunks on disk, upserts the new and changed ones, deletes the vanished ones and leaves the rest
alone, so running it twice does nothing the second time. Nothing is indexed at import time.
"""

from __future__ import annotations

import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from knowledge import locations
from knowledge.corpus import corpus_signature, load_corpus
from tools.errors import FtdesignError

_collections: dict[str, Any] = {}


@dataclass(frozen=True)
class BuildReport:
    """What one build did; `location` is the store directory or the server URL."""

    location: str
    total: int
    added: int
    updated: int
    removed: int
    unchanged: int
    seconds: float

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def _location(store_dir: Path | str | None) -> str:
    server = locations.chroma_server()
    if server is not None:
        host, port, ssl = server
        return f"{'https' if ssl else 'http'}://{host}:{port}"
    path = Path(store_dir) if store_dir is not None else locations.default_store_dir()
    return str(path.expanduser().resolve())


def open_collection(store_dir: Path | str | None = None, *, fresh: bool = False) -> tuple[Any, str]:
    """(Chroma collection, location label); HttpClient when FTDESIGN_CHROMA_URL is set.

    The collection handle is cached per location (opening one costs tens of milliseconds);
    `fresh=True` re-reads it, including its metadata, from the store.
    """
    location = _location(store_dir)
    if fresh or location not in _collections:
        import chromadb
        from chromadb.config import Settings

        from knowledge.embedding import shared_embedding

        settings = Settings(anonymized_telemetry=False)
        server = locations.chroma_server()
        # Chroma's annotation wants an embedder of texts *or* images; ours embeds texts only.
        embedder: Any = shared_embedding()
        try:
            if server is not None:
                host, port, ssl = server
                client = chromadb.HttpClient(host=host, port=port, ssl=ssl, settings=settings)
            else:
                Path(location).mkdir(parents=True, exist_ok=True)
                client = chromadb.PersistentClient(path=location, settings=settings)
            _collections[location] = client.get_or_create_collection(
                locations.COLLECTION_NAME, embedding_function=embedder
            )
        except (OSError, ValueError, RuntimeError) as error:  # what Chroma raises for these
            raise FtdesignError(
                f"cannot open the knowledge store at {location}: {error}",
                hint="start the Chroma server or unset FTDESIGN_CHROMA_URL"
                if server
                else "check the directory is writable, or delete it and run "
                "`ftdesign knowledge build`",
            ) from error
    return _collections[location], location


def build(
    store_dir: Path | str | None = None,
    *,
    guides_dir: Path | None = None,
    domains_dir: Path | None = None,
) -> BuildReport:
    """Bring the store in line with the guides and worked domains; safe to run any time."""
    started = time.perf_counter()
    guides = guides_dir or locations.guides_dir()
    # A caller that points at its own guides gets only the domains it names, not ours.
    custom = guides_dir is not None or domains_dir is not None
    domains = domains_dir if custom else locations.domains_dir()
    chunks = load_corpus(guides, domains)
    collection, location = open_collection(store_dir, fresh=True)
    stored = collection.get(include=["metadatas"])
    stored_hashes = {
        chunk_id: (meta or {}).get("hash")
        for chunk_id, meta in zip(stored["ids"], stored["metadatas"] or [], strict=False)
    }
    wanted = {chunk.id: chunk for chunk in chunks}
    fresh = [c for c in chunks if stored_hashes.get(c.id) != c.content_hash]
    vanished = [chunk_id for chunk_id in stored_hashes if chunk_id not in wanted]
    if fresh:
        collection.upsert(
            ids=[c.id for c in fresh],
            documents=[c.text for c in fresh],
            metadatas=[c.metadata() for c in fresh],
        )
    if vanished:
        collection.delete(ids=vanished)
    signature = corpus_signature(chunks)
    if (collection.metadata or {}).get("signature") != signature:
        collection.modify(metadata={"signature": signature})
    added = sum(1 for c in fresh if c.id not in stored_hashes)
    return BuildReport(
        location=location,
        total=len(chunks),
        added=added,
        updated=len(fresh) - added,
        removed=len(vanished),
        unchanged=len(chunks) - len(fresh),
        seconds=round(time.perf_counter() - started, 3),
    )
