"""Benchmark the knowledge base: build time and query latency after warm-up.

Prints the cold build (empty store, every chunk embedded), the no-change rebuild, and the
median and p95 latency of searches per mode over the retrieval set's questions. Then the
agent's own path, on one long-lived event loop and the default store, as in the app:
`agent.retrieval.gate_sources` with each gate's own query (what a draft node awaits, after the
app's warm-up), the same call with texts never seen before, and `agent.retrieval.search` for a
new question (a question answered in chat). Run:

    python benchmarks/bench_knowledge.py [--rounds 3] [--agent-only]
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import statistics
import sys
import tempfile
import time

from ftdesign.evals.retrieval_eval import MODES, load_questions


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile; enough for latency reports."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * len(ordered)) - 1))]


def report(label: str, latencies: list[float]) -> None:
    print(
        f"{label:<22} median {statistics.median(latencies):6.1f} ms  "
        f"p95 {percentile(latencies, 0.95):6.1f} ms  (n={len(latencies)})"
    )


async def agent_path(questions: list[str], rounds: int) -> None:
    """Latency of the calls the agent makes, after the app's warm-up of the gate queries."""
    from ftdesign.agent import retrieval
    from ftdesign.agent.gates import SPECS
    from ftdesign.knowledge import GATES

    await asyncio.to_thread(retrieval.warm_gate_queries)  # what `ftdesign ui` runs first
    steps = [(spec.query, step if step in GATES else None) for step, spec in SPECS.items()]
    drafts: list[float] = []
    for _ in range(rounds * len(questions) // len(steps)):
        for query, gate in steps:
            started = time.perf_counter()
            await retrieval.gate_sources(query, gate, "coaching", 4)
            drafts.append((time.perf_counter() - started) * 1000)
    report("agent draft search", drafts)
    fresh: list[float] = []
    answers: list[float] = []
    gates = itertools.cycle(GATES)
    for round_number in range(rounds):
        for text in questions:
            # Every timed call asks something new: a remembered query vector would flatter it.
            question = f"{text} (round {round_number})"
            started = time.perf_counter()
            await retrieval.gate_sources(question, next(gates), "coaching", 4)
            fresh.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            await retrieval.search(f"{question} (chat)", 4)
            answers.append((time.perf_counter() - started) * 1000)
    report("gate_sources, new text", fresh)
    report("agent chat answer", answers)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="passes over the questions")
    parser.add_argument("--agent-only", action="store_true", help="skip the builds and modes")
    args = parser.parse_args(argv)
    from ftdesign import knowledge

    questions = [q.text for q in load_questions()]
    if args.agent_only:
        asyncio.run(agent_path(questions, args.rounds))
        return 0
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
            report(f"search {mode}", latencies)
    asyncio.run(agent_path(questions, args.rounds))
    return 0


if __name__ == "__main__":
    sys.exit(main())
