"""Judge self-consistency on a domain's calibration set: agreement, kappa, flip rate, time.

Copies a worked domain to a temporary folder, keeps a few criteria (all their
calibration examples), then with the project's judge (by default the embedded GGUF):
one greedy pass labels every example held out of its own prompt (agreement and
kappa), and k sampled passes re-judge the same prompts (flip rate with its bootstrap
interval). It prints the numbers per criterion and the wall time of both passes: the
second is what the check adds to a run's calibration. Run from the repository root:

    .venv/bin/python benchmarks/bench_consistency.py --criteria SAF1 SAF2 NAT1 UND1 --k 3
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import tempfile
import time
from pathlib import Path

from ftdesign.evals.calls import make_judge, role_overrides
from ftdesign.evals.consistency import flip_rates
from ftdesign.evals.consistency_phase import calibration_items
from ftdesign.evals.project import load_project
from ftdesign.evals.reliability import agreement, label_examples
from ftdesign.evals.rubric_subset import subset_rubric
from ftdesign.evals.scorer import ask

DOMAINS = Path(__file__).resolve().parents[1] / "knowledge" / "domains"


async def measure(project: Path, k: int) -> None:
    proj = load_project(project)
    judge = make_judge(project, role_overrides(None, None), None)
    await ask(judge, [{"role": "user", "content": "Say YES."}], "warmup", "warmup")  # load
    started = time.perf_counter()
    labels = await label_examples(proj.rubric, proj.avoid_phrases, judge)
    greedy = time.perf_counter() - started
    rel = agreement(labels)
    items = calibration_items(proj)
    started = time.perf_counter()
    verdicts: dict[str, list[str]] = {}
    for cid, key, messages in items:
        verdicts[key] = []
        for sample in range(1, k + 1):

            async def call(m, key_, sample=sample, **extra):  # noqa: ANN001, ANN003, ANN202
                return await judge(m, key_, sample=sample, **extra)

            verdicts[key].append((await ask(call, messages, cid, key)).answer)
    sampled = time.perf_counter() - started
    flips = {f.criterion: f for f in flip_rates(items, verdicts)}
    print(f"{len(items)} calibration examples, k = {k}")
    print("| criterion | examples | agreement | kappa | flip rate (95 % interval) |")
    print("|---|---|---|---|---|")
    for c in rel.criteria:
        f = flips[c.criterion]
        kappa = f"{c.kappa:.2f}" if c.kappa is not None else "-"
        print(
            f"| {c.criterion} | {c.n} | {c.accuracy:.1%} | {kappa} |"
            f" {f.rate:.1%} ({f.low:.1%} to {f.high:.1%}) |"
        )
    overall = f"{rel.kappa:.2f}" if rel.kappa is not None else "-"
    print(f"overall agreement {rel.accuracy:.1%}, kappa {overall}")
    print(f"greedy pass: {greedy:.1f} s ({greedy / len(items):.2f} s per example)")
    print(f"k = {k} sampled passes (added time): {sampled:.1f} s ({sampled / greedy:.2f}x greedy)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--domain", default="coaching")
    parser.add_argument("--criteria", nargs="+", default=["SAF1", "SAF2", "NAT1", "UND1"])
    parser.add_argument("--k", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / args.domain
        shutil.copytree(DOMAINS / args.domain, project)
        subset_rubric(project / "config" / "rubric.yaml", args.criteria, examples=99)
        asyncio.run(measure(project, args.k))


if __name__ == "__main__":
    main()
