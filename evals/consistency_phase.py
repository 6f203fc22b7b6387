"""The self-consistency phase of a run: which requests are re-judged, and the result.

Every calibration example (held out of its own prompt, as in the reliability check)
and a seeded sample of the run's judgments are asked again k times. The prompts are
the very ones of the first pass, so the server's cached prefixes are reused and the
extra cost is mostly generation.
"""

from __future__ import annotations

from ftdesign.evals.consistency import Item, flip_rates, run_sample, sample_verdicts, with_flips
from ftdesign.evals.facts import conversation_facts
from ftdesign.evals.judge_prompt import judge_messages
from ftdesign.evals.label_cache import LabelCache
from ftdesign.evals.progress import Progress, ProgressCallback
from ftdesign.evals.project import EvalProject
from ftdesign.evals.records import RunStore
from ftdesign.evals.reliability import Reliability, example_transcript
from ftdesign.evals.scorer import JudgeCall, Judgment
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
    seed: int,
    report: ProgressCallback,
    cache: LabelCache | None = None,
) -> Reliability:
    """Reliability with per-criterion flip rates; unchanged when k is 0."""
    if k < 2:
        return reliability
    items = calibration_items(proj) + run_sample(run_items(proj, transcripts, judgments), seed)
    total = len(items) * k

    def done() -> None:
        report(Progress("consistency", store.count("consistency"), total))

    report(Progress("consistency", store.count("consistency"), total))
    verdicts = await sample_verdicts(judge, items, k, store, done, cache)
    return with_flips(reliability, flip_rates(items, verdicts), k)
