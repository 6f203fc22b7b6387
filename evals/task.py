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

from evals.calls import make_chat, make_judge, role_overrides
from evals.dataset import Sample, build_dataset
from evals.progress import Job, Progress, ProgressCallback, bounded
from evals.project import EvalProject, load_project
from evals.records import RUNS, RunStore, run_key
from evals.reliability import TRUST_THRESHOLD, Label, Reliability, agreement, label_examples
from evals.run_settings import run_settings
from evals.scorer import JudgeCall, Judgment, judge_transcript
from evals.solver import Chat, Prompts, simulate
from evals.transcript import Transcript
from evals.writeup import RunOutput, write_outputs

__all__ = ["Progress", "ProgressCallback", "RunOutput", "arun_eval", "run_eval"]


def _quiet(_: Progress) -> None:
    return None


async def _calibrate(
    proj: EvalProject,
    store: RunStore,
    judge: JudgeCall,
    limit: int,
    report: ProgressCallback,
    threshold: float,
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
                rubric, proj.avoid_phrases, judge, known, saved, only=[cid]
            )

        return run

    report(Progress("calibration", store.count("label"), total))
    await bounded(limit, [job(cid) for cid in rubric.criteria])
    return agreement([x for cid in rubric.criteria for x in labels[cid]], threshold)


async def _converse(
    proj: EvalProject,
    store: RunStore,
    samples: list[Sample],
    chat: Chat,
    limit: int,
    report: ProgressCallback,
    *,
    turns: int,
    seed: int,
    max_tokens: int | None,
) -> dict[str, Transcript]:
    prompts = Prompts(user_sim=proj.user_sim, system=proj.system_prompt)
    transcripts: dict[str, Transcript] = {}

    def job(sample: Sample) -> Job:
        async def run() -> None:
            stored = store.get(f"conversation:{sample.id}")
            if stored is None:
                transcript = await simulate(
                    sample, prompts, chat, turns=turns, seed=seed, candidate_max_tokens=max_tokens
                )
                stored = store.put(f"conversation:{sample.id}", {"data": transcript.model_dump()})
                report(
                    Progress("conversations", store.count("conversation"), len(samples), sample.id)
                )
            transcripts[sample.id] = Transcript.model_validate(stored["data"])

        return run

    report(Progress("conversations", store.count("conversation"), len(samples)))
    await bounded(limit, [job(s) for s in samples])
    return transcripts


async def _judge(
    proj: EvalProject,
    store: RunStore,
    transcripts: dict[str, Transcript],
    judge: JudgeCall,
    limit: int,
    report: ProgressCallback,
) -> dict[str, list[Judgment]]:
    judgments: dict[str, list[Judgment]] = {}

    def job(sid: str) -> Job:
        prefix = f"judgment:{sid}:"

        async def run() -> None:
            known = {
                k[len(prefix) :]: Judgment.model_validate(r["data"])
                for k, r in store.records.items()
                if k.startswith(prefix)
            }
            judgments[sid] = await judge_transcript(
                proj.rubric,
                transcripts[sid],
                proj.avoid_phrases,
                judge,
                known,
                lambda j: store.put(prefix + j.criterion, {"data": j.model_dump()}),
            )
            report(Progress("judging", len(judgments), len(transcripts), sid))

        return run

    report(Progress("judging", 0, len(transcripts)))
    await bounded(limit, [job(sid) for sid in transcripts])
    return judgments


async def arun_eval(
    project: Path | str,
    *,
    model: str | Path | None = None,
    judge: str | None = None,
    scenarios: int = 20,
    turns: int = 3,
    seed: int = 0,
    concurrency: int = 1,
    progress: ProgressCallback | None = None,
    candidate_max_tokens: int | None = None,
    trust_threshold: float = TRUST_THRESHOLD,
    chat: Chat | None = None,
    judge_call: JudgeCall | None = None,
) -> RunOutput:
    """Evaluate the candidate on `scenarios` simulated conversations of `turns` exchanges.

    `model` is the candidate GGUF, `judge` a judge GGUF or endpoint URL (both default to
    the project's model settings). `chat` / `judge_call` replace the model calls (tests).
    """
    proj = load_project(Path(project))
    overrides = role_overrides(model, judge)
    settings = run_settings(
        proj,
        overrides,
        scenarios=scenarios,
        turns=turns,
        seed=seed,
        candidate_max_tokens=candidate_max_tokens,
    )
    key = run_key(settings)
    store = RunStore(proj.root / RUNS / key)
    chat = chat or make_chat(proj.root, overrides, None)
    judge_call = judge_call or make_judge(proj.root, overrides, None)
    report = progress or _quiet
    samples = build_dataset(proj.taxonomy, proj.personas, scenarios, seed)

    reliability = await _calibrate(proj, store, judge_call, concurrency, report, trust_threshold)
    transcripts = await _converse(
        proj,
        store,
        samples,
        chat,
        concurrency,
        report,
        turns=turns,
        seed=seed,
        max_tokens=candidate_max_tokens,
    )
    judgments = await _judge(proj, store, transcripts, judge_call, concurrency, report)
    report(Progress("report", 0, 1))
    output = write_outputs(proj, store, key, settings, samples, transcripts, judgments, reliability)
    report(Progress("report", 1, 1, str(output.report)))
    return output


def run_eval(
    project: Path | str,
    *,
    model: str | Path | None = None,
    judge: str | None = None,
    scenarios: int = 20,
    turns: int = 3,
    seed: int = 0,
    concurrency: int = 1,
    progress: ProgressCallback | None = None,
    candidate_max_tokens: int | None = None,
    trust_threshold: float = TRUST_THRESHOLD,
    chat: Chat | None = None,
    judge_call: JudgeCall | None = None,
) -> RunOutput:
    """`arun_eval` for synchronous callers (the CLI); from async code await `arun_eval`."""
    return asyncio.run(
        arun_eval(
            project,
            model=model,
            judge=judge,
            scenarios=scenarios,
            turns=turns,
            seed=seed,
            concurrency=concurrency,
            progress=progress,
            candidate_max_tokens=candidate_max_tokens,
            trust_threshold=trust_threshold,
            chat=chat,
            judge_call=judge_call,
        )
    )
