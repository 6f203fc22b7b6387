"""The judge's cache floor per phase of a scripted run, without a model.

Runs the real task (coaching by default, 2 scenarios x 3 exchanges, the whole rubric,
k = 3 self-consistency samples) with scripted messages of `words` words and a scripted
judge that records every prompt, then prints for the judge, split by phase
(calibration labels, scoring, self-consistency samples): requests, prompt tokens and
the cache floor (cache_floor.py: tokens no prefix cache of the judge's server could
avoid) and the one-slot count (tokens beyond the prefix shared with the previous judge
prompt: what a server keeping only its last prompt, like llama.cpp's, evaluates). Prompts
are tokenized with the embedded GGUF's template. Comparing the output
before and after a change to the judge prompt's layout shows what the layout costs.

    python benchmarks/judge_floor.py [DOMAIN] [--words N]
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import tempfile
from pathlib import Path
from typing import Any

from bench_judge_cache import _with_schema
from cache_floor import _shared, floors, token_ids

from ftdesign.evals.judge_prompt import JUDGE_PROMPT_VERSION, Verdict
from ftdesign.evals.task import run_eval
from ftdesign.models import Completion, embedded_gguf_path

DOMAINS = Path(__file__).resolve().parents[1] / "knowledge" / "domains"


def _phase(key: str, sample: int) -> str:
    if sample:
        return "samples"
    return "calibration" if key.startswith("calibration/") else "scoring"


def scripted_run(domain: Path, words: int, scenarios: int, turns: int) -> list[tuple[str, Any]]:
    """(phase, messages) of every judge request, in the order sent."""
    sent: list[tuple[str, Any]] = []
    text = " ".join(["so"] * words)

    async def chat(role: str, messages: Any, seed: int, _: int | None) -> Completion:
        return Completion(f"{seed} {text}", "stop", 0, words, "scripted")

    async def judge(messages: Any, key: str, sample: int = 0, **_: Any) -> Verdict:
        sent.append((_phase(key, sample), messages))
        value = int(hashlib.sha256(messages[-1]["content"].encode()).hexdigest()[:6], 16)
        return Verdict(evidence="scripted", verdict=("YES", "NO")[value % 2])

    with tempfile.TemporaryDirectory() as folder:
        project = Path(folder) / domain.name
        shutil.copytree(domain, project)
        run_eval(project, scenarios=scenarios, turns=turns, chat=chat, judge_call=judge)
    return sent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("domain", nargs="?", default="coaching")
    parser.add_argument("--words", type=int, default=110)
    args = parser.parse_args()
    sent = scripted_run(DOMAINS / args.domain, args.words, scenarios=2, turns=3)
    # One server for the judge: the floor runs over all its prompts in order, then splits.
    gguf = embedded_gguf_path()
    rows = floors([("judge", m) for _, m in sent], {"judge": gguf})
    ids = [token_ids(_with_schema(m), gguf) for _, m in sent]
    one_slot = [len(x) - _shared(x, prev) for x, prev in zip(ids, [[], *ids], strict=False)]
    print(f"judge prompt version {JUDGE_PROMPT_VERSION}, {args.domain}, 2 x 3, scripted")
    print("  phase        requests  prompt tokens  cache floor  one slot")
    for phase in ("calibration", "scoring", "samples", "all"):
        picked = [i for i, (p, _) in enumerate(sent) if phase in (p, "all")]
        full, floor = sum(rows[i][1] for i in picked), sum(rows[i][2] for i in picked)
        slot = sum(one_slot[i] for i in picked)
        print(f"  {phase:<12} {len(picked):8}  {full:13}  {floor:11}  {slot:8}")


if __name__ == "__main__":
    main()
