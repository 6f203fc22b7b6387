"""The corpus: which files are indexed, and a cheap way to tell whether any changed.

Guides are domain `general`; every folder under `knowledge/domains/` is a worked domain whose
Markdown and YAML files are indexed too. `source_signature` is what retrieval compares with
the store before each search, so it re-reads files only when their size or mtime changed.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

from ftdesign.knowledge.chunking import GENERAL_DOMAIN, Chunk, chunk_file

_signatures: dict[tuple[Path, Path | None], tuple[object, str]] = {}


def source_files(guides: Path, domains: Path | None = None) -> list[tuple[Path, Path, str]]:
    """(file, root its source path is relative to, domain) for every indexable file."""
    files = [(path, guides.parent, GENERAL_DOMAIN) for path in sorted(guides.glob("*.md"))]
    if domains is not None and domains.is_dir():
        # Skip __pycache__ and hidden folders: a domain folder name starts with a letter or digit.
        for domain_dir in sorted(
            p for p in domains.iterdir() if p.is_dir() and p.name[0].isalnum()
        ):
            for path in sorted(_indexable_files(domain_dir)):
                files.append((path, domains.parent, domain_dir.name))
    return files


def _indexable_files(folder: Path) -> list[Path]:
    """Markdown and YAML files at any depth; os.walk, because every search re-lists them and
    pathlib's rglob made that listing most of the freshness check's time."""
    return [
        Path(parent, name)
        for parent, _, names in os.walk(folder)
        for name in names
        if name.endswith((".md", ".yaml", ".yml")) and os.path.isfile(os.path.join(parent, name))
    ]


def fingerprint(guides: Path, domains: Path | None = None) -> tuple[tuple[str, int, int], ...]:
    """Path, size and mtime of every source file: cheap to compute, changes on any edit."""
    stats = ((path, path.stat()) for path, _, _ in source_files(guides, domains))
    return tuple((str(path), st.st_size, st.st_mtime_ns) for path, st in stats)


def load_corpus(guides: Path, domains: Path | None = None) -> list[Chunk]:
    """All chunks of the guides (domain `general`) and of every worked domain folder."""
    chunks: list[Chunk] = []
    for path, root, domain in source_files(guides, domains):
        chunks.extend(chunk_file(path, root, domain))
    return chunks


def corpus_signature(chunks: list[Chunk]) -> str:
    """One hash over every chunk id and content hash: equal means the store is current."""
    joined = "\n".join(sorted(f"{c.id} {c.content_hash}" for c in chunks))
    return hashlib.sha256(joined.encode("utf-8")).hexdigest()[:32]


def source_signature(guides: Path, domains: Path | None) -> str:
    """`corpus_signature` of the files on disk, recomputed only when a file changed."""
    stamp = fingerprint(guides, domains)
    cached = _signatures.get((guides, domains))
    if cached is None or cached[0] != stamp:
        cached = (stamp, corpus_signature(load_corpus(guides, domains)))
        _signatures[(guides, domains)] = cached
    return cached[1]
