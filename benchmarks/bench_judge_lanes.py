"""Benchmark: judging left once conversations are done, on one judge server and on two.

Run `python benchmarks/bench_judge_lanes.py PROJECT [--conversations 4]` on the project of a
finished run (e.g. the folder `bench_eval.py --keep DIR` keeps): it judges the run's last N
conversations on the project's rubric twice, with the embedded judge served locally as
`ftdesign eval` serves it, first on the judge's own server alone, then on it and the spare
server a run adds once its conversations are done (evals/task.py). Each pass starts on
fresh servers, started before its clock. It prints each pass's wall time and whether the two
passes gave the same verdicts: the spare is the same GGUF at the same greedy settings.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import time
from pathlib import Path

from ftdesign.evals.calls import make_judge, role_overrides
from ftdesign.evals.phases import JudgeLane, judge
from ftdesign.evals.project import load_project
from ftdesign.evals.records import RUNS, RunStore
from ftdesign.evals.transcript import Transcript
from ftdesign.models import shutdown_servers
from ftdesign.models.client import role_endpoint


def last_transcripts(project: Path, count: int) -> list[Transcript]:
    (records,) = (project / RUNS).glob("*/records.jsonl")
    store = RunStore(records.parent)
    found = [
        Transcript.model_validate(r["data"])
        for key, r in store.records.items()
        if key.startswith("conversation:")
    ]
    if len(found) < count:
        raise SystemExit(f"{records}: {len(found)} conversations, fewer than {count}")
    return found[-count:]


def judged_on(project: Path, transcripts: list[Transcript], servers: list[str]) -> tuple:
    """Wall time and answers of judging `transcripts` on the judge servers named."""
    overrides = role_overrides(None, None)
    settings = [dict(overrides["judge"], server=name) for name in servers]
    for one in settings:
        role_endpoint("judge", project, **one)  # started before the clock
    proj = load_project(project)
    store = RunStore(Path(tempfile.mkdtemp(prefix="ftdesign-lanes-")))

    async def run() -> dict:
        lanes: asyncio.Queue[JudgeLane] = asyncio.Queue()
        for one in settings:
            lanes.put_nowait(JudgeLane(make_judge(project, {"judge": one}, None)))

        async def arrivals():  # noqa: ANN202
            for transcript in transcripts:
                yield transcript

        return await judge(proj, store, arrivals(), len(transcripts), lanes, lambda _: None)

    started = time.perf_counter()
    judgments = asyncio.run(run())
    wall = time.perf_counter() - started
    shutdown_servers()
    answers = {(sid, j.criterion): j.answer for sid, js in judgments.items() for j in js}
    return wall, answers


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("project", type=Path)
    parser.add_argument("--conversations", type=int, default=4)
    args = parser.parse_args()
    transcripts = last_transcripts(args.project, args.conversations)
    exchanges = sum(t.exchanges for t in transcripts)
    print(f"{len(transcripts)} conversations, {exchanges} exchanges in all")
    one, alone = judged_on(args.project, transcripts, ["judge"])
    print(f"one judge server: {one:.1f} s")
    two, paired = judged_on(args.project, transcripts, ["judge", "judge-spare"])
    print(f"two judge servers: {two:.1f} s ({one / two:.2f}x)")
    same = sum(alone[k] == paired.get(k) for k in alone)
    print(f"same verdict on {same} of {len(alone)} criteria")


if __name__ == "__main__":
    main()
