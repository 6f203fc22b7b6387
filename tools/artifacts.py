"""The artifacts of a design project (declared per step in tools/steps.py): where each lives
and which gate owns it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ftdesign.tools.steps import REGISTRY

# An artifact kind is an id declared in tools/steps.py (`rubric`, `user_sim`, ...).
Kind = str


@dataclass(frozen=True)
class Artifact:
    kind: Kind
    path: str
    gate: str
    title: str
    rules: str = "document"  # which validator rules check it (tools/validators/run.py)
    schema: Any = None  # the pydantic model a YAML artifact parses into
    root: str = ""  # the YAML root key its body sits under

    @property
    def is_yaml(self) -> bool:
        return self.path.endswith(".yaml")


ARTIFACTS: dict[Kind, Artifact] = {
    kind: Artifact(kind, decl.path, step.id, decl.title, decl.rules, decl.schema_, decl.root)
    for kind, (decl, step) in REGISTRY.artifacts.items()
}


def kind_of(path: Path) -> Kind | None:
    """Guess an artifact's kind from its file name (`rubric.yaml` -> rubric)."""
    for artifact in ARTIFACTS.values():
        if path.name == Path(artifact.path).name:
            return artifact.kind
    return None
