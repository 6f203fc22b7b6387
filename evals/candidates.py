"""Which model(s) the baseline evaluation runs, and who chose them.

Precedence, first that names a model wins: `--model` (CLI, may be repeated), the
candidate role's own settings (`[models.candidate]` in ftdesign.toml or
FTDESIGN_CANDIDATE_GGUF / _BASE_URL), the models listed in `model-choice.md` (gate 1's
decision, chosen one first), and last the embedded demo model. The report names the
source, so a baseline measured on the wrong model is visible at a glance.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ftdesign.models import load_role
from ftdesign.tools.artifacts import ARTIFACTS
from ftdesign.tools.choice_entries import ChoiceEntry, parse_entries
from ftdesign.tools.errors import FtdesignError

MODEL_FIELDS = ("gguf", "base_url")


@dataclass(frozen=True)
class CandidatePick:
    """One model to evaluate: its candidate-role settings and the source that chose it."""

    label: str
    chosen_by: str
    settings: dict[str, Any] = field(default_factory=dict)
    position: int | None = None  # index in model-choice.md's list, for `chosen: N`


def _from_flag(value: str | Path) -> CandidatePick:
    entry = ChoiceEntry(str(value))
    if not entry.is_endpoint and not Path(value).is_file():
        raise FtdesignError(
            f"--model {value}: no such file.",
            hint="give the path of a .gguf file, or an http(s):// endpoint URL",
        )
    return CandidatePick(entry.label, "--model", entry.role_settings(Path.cwd()))


def _from_role(project: Path) -> CandidatePick | None:
    role = load_role("candidate", project)
    for name in MODEL_FIELDS:
        source = role.sources.get(name)
        if source and source != "default":
            where = str(getattr(role, name))
            label = role.model or (Path(where).stem if name == "gguf" else where)
            return CandidatePick(label, f"candidate role settings ({source}, {name})")
    return None


def _from_choice(project: Path) -> list[CandidatePick]:
    path = project / ARTIFACTS["model_choice"].path
    if not path.is_file():
        return []
    picks = []
    for entry in parse_entries(path.read_text(encoding="utf-8")):
        settings = entry.role_settings(project)
        gguf = settings.get("gguf")
        if isinstance(gguf, Path) and not gguf.is_file():
            raise FtdesignError(
                f"{path}: candidate `{entry.where}` is not a file on this machine.",
                hint="fix the path in its Candidates list (or at gate 1 with"
                " `candidates: [...]`), or pass --model PATH.gguf",
            )
        mark = "chosen" if entry.chosen else "also listed"
        picks.append(
            CandidatePick(entry.label, f"model-choice.md ({mark})", settings, entry.position)
        )
    return picks


def resolve_candidates(
    project: Path, models: list[str | Path] | None = None
) -> list[CandidatePick]:
    """The models to evaluate, the chosen (or only) one first."""
    if models:
        return [_from_flag(value) for value in models]
    configured = _from_role(project)
    if configured is not None:
        return [configured]
    listed = _from_choice(project)
    if listed:
        return listed
    return [CandidatePick("embedded model", "the embedded default (no model-choice.md names one)")]
