"""The project artifacts an evaluation reads, loaded and checked once.

The run key includes a digest of these files, so editing the rubric or a prompt
starts a fresh run instead of mixing old verdicts with new questions.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from ftdesign.evals.facts import avoid_phrases
from ftdesign.tools.artifacts import ARTIFACTS, Kind
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.schemas import PersonaTemplate, Rubric, Taxonomy, TaxonomyFile

NEEDED: tuple[Kind, ...] = ("taxonomy", "rubric", "persona", "user_sim", "system_prompt")


@dataclass(frozen=True)
class EvalProject:
    root: Path
    taxonomy: Taxonomy
    rubric: Rubric
    personas: PersonaTemplate
    user_sim: str
    system_prompt: str
    avoid_phrases: list[str]
    digest: str


def _path(root: Path, kind: Kind) -> Path:
    return root / ARTIFACTS[kind].path


def project_avoid_phrases(root: Path) -> list[str]:
    """The phrases assistant.md tells the model to avoid; none before gate 6 wrote it."""
    assistant = _path(root, "assistant")
    return avoid_phrases(assistant.read_text(encoding="utf-8")) if assistant.is_file() else []


def load_project(root: Path) -> EvalProject:
    """Load the five artifacts the evaluation needs (assistant.md only for its avoid list)."""
    from ftdesign.tools.loading import load_artifact

    if not root.is_dir():
        raise FtdesignError(f"{root}: no such project folder.", hint="run `ftdesign init DIR`")
    missing = [ARTIFACTS[k].path for k in NEEDED if not _path(root, k).is_file()]
    if missing:
        raise FtdesignError(
            f"{root}: the evaluation needs {', '.join(missing)}, which do not exist yet.",
            hint="finish the taxonomy, rubric, personas and prompts gates first",
        )
    taxonomy = load_artifact(_path(root, "taxonomy"), "taxonomy")
    rubric = load_artifact(_path(root, "rubric"), "rubric")
    personas = load_artifact(_path(root, "persona"), "persona")
    digest = hashlib.sha256()
    for kind in (*NEEDED, "assistant"):
        path = _path(root, kind)
        digest.update(path.read_bytes() if path.is_file() else b"")
    return EvalProject(
        root=root,
        taxonomy=taxonomy.taxonomy if isinstance(taxonomy, TaxonomyFile) else taxonomy,
        rubric=rubric,
        personas=personas,
        user_sim=_path(root, "user_sim").read_text(encoding="utf-8"),
        system_prompt=_path(root, "system_prompt").read_text(encoding="utf-8").strip(),
        avoid_phrases=project_avoid_phrases(root),
        digest=digest.hexdigest()[:16],
    )
