"""The three model phases of a run, each resumable from the run's records.

`calibrate` has the judge label the rubric's calibration examples (reusing labels
the same judge gave in earlier runs, label_cache.py), `converse`
simulates every scenario's conversation and `judge` judges each conversation.
Each finished unit is written to the RunStore before it counts as done, and
units already in the store are reused, never asked again.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterable, AsyncIterator, Callable
from dataclasses import dataclass

from ftdesign.evals.dataset import Sample
from ftdesign.evals.label_cache import LabelCache
from ftdesign.evals.progress import Job, Progress, ProgressCallback, bounded
from ftdesign.evals.project import EvalProject
from ftdesign.evals.records import RunStore
from ftdesign.evals.reliability import Label, Reliability, agreement, label_examples
from ftdesign.evals.scorer import AfterVerdict, JudgeCall, Judgment, judge_transcript
from ftdesign.evals.solver import Chat, Limits, Prompts, simulate
from ftdesign.evals.transcript import Transcript


async def calibrate(
    proj: EvalProject,
    store: RunStore,
    judge: JudgeCall,
    limit: int,
    report: ProgressCallback,
    threshold: float,
    cache: LabelCache | None = None,
    after_verdict: AfterVerdict | None = None,
) -> Reliability:
    rubric = proj.rubric
    total = sum(len(c.calibration_examples) for c in rubric.criteria.values())
    known = {
        (r["data"]["criterion"], r["data"]["example"]): Label.model_validate(r["data"])
        for k, r in store.records.items()
        if k.startswith("label:")
    }
    labels: dict[str, list[Label]] = {}

    def saved(label: Label) -> None:
        store.put(f"label:{label.criterion}:{label.example}", {"data": label.model_dump()})
        report(Progress("calibration", store.count("label"), total, label.criterion))

    def job(cid: str) -> Job:
        async def run() -> None:
            labels[cid] = await label_examples(
                rubric,
                proj.avoid_phrases,
                judge,
                known,
                saved,
                only=[cid],
                cache=cache,
                after_verdict=after_verdict,
            )

        return run

    report(Progress("calibration", store.count("label"), total))
    await bounded(limit, [job(cid) for cid in rubric.criteria])
    return agreement([x for cid in rubric.criteria for x in labels[cid]], threshold)


async def converse(
    proj: EvalProject,
    store: RunStore,
    samples: list[Sample],
    chat: Chat,
    limit: int,
    report: ProgressCallback,
    *,
    turns: int,
    seed: int,
    limits: Limits,
    ready: Callable[[Transcript], None] = lambda _: None,
) -> dict[str, Transcript]:
    """Every sample's conversation; `ready` hears of each one as soon as it is stored."""
    prompts = Prompts(user_sim=proj.user_sim, system=proj.system_prompt)
    transcripts: dict[str, Transcript] = {}

    def job(sample: Sample) -> Job:
        async def run() -> None:
            stored = store.get(f"conversation:{sample.id}")
            if stored is None:
                transcript = await simulate(
                    sample, prompts, chat, turns=turns, seed=seed, limits=limits
                )
                stored = store.put(f"conversation:{sample.id}", {"data": transcript.model_dump()})
                report(
                    Progress("conversations", store.count("conversation"), len(samples), sample.id)
                )
            transcripts[sample.id] = Transcript.model_validate(stored["data"])
            ready(transcripts[sample.id])

        return run

    report(Progress("conversations", store.count("conversation"), len(samples)))
    await bounded(limit, [job(s) for s in samples])
    return transcripts


@dataclass(frozen=True)
class JudgeLane:
    """One judge server's calls: verdicts, and the samples drawn beside them while that
    server still holds the verdict's prompt (so both must go to the same server)."""

    call: JudgeCall
    after_verdict: AfterVerdict | None = None


async def judge(
    proj: EvalProject,
    store: RunStore,
    transcripts: AsyncIterable[Transcript],
    total: int,
    lanes: asyncio.Queue[JudgeLane],
    report: ProgressCallback,
) -> dict[str, list[Judgment]]:
    """Each of `total` conversations judged as it arrives, on the first free lane; a lane
    added meanwhile (a second server, once conversations are done) takes work at once."""
    judgments: dict[str, list[Judgment]] = {}

    def job(transcript: Transcript) -> Job:
        sid = transcript.scenario_id
        prefix = f"judgment:{sid}:"

        async def run() -> None:
            known = {
                k[len(prefix) :]: Judgment.model_validate(r["data"])
                for k, r in store.records.items()
                if k.startswith(prefix)
            }
            lane = await lanes.get()  # FIFO: conversations are judged in the order they came
            try:
                judgments[sid] = await judge_transcript(
                    proj.rubric,
                    transcript,
                    proj.avoid_phrases,
                    lane.call,
                    known,
                    lambda j: store.put(prefix + j.criterion, {"data": j.model_dump()}),
                    lane.after_verdict,
                )
            finally:
                lanes.put_nowait(lane)
            report(Progress("judging", len(judgments), total, sid))

        return run

    async def jobs() -> AsyncIterator[Job]:
        async for transcript in transcripts:
            yield job(transcript)

    report(Progress("judging", 0, total))
    await bounded(total, jobs())  # the lanes, not this bound, decide how many run at once
    return judgments
