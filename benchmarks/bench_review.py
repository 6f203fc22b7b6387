"""Benchmark: seconds the embedded demo model spends reviewing one draft, per gate.

`python benchmarks/bench_review.py [gate ...]` times `review()` on a worked domain's
artifacts twice: with the model forced to review (what every gate did before the demo
model stopped reviewing) and with the default (validators only). It prints numbers; the
whole-session saving is the difference summed over the gates a session reviews.
"""

from __future__ import annotations

import asyncio
import sys
import tempfile
import time
from pathlib import Path

from ftdesign.agent.context import AgentContext
from ftdesign.agent.review import review
from ftdesign.agent.state import GATES, DesignState
from ftdesign.knowledge.domains import domain_artifact
from ftdesign.tools.artifacts import ARTIFACTS

DOMAIN = "customer_support"


def draft_of(gate: str) -> str:
    kinds = [kind for kind, artifact in ARTIFACTS.items() if artifact.gate == gate]
    return "\n\n".join(domain_artifact(DOMAIN, kind) for kind in kinds)


async def timed(gate: str, with_model: bool, project: Path) -> float:
    ctx = AgentContext(project=project, review_with_model=with_model)
    started = time.perf_counter()
    await review(gate, gate, DesignState(), ctx, draft_of(gate), [])
    return time.perf_counter() - started


async def measure(gates: list[str], project: Path) -> None:
    await timed(gates[0], True, project)  # starts the llama.cpp server once
    total_model = total_plain = 0.0
    for gate in gates:
        model = await timed(gate, True, project)
        plain = await timed(gate, False, project)
        total_model, total_plain = total_model + model, total_plain + plain
        print(f"{gate:16} model review {model:7.1f} s   validators only {plain:6.2f} s", flush=True)
    totals = f"model review {total_model:7.1f} s   validators only {total_plain:6.2f} s"
    print(f"{'total':16} {totals}")


def main(gates: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        asyncio.run(measure(gates, Path(folder)))  # one loop: the model client outlives calls


if __name__ == "__main__":
    main(sys.argv[1:] or list(GATES))
