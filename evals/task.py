"""The task: dataset -> solver -> scorer -> report, resumable and concurrent.

Phases: (1) the judge labels the rubric's calibration examples (reliability),
(2) every scenario's conversation is simulated, (3) every conversation is
judged, (4) results.json, the report and its chart are written. Each finished
label, conversation and judgment is appended to the run's records.jsonl first,
so an interrupted run resumes where it stopped and writes the same report.
At most `concurrency` conversations (so requests) are in flight at once; judge
calls of one conversation go one after another so they share a cached prefix.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from ftdesign.evals import phases
from ftdesign.evals.calls import Meter, make_chat, make_judge, role_overrides
from ftdesign.evals.candidates import CandidatePick, resolve_candidates
from ftdesign.evals.consistency import SAMPLES
from ftdesign.evals.consistency_phase import self_consistency
from ftdesign.evals.coverage import cover
from ftdesign.evals.dataset import build_dataset, check_samples
from ftdesign.evals.label_cache import SAMPLES_FOLDER, open_cache
from ftdesign.evals.length import planned_exchanges
from ftdesign.evals.progress import Progress, ProgressCallback
from ftdesign.evals.project import load_project
from ftdesign.evals.records import RUNS, RunStore, run_key
from ftdesign.evals.reliability import TRUST_THRESHOLD
from ftdesign.evals.run_settings import run_settings
from ftdesign.evals.scorer import JudgeCall
from ftdesign.evals.solver import Chat, Limits
from ftdesign.evals.writeup import RunOutput, write_outputs
from ftdesign.models import load_role
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.fit_for_use import require_fit_for_eval

__all__ = ["Progress", "ProgressCallback", "RunOutput", "arun_eval", "run_eval"]


def candidate_limits(root: Path, overrides: dict[str, Any], requested: int | None) -> Limits:
    """The reply limit in effect and, for a GGUF we serve, the context window bounding it."""
    role = load_role("candidate", root, **overrides.get("candidate", {}))
    return Limits(requested, requested or role.max_tokens, role.n_ctx if role.is_local else None)


def _quiet(_: Progress) -> None:
    return None


async def arun_eval(
    project: Path | str,
    *,
    model: str | Path | None = None,
    judge: str | None = None,
    scenarios: int = 20,
    turns: int | None = None,
    seed: int = 0,
    concurrency: int = 1,
    progress: ProgressCallback | None = None,
    candidate_max_tokens: int | None = None,
    trust_threshold: float = TRUST_THRESHOLD,
    consistency_samples: int = SAMPLES,
    chat: Chat | None = None,
    judge_call: JudgeCall | None = None,
    candidate: CandidatePick | None = None,
    meter: Meter | None = None,
) -> RunOutput:
    """Evaluate the candidate on `scenarios` simulated conversations of `turns` exchanges.

    `turns` None takes the exchanges gate 2's token budget plans per example;
    `consistency_samples` is k of the judge self-consistency check (0 skips it).

    `model` is the candidate GGUF, `judge` a judge GGUF or endpoint URL; without them the
    candidate is the one model-choice.md chose (evals/candidates.py) and the judge comes
    from the project's model settings. `candidate` is an already resolved pick (several
    candidates, evals/side_by_side.py); `meter` records the candidate's speed.
    `chat` / `judge_call` replace the model calls (tests).
    """
    require_fit_for_eval(Path(project))  # before any model starts
    proj = load_project(Path(project))
    planned = planned_exchanges(proj.root, proj.system_prompt)
    turns = planned.exchanges if turns is None else turns
    for name, value in (("scenarios", scenarios), ("turns", turns), ("concurrency", concurrency)):
        if value < 1:
            raise FtdesignError(f"{name} is {value}", hint=f"run with {name} of 1 or more")
    pick = candidate or resolve_candidates(proj.root, [model] if model is not None else None)[0]
    overrides = role_overrides(None, judge)
    overrides["candidate"].update(pick.settings)
    settings = run_settings(
        proj,
        overrides,
        scenarios=scenarios,
        turns=turns,
        seed=seed,
        candidate_max_tokens=candidate_max_tokens,
    )
    settings["consistency_samples"] = consistency_samples
    settings["planned"] = {"exchanges": planned.exchanges, "source": planned.source}
    drawn = build_dataset(proj.taxonomy, proj.personas, scenarios, seed)
    samples, settings["coverage"] = cover(drawn, proj.taxonomy, proj.rubric, seed)
    check_samples(samples, proj.taxonomy)  # a corrupted scenario stops the run by name
    key = run_key(settings)
    settings["chosen_by"] = pick.chosen_by  # after the key: who chose it changes no output
    store = RunStore(proj.root / RUNS / key)
    chat = chat or make_chat(proj.root, overrides, meter)
    # An injected judge call has no identity to key cached labels by: it labels every time.
    cache = None if judge_call else open_cache(proj.root, overrides.get("judge", {}))
    samples_cache = (
        None if judge_call else open_cache(proj.root, overrides.get("judge", {}), SAMPLES_FOLDER)
    )
    judge_call = judge_call or make_judge(proj.root, overrides, None)
    report = progress or _quiet

    reliability = await phases.calibrate(
        proj, store, judge_call, concurrency, report, trust_threshold, cache
    )
    transcripts = await phases.converse(
        proj,
        store,
        samples,
        chat,
        concurrency,
        report,
        turns=turns,
        seed=seed,
        limits=candidate_limits(proj.root, overrides, candidate_max_tokens),
    )
    judgments = await phases.judge(proj, store, transcripts, judge_call, concurrency, report)
    reliability = await self_consistency(
        proj, store, transcripts, judgments, judge_call, reliability,
        k=consistency_samples, seed=seed, report=report, cache=samples_cache,
    )  # fmt: skip
    report(Progress("report", 0, 1))
    output = write_outputs(proj, store, key, settings, samples, transcripts, judgments, reliability)
    report(Progress("report", 1, 1, str(output.report)))
    return output


def run_eval(project: Path | str, **options: Any) -> RunOutput:
    """`arun_eval` for synchronous callers (the CLI); from async code await `arun_eval`."""
    return asyncio.run(arun_eval(project, **options))
