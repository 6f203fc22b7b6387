"""Guide sections and checklists from the knowledge base, with a plain message when it is down.

Every hit keeps its source file and section, so drafts and answers can cite them.
A missing or unbuilt index never stops the session: the gate drafts from the template
and the stop says how to build the index.
"""

from __future__ import annotations

import asyncio
from typing import Any

from ftdesign.agent.records import Source
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
    browser app's other chats must not freeze meanwhile.
    """
    return await asyncio.to_thread(_search, query, k, gate, domain)


def _search(
    query: str, k: int, gate: str | None, domain: str | None
) -> tuple[list[Source], str | None]:
    try:
        from ftdesign import knowledge
        hits = knowledge.search(query, k=k, gate=gate, domain=domain or None)
    except FtdesignError as error:
        return [], UNAVAILABLE.format(error=str(error).splitlines()[0])
    except (ImportError, AttributeError) as error:  # knowledge layer not installed yet
        return [], UNAVAILABLE.format(error=f"{type(error).__name__}: {error}")
    sources = [
        Source(source=_field(h, "source"), section=_field(h, "section"), text=_field(h, "text"))
        for h in hits
    ]
    return sources, None


async def gate_sources(
    query: str, gate: str | None, domain: str, k: int
) -> tuple[list[Source], str | None]:
    """This gate's guide sections; the worked domain's notes are added when they match."""
    sources, notice = await search(query, k, gate=gate)
    if notice is None and domain:
        extra, _ = await search(query, 1, gate=gate, domain=domain)
        sources += [s for s in extra if s not in sources]
    return sources, notice


def checklist(gate: str) -> list[str]:
    """The gate's checklist from its guide; empty when the knowledge layer cannot say."""
    try:
        from ftdesign import knowledge
        return [str(item) for item in knowledge.checklist(gate)]
    except (FtdesignError, ImportError, AttributeError, KeyError, ValueError):
        return []
