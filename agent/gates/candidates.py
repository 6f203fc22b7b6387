"""Which GGUF files the model-choice gate may open, and how they are named back.

In the CLI the user is the machine's owner: any path they give is theirs to read.
In the browser app the person typing is not: `candidates: [/etc/shadow]` (or a model's
settings reply saying the same) must neither read a server file nor tell whether it
exists. There, candidates are names inside the models folder (FTDESIGN_MODELS_DIR)
or the embedded demo model; anything else gets one and the same refusal before the
file system is touched, and documents and messages show the name, not the server path.
"""

from __future__ import annotations

import os
from pathlib import Path

from ftdesign.models import MODELS_DIR, embedded_gguf_path, models_dir
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.gguf_facts import ModelFacts, inspect_gguf


def _embedded() -> Path | None:
    try:
        return embedded_gguf_path()
    except FtdesignError:
        return None


def _refused(name: str) -> FtdesignError:
    return FtdesignError(
        f"candidate {name[:80]!r} is not a model in the server's models folder.",
        hint=f"name a .gguf file the server's owner placed in the models folder ({MODELS_DIR}),"
        " e.g. `candidates: [gemma-3-1b-it-Q4_K_M.gguf]`",
    )


def _confined_path(name: str) -> Path:
    """The file `name` stands for inside the models folder; the same refusal otherwise."""
    embedded = _embedded()
    if embedded is not None and name in (str(embedded), embedded.name):
        return embedded
    root = models_dir()
    if root is None or not name.lower().endswith(".gguf"):
        raise _refused(name)
    # normpath, not resolve: `..` cannot climb out, while links the owner put there work
    path = Path(os.path.normpath(root / name))  # an absolute name replaces root
    if not path.is_relative_to(root):
        raise _refused(name)
    return path


def candidate_facts(names: list[str], confined: bool) -> list[ModelFacts]:
    """Facts of each candidate; confined (browser): only the models folder, named by name."""
    if not confined:
        return [inspect_gguf(name) for name in names]
    found = []
    for name in names:
        path = _confined_path(name)  # every name is checked before any file is opened
        try:
            facts = inspect_gguf(path)
        except FtdesignError as error:
            raise FtdesignError(
                f"candidate {name[:80]!r}: not a readable GGUF model in the models folder.",
                hint="ask the server's owner to check the file (a complete .gguf download)",
            ) from error
        found.append(facts.model_copy(update={"path": path.name}))
    return found
