"""Judge self-consistency: does the judge give the same verdict when asked again?

Agreement with the calibration labels says whether the judge is right on average;
it does not say whether a verdict would survive a rerun. Every calibration example
and a sample of the run's own judgments are judged `k` more times (temperature
above 0, a different seed each time); an item flips when its k verdicts are not
all the same. Per criterion the flip rate gets a bootstrap 95 % interval, and a
criterion flipping on more than 10 % of its items is untrusted, exactly like one
that disagrees with its labels. Samples go to the run's records, so a resumed run
asks nothing twice, and to the judge's sample cache (label_cache.py), so a new run
(other scenarios, another candidate) asks nothing the same judge already sampled.
Each run record says where its verdict came from: "judged" or "cache".
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable

from ftdesign.evals.judge_prompt import Verdict
from ftdesign.evals.label_cache import LabelCache
from ftdesign.evals.records import RunStore
from ftdesign.evals.reliability import Flips, Reliability
from ftdesign.evals.scorer import JudgeCall, ask

SAMPLES = 3
MAX_FLIP_RATE = 0.10
RUN_SAMPLE = 12  # run judgments re-judged, in addition to every calibration example
BOOTSTRAP = 1000

# An item to re-judge: (criterion, request key, messages).
Item = tuple[str, str, list[dict[str, str]]]


def bootstrap_interval(flags: list[bool], seed: int = 0) -> tuple[float, float]:
    """Percentile 95 % interval of the share of True, resampling items with replacement."""
    if not flags:
        return 0.0, 0.0
    rng = random.Random(seed)
    n = len(flags)
    shares = sorted(sum(rng.choices(flags, k=n)) / n for _ in range(BOOTSTRAP))
    return shares[int(0.025 * BOOTSTRAP)], shares[int(0.975 * BOOTSTRAP) - 1]


async def sample_verdicts(
    judge: JudgeCall,
    items: list[Item],
    k: int,
    store: RunStore,
    on_done: Callable[[], None],
    cache: LabelCache | None = None,
) -> dict[str, list[str]]:
    """k verdicts per item (key), each from its own seed; stored or cached ones are reused."""
    found: dict[str, list[str]] = {}
    for cid, key, messages in items:
        verdicts = []
        for sample in range(1, k + 1):
            record_key = f"consistency:{key}:{sample}"
            stored = store.get(record_key)
            if stored is None:
                judgment = cache.get(messages, sample) if cache is not None else None
                source = "cache" if judgment is not None else "judged"
                if judgment is None:
                    judgment = await ask(_sampling(judge, sample), messages, cid, key)
                    if cache is not None:
                        cache.put(messages, judgment, key, sample)
                data = {"data": {"answer": judgment.answer}, "source": source}
                stored = store.put(record_key, data)
                on_done()
            verdicts.append(stored["data"]["answer"])
        found[key] = verdicts
    return found


def _sampling(judge: JudgeCall, sample: int) -> Callable[..., Awaitable[Verdict]]:
    async def call(messages: list[dict[str, str]], key: str, **extra: object) -> Verdict:
        return await judge(messages, key, sample=sample, **extra)

    return call


def flip_rates(items: list[Item], verdicts: dict[str, list[str]]) -> list[Flips]:
    per: dict[str, list[bool]] = {}
    for cid, key, _ in items:
        per.setdefault(cid, []).append(len(set(verdicts[key])) > 1)
    rows = []
    for cid, flags in per.items():
        low, high = bootstrap_interval(flags)
        rows.append(Flips(criterion=cid, items=len(flags), flipped=sum(flags),
                          rate=sum(flags) / len(flags), low=low, high=high))  # fmt: skip
    return rows


def run_sample(items: list[Item], seed: int, size: int = RUN_SAMPLE) -> list[Item]:
    """A seeded sample of the run's judgments, spread over criteria (round robin)."""
    rng = random.Random(seed + 104729)
    by: dict[str, list[Item]] = {}
    for item in rng.sample(items, len(items)):
        by.setdefault(item[0], []).append(item)
    picked: list[Item] = []
    while len(picked) < min(size, len(items)):
        for group in by.values():
            if group and len(picked) < size:
                picked.append(group.pop())
    return picked


def with_flips(rel: Reliability, flips: list[Flips], k: int) -> Reliability:
    """Reliability with each criterion's flip rate; flipping too often makes it untrusted."""
    by = {f.criterion: f for f in flips}
    criteria = [
        c.model_copy(
            update={
                "flips": by.get(c.criterion),
                "trusted": c.trusted
                and (c.criterion not in by or by[c.criterion].rate <= MAX_FLIP_RATE),
            }
        )
        for c in rel.criteria
    ]
    return rel.model_copy(update={"criteria": criteria, "samples": k})
