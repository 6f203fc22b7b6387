"""Is an artifact fit for the job about to use it? Validator errors, filtered by that job.

Schema checks alone let a rubric whose weights sum to 1.4 score `1.400 PASS`. Scoring
answers judged elsewhere depends on the rubric's categories, weights, membership,
references, safety gates and threshold, but not on its question wording or calibration
examples, so those rules are left out for `score`. An evaluation also runs the judge
(which reads the questions and calibration examples) and the simulator (taxonomy,
persona template), so every validator error of those files stops it.
"""

from __future__ import annotations

from pathlib import Path

from ftdesign.tools.artifacts import ARTIFACTS, Kind
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.findings import Finding

# Rules about how the judge reads a criterion; a rubric failing them still adds up.
JUDGE_ONLY_RULES = ("rubric.question_", "rubric.calibration_", "rubric.borderline_")
EVAL_INPUTS: tuple[Kind, ...] = ("rubric", "taxonomy", "persona")
SHOWN = 8


def blocking_errors(path: Path, kind: Kind, *, for_scoring_only: bool = False) -> list[Finding]:
    """Validator errors of one artifact file; judge-only rules dropped for scoring."""
    from ftdesign.tools.validators import validate_path

    errors = [f for f in validate_path(path, kind) if f.severity == "error"]
    if for_scoring_only:
        errors = [f for f in errors if not f.code.startswith(JUDGE_ONLY_RULES)]
    for finding in errors:
        finding.file = finding.file or str(path)
    return errors


def describe(findings: list[Finding]) -> str:
    """One line per finding: file, place, code and the message (which carries the fix)."""
    lines = []
    for f in findings[:SHOWN]:
        place = f.location.path or (f"line {f.location.line}" if f.location.line else "file")
        lines.append(f"  {f.file} ({place}) [{f.code}]: {f.message}")
    if len(findings) > SHOWN:
        lines.append(f"  ... and {len(findings) - SHOWN} more")
    return "\n".join(lines)


def scoring_refusal(rubric_path: Path) -> str | None:
    """Why `ftdesign score` must not use this rubric, or None when it may."""
    errors = blocking_errors(rubric_path, "rubric", for_scoring_only=True)
    if not errors:
        return None
    return (
        f"{rubric_path}: the rubric has {len(errors)} error(s) that change every score:\n"
        + describe(errors)
        + f"\n  fix: correct the lines above; `ftdesign validate {rubric_path}` lists them all"
    )


def require_fit_for_eval(project: Path) -> None:
    """Raise before any model starts when the rubric, taxonomy or personas have errors."""
    errors: list[Finding] = []
    for kind in EVAL_INPUTS:
        path = project / ARTIFACTS[kind].path
        if path.is_file():  # a missing file is reported by the project loader
            errors += blocking_errors(path, kind)
    if errors:
        raise FtdesignError(
            f"{project}: the evaluation would judge and simulate from artifacts with"
            f" {len(errors)} validator error(s); no model was started:\n" + describe(errors),
            hint=f"fix the files above (`ftdesign validate {project}` lists every finding),"
            " or revise them at their gate, then run the evaluation again",
        )
