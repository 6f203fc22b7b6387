"""Benchmark the knowledge base: build time and query latency after warm-up.

Prints the cold build (empty store, every chunk embedded), the no-change rebuild, and the
median and p95 latency of searches per mode over the retrieval set's questions. Run:

    python -m evals.bench_knowledge [--rounds 3]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time

from ftdesign.evals.retrieval_eval import MODES, load_questions


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile; enough for latency reports."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="passes over the questions")
    args = parser.parse_args(argv)
    from ftdesign import knowledge
    questions = [q.text for q in load_questions()]
    with tempfile.TemporaryDirectory(prefix="ftdesign-bench-") as store:
        cold = knowledge.build(store)
        print(f"cold build:      {cold.seconds:7.3f} s  ({cold.total} chunks embedded)")
        again = knowledge.build(store)
        print(f"no-change build: {again.seconds:7.3f} s  ({again.unchanged} unchanged)")
        for mode in MODES:
            for question in questions[:5]:  # warm-up: model load, caches
                knowledge.search(question, mode=mode, store_dir=store)
            latencies: list[float] = []
            for _ in range(args.rounds):
                for question in questions:
                    started = time.perf_counter()
                    knowledge.search(question, mode=mode, store_dir=store)
                    latencies.append((time.perf_counter() - started) * 1000)
            print(
                f"search {mode:<8} median {statistics.median(latencies):6.1f} ms  "
                f"p95 {percentile(latencies, 0.95):6.1f} ms  (n={len(latencies)})"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
