"""Before any model call: what a run will do (`plan_run`) and what it will call (`run_calls`).

`plan_run` refuses unfit artifacts and bad counts, picks the candidate, settles the
settings that key the run's checkpoint, and draws the scenarios with their coverage.
`run_calls` builds the chat and judge calls and the judge's caches (labels and
self-consistency samples); an injected judge call has no identity to key cached
verdicts by, so it gets no cache and is asked every time.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ftdesign.evals.calls import Meter, make_chat, make_judge, role_overrides
from ftdesign.evals.candidates import CandidatePick, resolve_candidates
from ftdesign.evals.coverage import cover
from ftdesign.evals.dataset import Sample, build_dataset, check_samples
from ftdesign.evals.label_cache import SAMPLES_FOLDER, LabelCache, open_cache
from ftdesign.evals.length import planned_exchanges
from ftdesign.evals.project import EvalProject, load_project
from ftdesign.evals.records import run_key
from ftdesign.evals.run_settings import run_settings
from ftdesign.evals.scorer import JudgeCall
from ftdesign.evals.solver import Chat
from ftdesign.models import load_role, local_server
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.fit_for_use import require_fit_for_eval


@dataclass
class RunPlan:
    proj: EvalProject
    overrides: dict[str, dict[str, Any]]  # per role, the CLI's and the candidate's settings
    settings: dict[str, Any]  # what the report shows; all but `chosen_by` make the key
    samples: list[Sample]
    key: str
    turns: int
    judge_apart: bool  # the judge runs on no server of the simulator's or the candidate's


@dataclass
class RunCalls:
    chat: Chat
    judge: JudgeCall
    labels: LabelCache | None  # calibration labels of earlier runs, same judge
    samples: LabelCache | None  # self-consistency samples of earlier runs, same judge
    spare_judge: JudgeCall | None = None  # a second server for a local judge apart


def plan_run(
    project: Path,
    *,
    model: str | Path | None,
    judge: str | None,
    scenarios: int,
    turns: int | None,
    seed: int,
    concurrency: int,
    candidate_max_tokens: int | None,
    consistency_samples: int,
    candidate: CandidatePick | None,
) -> RunPlan:
    require_fit_for_eval(project)  # before any model starts
    proj = load_project(project)
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
    return RunPlan(
        proj, overrides, settings, samples, key, turns, judge_apart(proj.root, overrides)
    )


def judge_apart(project: Path, overrides: dict[str, dict[str, Any]]) -> bool:
    """Whether the judge computes on a server (local or remote) that neither conversation
    role uses, so it can label and judge while conversations are simulated."""

    def server(role: str) -> tuple[str, object]:
        settings = load_role(role, project, **overrides.get(role, {}))
        return local_server(settings) if settings.is_local else ("endpoint", settings.base_url)

    return server("judge") not in {server("simulator"), server("candidate")}


def run_calls(
    plan: RunPlan, chat: Chat | None, judge_call: JudgeCall | None, meter: Meter | None
) -> RunCalls:
    root, overrides = plan.proj.root, plan.overrides
    chat = chat or make_chat(root, overrides, meter)
    judge_settings = overrides.get("judge", {})
    labels = None if judge_call else open_cache(root, judge_settings)
    samples = None if judge_call else open_cache(root, judge_settings, SAMPLES_FOLDER)
    judge = judge_call or make_judge(root, overrides, None)
    spare = None if judge_call else spare_judge(plan)
    return RunCalls(chat, judge, labels, samples, spare)


def spare_judge(plan: RunPlan) -> JudgeCall | None:
    """The judge on a second server of its own GGUF, for the judging left once the
    conversations are done: their servers then idle, and so would half the cores. None for
    a remote judge (its provider decides its parallelism) or one sharing a server (its
    owner chose fewer servers)."""
    settings = load_role("judge", plan.proj.root, **plan.overrides.get("judge", {}))
    if not (plan.judge_apart and settings.is_local):
        return None
    spare = dict(plan.overrides.get("judge", {}), server=f"{local_server(settings)[0]}-spare")
    return make_judge(plan.proj.root, {**plan.overrides, "judge": spare}, None)
