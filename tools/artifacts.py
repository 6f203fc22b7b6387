"""The eight artifacts of a design project: where each lives and which gate owns it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Kind = Literal[
    "model_choice",
    "taxonomy",
    "rubric",
    "persona",
    "user_sim",
    "assistant",
    "system_prompt",
    "eval_results",
]


@dataclass(frozen=True)
class Artifact:
    kind: Kind
    path: str
    gate: str
    title: str

    @property
    def is_yaml(self) -> bool:
        return self.path.endswith(".yaml")


ARTIFACTS: dict[Kind, Artifact] = {
    a.kind: a
    for a in [
        Artifact("model_choice", "model-choice.md", "model_choice", "Model choice"),
        Artifact("taxonomy", "config/input-taxonomy.yaml", "taxonomy", "Input taxonomy"),
        Artifact("rubric", "config/rubric.yaml", "rubric", "Evaluation rubric"),
        Artifact("persona", "config/persona-template.yaml", "personas", "Persona template"),
        Artifact("user_sim", "config/prompts/user_sim.md", "prompts", "User simulator prompt"),
        Artifact("assistant", "config/prompts/assistant.md", "prompts", "Assistant prompt"),
        Artifact("system_prompt", "config/system-prompt.md", "prompts", "System prompt"),
        Artifact("eval_results", "base-model-eval-results.md", "baseline_eval", "Baseline results"),
    ]
}


def kind_of(path: Path) -> Kind | None:
    """Guess an artifact's kind from its file name (`rubric.yaml` -> rubric)."""
    for artifact in ARTIFACTS.values():
        if path.name == Path(artifact.path).name:
            return artifact.kind
    return None
