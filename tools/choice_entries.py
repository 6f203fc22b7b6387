"""The candidates of `model-choice.md` as the baseline evaluation reads them back.

Gate 1 writes a numbered list under "## Candidates", one model per line, the chosen
one marked, so gate 7 evaluates exactly what was chosen (and the others beside it):

    1. `/models/gemma-3-270m.gguf` (chosen)
    2. `https://host/v1` model `qwen2.5-7b`

A GGUF path (relative paths are relative to the project) is served locally; an
endpoint is called as is, its key read from the environment as for any role. A
hand-written file without the list still names its model in "## Chosen model".
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

LIST_INTRO = "Models the baseline evaluation (gate 7) runs, chosen one marked:"
CHOSEN_MARK = "(chosen)"
_ENTRY = re.compile(r"^\s*\d+\.\s+`([^`]+)`(?:\s+model\s+`([^`]+)`)?(.*)$")
_TOKEN = re.compile(r"`([^`]+)`")


@dataclass(frozen=True)
class ChoiceEntry:
    """One candidate: a GGUF file or an endpoint (base URL plus the model name sent)."""

    where: str
    model: str | None = None
    chosen: bool = False
    position: int = 0  # 0-based place in the list: gate 1's `chosen: N` counts the same way

    @property
    def is_endpoint(self) -> bool:
        return self.where.startswith(("http://", "https://"))

    @property
    def label(self) -> str:
        if self.is_endpoint:
            return self.model or self.where
        return Path(self.where).stem

    def role_settings(self, project: Path) -> dict[str, object]:
        """The candidate role's settings that serve this entry."""
        if self.is_endpoint:
            return {"base_url": self.where, "model": self.model}
        path = Path(self.where).expanduser()
        return {"gguf": path if path.is_absolute() else project / path}


def render_entries(entries: list[ChoiceEntry]) -> str:
    lines = [LIST_INTRO, ""]
    for number, entry in enumerate(entries, start=1):
        model = f" model `{entry.model}`" if entry.model else ""
        mark = f" {CHOSEN_MARK}" if entry.chosen else ""
        lines.append(f"{number}. `{entry.where}`{model}{mark}")
    return "\n".join(lines)


def _section(text: str, heading: str) -> str:
    match = re.search(rf"^##\s+{re.escape(heading)}\s*$(.*?)(?=^##\s|\Z)", text, re.M | re.S)
    return match.group(1) if match else ""


def _is_model(token: str) -> bool:
    return token.startswith(("http://", "https://")) or token.lower().endswith(".gguf")


def parse_entries(text: str) -> list[ChoiceEntry]:
    """Candidates in the document's order, the chosen one first; [] when none is named."""
    entries: list[ChoiceEntry] = []
    for line in _section(text, "Candidates").splitlines():
        match = _ENTRY.match(line)
        if match and _is_model(match.group(1)):
            where, model, rest = match.groups()
            entries.append(ChoiceEntry(where, model, CHOSEN_MARK in rest, len(entries)))
    if not entries:
        named = [t for t in _TOKEN.findall(_section(text, "Chosen model")) if _is_model(t)]
        entries = [ChoiceEntry(named[0], chosen=True)] if named else []
    if entries and not any(e.chosen for e in entries):
        entries[0] = ChoiceEntry(entries[0].where, entries[0].model, True, 0)
    return sorted(entries, key=lambda e: not e.chosen)
