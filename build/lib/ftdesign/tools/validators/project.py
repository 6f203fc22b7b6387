"""A whole design project: every artifact of the seed's layout that exists, and the gaps."""

from __future__ import annotations

from pathlib import Path

from ftdesign.tools.artifacts import ARTIFACTS
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.findings import Finding, rule

MISSING = rule("project.artifact_missing", "warning", "each of the eight artifacts exists")
NOTHING = rule("project.no_artifacts", "error", "the folder holds a design project")


def validate_project(folder: Path | str) -> list[Finding]:
    """Findings for every artifact found; a warning per missing one, an error if none."""
    from ftdesign.tools.validators.run import validate_path

    folder = Path(folder)
    if not folder.is_dir():
        raise FtdesignError(f"{folder}: no such folder", hint="pass a project folder or a file")
    findings: list[Finding] = []
    missing = []
    for kind, artifact in ARTIFACTS.items():
        path = folder / artifact.path
        if path.is_file():
            findings += validate_path(path, kind)
        else:
            missing.append(artifact)
    if len(missing) == len(ARTIFACTS):
        return [
            NOTHING.at(
                "",
                f"{folder} holds none of the eight artifacts (model-choice.md, config/...)",
                "run `ftdesign init DIR` to start a project, or pass the project's folder",
                file=str(folder),
            )
        ]
    for artifact in missing:
        findings.append(
            MISSING.at(
                "",
                f"{artifact.path} ({artifact.title.lower()}) does not exist yet",
                f"complete the {artifact.gate} gate to write it",
                file=str(folder / artifact.path),
            )
        )
    return findings
