"""Guide sections and checklists from the knowledge base; a plain message when search is down.

Every hit keeps its source file and section, so drafts and answers can cite them.
A missing or unbuilt index never stops the session: the gate drafts from the template
and the stop says how to build the index.
"""

from __future__ import annotations

import asyncio
from typing import Any

from ftdesign import knowledge
from ftdesign.agent import warmup
from ftdesign.agent.records import Source
from ftdesign.agent.state import GATES
from ftdesign.tools.errors import FtdesignError

UNAVAILABLE = "Guide search is unavailable ({error}); run `ftdesign knowledge build` to enable it."


def _field(hit: Any, name: str) -> str:
    value = hit.get(name) if isinstance(hit, dict) else getattr(hit, name, "")
    return str(value or "")


async def search(
    query: str, k: int, gate: str | None = None, domain: str | None = None
) -> tuple[list[Source], str | None]:
    """(sources, None) or ([], a notice saying why the guides could not be searched).

    In a worker thread: the first search loads the index and its embedding model, and the
    browser app's other chats must not freeze meanwhile. While the app's warm-up is still
    loading the index, this waits for it rather than loading a second copy.
    """
    notice = await _index_ready()
    if notice:
        return [], notice
    return await asyncio.to_thread(_search, query, k, gate, domain)


async def _index_ready() -> str | None:
    try:
        await warmup.ready(warmup.INDEX)
    except FtdesignError as error:
        return UNAVAILABLE.format(error=error.message)
    return None


def _search(
    query: str, k: int, gate: str | None, domain: str | None
) -> tuple[list[Source], str | None]:
    try:
        hits = knowledge.search(query, k=k, gate=gate, domain=domain or None)
    except FtdesignError as error:
        return [], UNAVAILABLE.format(error=error.message)
    sources = [
        Source(source=_field(h, "source"), section=_field(h, "section"), text=_field(h, "text"))
        for h in hits
    ]
    return sources, None


async def gate_sources(
    query: str, gate: str | None, domain: str, k: int
) -> tuple[list[Source], str | None]:
    """This gate's guide sections; the worked domain's notes are added when they match.

    Both searches run in one worker thread, and the second reuses the first's query vector
    (knowledge/embedding.py remembers it), so the pair costs about one search.
    """
    notice = await _index_ready()
    if notice:
        return [], notice
    return await asyncio.to_thread(_gate_sources, query, gate, domain, k)


def _gate_sources(
    query: str, gate: str | None, domain: str, k: int
) -> tuple[list[Source], str | None]:
    sources, notice = _search(query, k, gate, None)
    if notice is None and domain:
        extra, _ = _search(query, 1, gate, domain)
        sources += [s for s in extra if s not in sources]
    return sources, notice


def warm_gate_queries() -> str | None:
    """Load the index and the embedding model and remember every gate's query vector, so a
    draft's guide search afterwards runs no model at all; the notice when search is down."""
    from ftdesign.agent.gates import SPECS  # the gates import this module

    for step, spec in SPECS.items():
        if spec.query:
            _, notice = _gate_sources(spec.query, step if step in GATES else None, "", 1)
            if notice:
                return notice
    return None


def checklist(gate: str) -> list[str]:
    """The gate's checklist from its guide; every gate has one (agent/gates checks at import)."""
    return [str(item) for item in knowledge.checklist(gate)]
