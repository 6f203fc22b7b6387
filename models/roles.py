"""Which model serves each role, for reports and `ftdesign models`; starts nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel

from ftdesign.models.embedded import embedded_gguf_path
from ftdesign.models.settings import ROLES, load_role
from ftdesign.tools.redact import redact


class RoleDescription(BaseModel):
    role: str
    kind: str  # "embedded", "gguf" or "remote"
    model: str
    where: str  # GGUF path or endpoint URL
    temperature: float | None
    seed: int | None
    configured_by: str  # the layers that set anything beyond the defaults

    def line(self) -> str:
        sampling = f"temperature {self.temperature}" if self.temperature is not None else ""
        if self.seed is not None:
            sampling += f", seed {self.seed}"
        return f"{self.role:<9} {self.kind:<8} {self.model}  ({self.where}; {sampling})"


def describe_roles(
    project: Path | None = None, overrides: dict[str, dict[str, Any]] | None = None
) -> list[RoleDescription]:
    """One description per role, from the same resolution `get_model` uses."""
    found = []
    for role in ROLES:
        s = load_role(role, project, **(overrides or {}).get(role, {}))
        if s.base_url is not None:
            kind, where, model = "remote", redact(s.base_url), s.model or "(server default)"
        else:
            gguf = s.gguf or embedded_gguf_path()
            kind, where = ("gguf" if s.gguf else "embedded"), str(gguf)
            model = s.model or gguf.stem
        layers = sorted({v for v in s.sources.values() if v != "default"})
        found.append(
            RoleDescription(
                role=role,
                kind=kind,
                model=model,
                where=where,
                temperature=s.temperature,
                seed=s.seed,
                configured_by=", ".join(layers) or "defaults",
            )
        )
    return found


def roles_markdown(project: Path | None = None) -> str:
    """A Markdown table of the roles, for evaluation reports."""
    rows = ["| Role | Model | Served by | Temperature | Seed |", "|---|---|---|---|---|"]
    for d in describe_roles(project):
        rows.append(f"| {d.role} | {d.model} | {d.kind}: {d.where} | {d.temperature} | {d.seed} |")
    return "\n".join(rows) + "\n"
