"""The gate ids and each gate's review checklist, read straight from its guide.

Each guide has a `## Checklist` section of `- ` bullets; the agent asks these questions when
it reviews a gate's artifact. Reading Markdown needs no store, so this stays cheap.
"""

from __future__ import annotations

from pathlib import Path

from ftdesign.knowledge import locations, markdown_sections
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.step_model import Registry, StepDeclarationError
from ftdesign.tools.steps import REGISTRY

# The gates of tools/steps.py, plus the expert panel's own guide (`review`).
GATES = (*REGISTRY.gate_ids, "review")
CHECKLIST_HEADING = "Checklist"


def check_gate(gate: str) -> str:
    """Return `gate` if it is a known gate id, else raise a message listing the valid ones."""
    if gate not in GATES:
        raise FtdesignError(f"unknown gate {gate!r}", hint=f"use one of: {', '.join(GATES)}")
    return gate


def guide_for(gate: str, guides_dir: Path | None = None) -> Path:
    """The guide a gate declares (tools/steps.py), else the one whose front matter names it."""
    check_gate(gate)
    folder = guides_dir or locations.guides_dir()
    declared = REGISTRY.by_id[gate].guide if gate in REGISTRY.by_id else None
    if declared and (folder / declared).is_file():
        return folder / declared
    for path in sorted(folder.glob("*.md")):
        front, _ = markdown_sections.split_front_matter(path.read_text(encoding="utf-8"))
        if front.get("gate") == gate:
            return path
    raise FtdesignError(
        f"no guide in {folder} declares gate {gate!r}",
        hint="add `gate: <id>` to the front matter of the guide for that gate",
    )


def bullets(body: str) -> list[str]:
    """`- ` bullets of a Markdown body, with wrapped continuation lines joined."""
    items: list[str] = []
    for line in body.splitlines():
        stripped = line.strip()
        if stripped.startswith("- "):
            items.append(stripped[2:].strip())
        elif stripped and items and line.startswith(" "):
            items[-1] = f"{items[-1]} {stripped}"
    return items


def checklist(gate: str, guides_dir: Path | None = None) -> list[str]:
    """The review questions for `gate`, in the order the guide lists them."""
    return checklist_in(guide_for(gate, guides_dir))


def checklist_in(path: Path) -> list[str]:
    """The `- ` items of a guide's checklist section."""
    _, _, sections = markdown_sections.parse(path.read_text(encoding="utf-8"), path.stem)
    for name, body in sections:
        if name == CHECKLIST_HEADING:
            return bullets(body)
    raise FtdesignError(
        f"{path} has no '## {CHECKLIST_HEADING}' section",
        hint="add one with a `- ` bullet per check",
    )


def require_checklists(registry: Registry = REGISTRY, guides_dir: Path | None = None) -> None:
    """Fail loudly when a gate's guide has no checklist: its review would pass on nothing."""
    folder = guides_dir or locations.guides_dir()
    for step in registry.gates:
        path = folder / (step.guide or "")
        try:
            items = checklist_in(path) if path.is_file() else []
            why = "its '## Checklist' has no `- ` items" if path.is_file() else "no such file"
        except FtdesignError as error:
            items, why = [], error.message
        if not items:
            raise StepDeclarationError(
                f"step {step.id!r}: field 'guide' ({step.guide}) gives no checklist: {why}",
                hint="declare the gate's guide in tools/steps.py and give it a checklist",
            )
