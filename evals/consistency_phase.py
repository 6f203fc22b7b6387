"""The self-consistency phase of a run: which requests are re-judged, and the result.

Every calibration example (held out of its own prompt, as in the reliability check)
and a seeded sample of the run's judgments are asked again k times, with the very
prompts of the first pass. Each item's samples are drawn right after its first verdict
(`beside_first_verdicts`), while the judge's server still holds that prompt, so they
cost generation only; asked at the end, each would read its whole prompt again (about
38,000 tokens for a full rubric's calibration examples, and a conversation's length per
sampled judgment). The phase itself then finds them in the records; it asks only what a
cache hit or a resumed run left unsampled.
"""

from __future__ import annotations

from collections.abc import Callable

from ftdesign.evals.consistency import Item, flip_rates, run_sample, sample_verdicts, with_flips
from ftdesign.evals.dataset import Sample
from ftdesign.evals.facts import conversation_facts
from ftdesign.evals.judge_prompt import judge_messages
from ftdesign.evals.label_cache import LabelCache
from ftdesign.evals.progress import Progress, ProgressCallback
from ftdesign.evals.project import EvalProject
from ftdesign.evals.records import RunStore
from ftdesign.evals.reliability import Reliability, example_transcript
from ftdesign.evals.scorer import AfterVerdict, JudgeCall, Judgment, applicable
from ftdesign.evals.transcript import Transcript


def calibration_items(proj: EvalProject) -> list[Item]:
    items = []
    for cid, criterion in proj.rubric.criteria.items():
        for index, example in enumerate(criterion.calibration_examples):
            transcript = example_transcript(cid, index, example)
            facts = conversation_facts(transcript, proj.avoid_phrases).render()
            messages = judge_messages(transcript.render(), facts, cid, criterion, index)
            items.append((cid, transcript.scenario_id, messages))
    return items


def planned_run_sample(proj: EvalProject, samples: list[Sample], turns: int, seed: int) -> set[str]:
    """Keys of the run judgments to re-judge, chosen before any conversation is judged (so
    their samples can be drawn beside them) from every planned judgment: every conversation
    runs `turns` exchanges. One that ends in ERROR is left out later."""
    planned: list[Item] = [
        (cid, f"{sample.id}/{cid}", [])
        for sample in samples
        for cid in applicable(proj.rubric, turns)
    ]
    return {key for _, key, _ in run_sample(planned, seed)}


def beside_first_verdicts(
    judge: JudgeCall,
    store: RunStore,
    k: int,
    wanted: Callable[[str], bool],
    cache: LabelCache | None = None,
) -> AfterVerdict | None:
    """A hook drawing a `wanted` item's k samples right after its first verdict; None at k < 2."""
    if k < 2:
        return None

    async def sample(cid: str, key: str, messages: list[dict[str, str]]) -> None:
        if wanted(key):
            await sample_verdicts(judge, [(cid, key, messages)], k, store, lambda: None, cache)

    return sample


def run_items(
    proj: EvalProject, transcripts: dict[str, Transcript], judgments: dict[str, list[Judgment]]
) -> list[Item]:
    items = []
    for sid, transcript in transcripts.items():
        conversation = transcript.render()
        facts = conversation_facts(transcript, proj.avoid_phrases).render()
        for j in judgments.get(sid, []):
            if j.answer != "ERROR":
                criterion = proj.rubric.criteria[j.criterion]
                messages = judge_messages(conversation, facts, j.criterion, criterion)
                items.append((j.criterion, f"{sid}/{j.criterion}", messages))
    return items


async def self_consistency(
    proj: EvalProject,
    store: RunStore,
    transcripts: dict[str, Transcript],
    judgments: dict[str, list[Judgment]],
    judge: JudgeCall,
    reliability: Reliability,
    *,
    k: int,
    chosen: set[str],
    report: ProgressCallback,
    cache: LabelCache | None = None,
) -> Reliability:
    """Reliability with per-criterion flip rates; unchanged when k is 0. `chosen` are the keys
    of the run's judgments to re-judge (`planned_run_sample`, picked before judging)."""
    if k < 2:
        return reliability
    judged = [item for item in run_items(proj, transcripts, judgments) if item[1] in chosen]
    items = calibration_items(proj) + judged
    total = len(items) * k

    def done() -> None:
        report(Progress("consistency", store.count("consistency"), total))

    report(Progress("consistency", store.count("consistency"), total))
    verdicts = await sample_verdicts(judge, items, k, store, done, cache)
    return with_flips(reliability, flip_rates(items, verdicts), k)
