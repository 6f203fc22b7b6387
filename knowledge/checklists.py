"""The gate ids and each gate's review checklist, read straight from its guide.

Each guide has a `## Checklist` section of `- ` bullets; the agent asks these questions when
it reviews a gate's artifact. Reading Markdown needs no store, so this stays cheap.
"""

from __future__ import annotations

from pathlib import Path

from ftdesign.knowledge import locations, markdown_sections
from ftdesign.tools.errors import FtdesignError

GATES = (
    "model_choice",
    "token_economics",
    "taxonomy",
    "rubric",
    "personas",
    "prompts",
    "baseline_eval",
    "review",
)
CHECKLIST_HEADING = "Checklist"


def check_gate(gate: str) -> str:
    """Return `gate` if it is a known gate id, else raise a message listing the valid ones."""
    if gate not in GATES:
        raise FtdesignError(f"unknown gate {gate!r}", hint=f"use one of: {', '.join(GATES)}")
    return gate


def guide_for(gate: str, guides_dir: Path | None = None) -> Path:
    """The guide whose front matter names `gate`."""
    check_gate(gate)
    folder = guides_dir or locations.guides_dir()
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
    path = guide_for(gate, guides_dir)
    _, _, sections = markdown_sections.parse(path.read_text(encoding="utf-8"), path.stem)
    for name, body in sections:
        if name == CHECKLIST_HEADING:
            return bullets(body)
    raise FtdesignError(
        f"{path} has no '## {CHECKLIST_HEADING}' section",
        hint="add one with a `- ` bullet per check",
    )
