"""Knowledge base: our guides and worked domains in a Chroma store, searched offline.

Public API (loaded lazily so `import knowledge` stays cheap and never touches Chroma):

- `build(store_dir=None) -> BuildReport`: ingest or refresh the store (only changed chunks).
- `search(query, k=3, gate=None, domain=None, mode="hybrid") -> list[Hit]`: hybrid retrieval;
  builds the store first if it is empty or out of date.
- `checklist(gate) -> list[str]`: a gate's review checklist, read from its guide.
"""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ftdesign.knowledge.checklists import GATES, checklist
    from ftdesign.knowledge.retrieval import MODES, Hit, search
    from ftdesign.knowledge.store import BuildReport, build

# The retrieval module is not called `search.py`: importing a submodule sets it as a package
# attribute, which would shadow the `search` function exported here.
_EXPORTS = {
    "build": "ftdesign.knowledge.store",
    "BuildReport": "ftdesign.knowledge.store",
    "search": "ftdesign.knowledge.retrieval",
    "Hit": "ftdesign.knowledge.retrieval",
    "MODES": "ftdesign.knowledge.retrieval",
    "checklist": "ftdesign.knowledge.checklists",
    "GATES": "ftdesign.knowledge.checklists",
}
__all__ = ["GATES", "MODES", "BuildReport", "Hit", "build", "checklist", "search"]


def __getattr__(name: str) -> Any:
    if name in _EXPORTS:
        return getattr(import_module(_EXPORTS[name]), name)
    raise AttributeError(f"module 'knowledge' has no attribute {name!r}")
