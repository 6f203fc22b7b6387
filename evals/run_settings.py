"""What decides a run's outputs, for its checkpoint key and for the report's Settings.

The key covers the project's artifacts (by digest), each role's model and
sampling settings, the scenario count, turns, seed and token limit, plus a
harness version bumped whenever prompts or the protocol change. Concurrency is
not part of it: it changes how fast a run goes, not what it produces.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ftdesign.evals.length import length_note
from ftdesign.evals.project import EvalProject
from ftdesign.models import embedded_gguf_path, load_role
from ftdesign.tools.redact import redact

# 2: cut-off replies re-requested, judge retries; 3: judge prompt v3; 4: a candidate reply
# asked once at twice the limit (`past_limit` replaces `rerequested` in transcripts)
HARNESS_VERSION = 4
EVAL_ROLES = ("simulator", "candidate", "judge")


def role_identity(role: str, project: Path, overrides: dict[str, Any]) -> dict[str, Any]:
    s = load_role(role, project, **overrides)
    where = s.base_url or str(s.gguf or embedded_gguf_path())
    model = s.model or (Path(where).stem if s.is_local else "(server default)")
    return {
        "model": model,
        "where": redact(where),  # results files are shared; credentials never go in
        "kind": "remote" if s.base_url else "local GGUF",
        "temperature": s.temperature,
        "seed": s.seed,
        "max_tokens": s.max_tokens,
    }


def run_settings(
    project: EvalProject,
    overrides: dict[str, dict[str, Any]],
    *,
    scenarios: int,
    turns: int,
    seed: int,
    candidate_max_tokens: int | None,
) -> dict[str, Any]:
    roles = {r: role_identity(r, project.root, overrides.get(r, {})) for r in EVAL_ROLES}
    if candidate_max_tokens is not None:
        roles["candidate"]["max_tokens"] = candidate_max_tokens
    for role in ("simulator", "candidate"):
        roles[role]["seed"] = "per request, from the run seed"
    return {
        "harness": HARNESS_VERSION,
        "project_digest": project.digest,
        "roles": roles,
        "scenarios": scenarios,
        "turns": turns,
        "seed": seed,
    }


def described(settings: dict[str, Any], project: EvalProject, key: str) -> dict[str, str]:
    """The Settings lines of the report (no timestamps: reruns write identical files)."""
    candidate = settings["roles"]["candidate"]
    return {
        "Project": project.root.resolve().name,
        "Candidate model": f"{candidate['model']} ({candidate['where']})",
        "Candidate chosen by": str(settings.get("chosen_by", "the candidate role's settings")),
        "Scenarios": f"{settings['scenarios']}, stratified over the taxonomy topics by weight",
        "Exchanges per conversation": length_note(
            project.rubric, settings["turns"], settings.get("planned")
        ),
        "Seed": str(settings["seed"]),
        "Candidate max tokens per reply": str(candidate["max_tokens"]),
        "Avoided phrases checked in code": str(len(project.avoid_phrases)),
        "Run key": f"{key} (checkpoint in .ftdesign/eval/{key}/)",
    }


def roles_table(settings: dict[str, Any]) -> str:
    lines = [
        "| role | model | served by | temperature | seed | max tokens |",
        "|---|---|---|---|---|---|",
    ]
    for role, r in settings["roles"].items():
        lines.append(
            f"| {role} | {r['model']} | {r['kind']}: {r['where']} | {r['temperature']} |"
            f" {r['seed']} | {r['max_tokens']} |"
        )
    return "\n".join(lines)
