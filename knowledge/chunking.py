"""Split guides and worked-domain files into heading-sized chunks with metadata.

A chunk is one `##` section (or `###` subsection) of a Markdown file, prefixed with the file's
title and the section name so a chunk read alone still says what it is about. Sections longer
than the embedder's window are cut at paragraph boundaries. YAML artifacts in worked domains
are cut per top-level key (and per child key when a key is large).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

from ftdesign.knowledge import markdown_sections, yaml_sections
from ftdesign.tools.artifacts import ARTIFACTS

# MiniLM reads 256 word pieces; about 180 words stays inside that for English prose.
MAX_WORDS = 180
GENERAL_DOMAIN = "general"
# Sections that restate a whole guide in brief; retrieval ranks them below specific sections.
SUMMARY_SECTIONS = frozenset({"Overview", "Checklist", "Rationalisations to resist"})
# Worked-domain files are tagged with the gate that owns them, by file name.
ARTIFACT_GATES = {Path(a.path).name: a.gate for a in ARTIFACTS.values()}


@dataclass(frozen=True)
class Chunk:
    """One retrievable unit; `text` is what gets embedded, indexed and shown."""

    id: str
    text: str
    source: str  # path relative to the knowledge root, e.g. guides/rubric.md
    guide: str  # file name, e.g. rubric.md
    section: str
    gate: str
    domain: str

    @property
    def kind(self) -> str:
        """`guide` (a specific guide section), `summary` (overview, checklist) or `example`."""
        if self.domain != GENERAL_DOMAIN:
            return "example"
        return "summary" if self.section in SUMMARY_SECTIONS else "guide"

    @property
    def content_hash(self) -> str:
        """Changes whenever the text or any metadata changes, so rebuilds can skip the rest."""
        key = "\x1f".join((self.text, self.source, self.section, self.gate, self.domain))
        return hashlib.sha256(key.encode("utf-8")).hexdigest()[:32]

    def metadata(self) -> dict[str, str]:
        return {
            "source": self.source,
            "guide": self.guide,
            "section": self.section,
            "gate": self.gate,
            "domain": self.domain,
            "kind": self.kind,
            "hash": self.content_hash,
        }


def split_words(body: str, max_words: int = MAX_WORDS) -> list[str]:
    """Pack paragraphs (then lines) greedily into pieces of at most `max_words` words."""
    units: list[str] = []
    for paragraph in re.split(r"\n\s*\n", body.strip()):
        if len(paragraph.split()) <= max_words:
            units.append(paragraph)
        else:
            units.extend(line for line in paragraph.splitlines() if line.strip())
    pieces: list[str] = []
    current: list[str] = []
    for unit in units:
        if current and len(" ".join(current + [unit]).split()) > max_words:
            pieces.append("\n\n".join(current))
            current = []
        current.append(unit)
    if current:
        pieces.append("\n\n".join(current))
    return pieces


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "section"


def chunk_file(path: Path, root: Path, domain: str) -> list[Chunk]:
    """Chunks of one guide or domain file; `root` is what `source` paths are relative to."""
    raw = path.read_text(encoding="utf-8")
    source = path.relative_to(root).as_posix()
    if path.suffix in (".yaml", ".yml"):
        front: dict[str, str] = {}
        title = f"{domain} {path.name}"
        sections = yaml_sections.parse(raw, MAX_WORDS, source)
    else:
        front, title, sections = markdown_sections.parse(raw, fallback_title=path.stem)
    gate = front.get("gate") or ARTIFACT_GATES.get(path.name, GENERAL_DOMAIN)
    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    for section, body in sections:
        for piece in split_words(body):
            slug = _slug(section)
            seen[slug] = seen.get(slug, 0) + 1
            chunk_id = f"{source}#{slug}" + (f"-{seen[slug]}" if seen[slug] > 1 else "")
            text = f"{title} - {section}\n\n{piece}"
            chunks.append(Chunk(chunk_id, text, source, path.name, section, gate, domain))
    return chunks
