"""Ingest the guide and domain chunks into Chroma, re-embedding only what changed.

Every chunk carries a content hash in its metadata. A build compares those hashes with the
chunks on disk, upserts the new and changed ones, deletes the vanished ones and leaves the rest
alone, so running it twice does nothing the second time. Nothing is indexed at import time.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

try:
    import fcntl
except ImportError:  # Windows: builds are not serialised there
    fcntl = None  # type: ignore[assignment]

from ftdesign.knowledge import locations
from ftdesign.knowledge.chunking import Chunk
from ftdesign.knowledge.collection import location_of, open_collection
from ftdesign.knowledge.corpus import corpus_signature, load_corpus

UPSERT_BATCH = 64


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
    with _build_lock(location_of(store_dir)):
        return _sync(chunks, store_dir, started)


@contextmanager
def _build_lock(location: str) -> Iterator[None]:
    """One build per store at a time (the UI and the CLI may both notice a stale store)."""
    if location.startswith("http") or fcntl is None:
        yield
        return
    Path(location).mkdir(parents=True, exist_ok=True)
    with open(Path(location) / ".ftdesign-build.lock", "w") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)  # released when the file closes
        yield


def _sync(chunks: list[Chunk], store_dir: Path | str | None, started: float) -> BuildReport:
    """Upsert new and changed chunks, delete vanished ones, record the corpus signature."""
    collection, location = open_collection(store_dir, fresh=True)
    stored = collection.get(include=["metadatas"])
    stored_hashes = {
        chunk_id: (meta or {}).get("hash")
        for chunk_id, meta in zip(stored["ids"], stored["metadatas"] or [], strict=False)
    }
    wanted = {chunk.id: chunk for chunk in chunks}
    fresh = [c for c in chunks if stored_hashes.get(c.id) != c.content_hash]
    vanished = [chunk_id for chunk_id in stored_hashes if chunk_id not in wanted]
    for start in range(0, len(fresh), UPSERT_BATCH):  # an interrupted build keeps its progress
        batch = fresh[start : start + UPSERT_BATCH]
        collection.upsert(
            ids=[c.id for c in batch],
            documents=[c.text for c in batch],
            metadatas=[c.metadata() for c in batch],
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
