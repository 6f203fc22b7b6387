"""The task: dataset -> solver -> scorer -> report, resumable and concurrent.

Phases: (0) the run is planned and its model calls built (run_plan.py), no model
asked yet, (1) the judge labels the rubric's calibration examples (reliability),
(2) every scenario's conversation is simulated, (3) every conversation is judged,
(4) the judge's self-consistency is measured and (5) results.json, the report and its
chart are written.

When the judge has a server (or endpoint) of its own, (1) and (3) run while (2) does: each
local server computes on half the cores, so the judge works on the half the conversations
leave idle and a run takes about its longer lane, not the sum of both. Once the
conversations are done, a local judge also judges on a second server of its GGUF, on the
cores they leave idle. The samples of (4) are drawn in (1) and (3), right after the verdict
they repeat, while its prompt is still in the judge's cache (consistency_phase.py).
Each finished label, conversation, judgment and sample is appended to the run's
records.jsonl first, so an interrupted run resumes where it stopped and writes the same
report. At most `concurrency` conversations (so requests) are in flight at once; judge
calls of one conversation go one after another so they share a cached prefix.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

from ftdesign.evals import phases
from ftdesign.evals.calls import Meter
from ftdesign.evals.candidates import CandidatePick
from ftdesign.evals.consistency import SAMPLES
from ftdesign.evals.consistency_phase import (
    beside_first_verdicts,
    planned_run_sample,
    self_consistency,
)
from ftdesign.evals.progress import Progress, ProgressCallback, together
from ftdesign.evals.records import RUNS, RunStore
from ftdesign.evals.reliability import TRUST_THRESHOLD, Reliability
from ftdesign.evals.run_plan import plan_run, run_calls
from ftdesign.evals.scorer import AfterVerdict, JudgeCall, Judgment
from ftdesign.evals.solver import Chat, Limits
from ftdesign.evals.transcript import Transcript
from ftdesign.evals.writeup import RunOutput, write_outputs
from ftdesign.models import load_role

__all__ = ["Progress", "ProgressCallback", "RunOutput", "arun_eval", "run_eval"]


def candidate_limits(root: Path, overrides: dict[str, Any], requested: int | None) -> Limits:
    """The reply limit as requested and as in effect (the candidate's settings by default)."""
    role = load_role("candidate", root, **overrides.get("candidate", {}))
    return Limits(requested, requested or role.max_tokens)


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
    plan = plan_run(
        Path(project),
        model=model,
        judge=judge,
        scenarios=scenarios,
        turns=turns,
        seed=seed,
        concurrency=concurrency,
        candidate_max_tokens=candidate_max_tokens,
        consistency_samples=consistency_samples,
        candidate=candidate,
    )
    proj, overrides = plan.proj, plan.overrides
    store = RunStore(proj.root / RUNS / plan.key)
    calls = run_calls(plan, chat, judge_call, meter)
    report = progress or _quiet

    def beside(
        wanted: Callable[[str], bool], judge: JudgeCall = calls.judge
    ) -> AfterVerdict | None:
        """Samples drawn while their prompt is in the judge's cache (consistency_phase.py)."""
        return beside_first_verdicts(judge, store, consistency_samples, wanted, calls.samples)

    chosen = planned_run_sample(proj, plan.samples, plan.turns, seed)
    arrived: asyncio.Queue[Transcript] = asyncio.Queue()
    lanes: asyncio.Queue[phases.JudgeLane] = asyncio.Queue()
    for _ in range(concurrency):
        lanes.put_nowait(phases.JudgeLane(calls.judge, beside(chosen.__contains__)))

    async def calibrate() -> Reliability:
        return await phases.calibrate(
            proj, store, calls.judge, concurrency, report, trust_threshold, calls.labels,
            beside(lambda _: True),
        )  # fmt: skip

    async def converse() -> dict[str, Transcript]:
        """Conversations, then a second judge server (if any) for what is left to judge."""
        transcripts = await phases.converse(
            proj, store, plan.samples, calls.chat, concurrency, report, turns=plan.turns,
            seed=seed, limits=candidate_limits(proj.root, overrides, candidate_max_tokens),
            ready=arrived.put_nowait,
        )  # fmt: skip
        if calls.spare_judge is not None:  # only for a judge apart (run_plan.spare_judge)
            spare = calls.spare_judge
            lanes.put_nowait(phases.JudgeLane(spare, beside(chosen.__contains__, spare)))
        return transcripts

    async def judge_arrivals() -> dict[str, list[Judgment]]:
        async def arrivals() -> AsyncIterator[Transcript]:
            for _ in plan.samples:
                yield await arrived.get()

        return await phases.judge(proj, store, arrivals(), len(plan.samples), lanes, report)

    async def calibrate_then_judge() -> tuple[Reliability, dict[str, list[Judgment]]]:
        return await calibrate(), await judge_arrivals()

    if plan.judge_apart:  # its own server or endpoint: it works while conversations run
        (reliability, judgments), transcripts = await together(calibrate_then_judge(), converse())
    else:  # one server for all: interleaved prompts would evict each other's cached prefix
        reliability = await calibrate()
        transcripts = await converse()
        judgments = await judge_arrivals()
    reliability = await self_consistency(
        proj, store, transcripts, judgments, calls.judge, reliability,
        k=consistency_samples, chosen=chosen, report=report, cache=calls.samples,
    )  # fmt: skip
    report(Progress("report", 0, 1))
    output = write_outputs(
        proj, store, plan.key, plan.settings, plan.samples, transcripts, judgments, reliability
    )
    report(Progress("report", 1, 1, str(output.report)))
    return output


def run_eval(project: Path | str, **options: Any) -> RunOutput:
    """`arun_eval` for synchronous callers (the CLI); from async code await `arun_eval`."""
    return asyncio.run(arun_eval(project, **options))
