"""Agreement is measured on the prompt that is scored: the calibration prompt of an
example is, token for token, the scoring prompt of that example's conversation under
its criterion with the example held out of the few-shot set; the self-consistency
samples of calibration examples re-ask that same prompt."""

from __future__ import annotations

import asyncio
from pathlib import Path

from eval_fakes import DOMAIN

from ftdesign.evals.consistency_phase import calibration_items
from ftdesign.evals.judge_prompt import Verdict
from ftdesign.evals.project import load_project
from ftdesign.evals.reliability import example_transcript, label_examples
from ftdesign.evals.scorer import judge_transcript

Sent = dict[str, list[dict[str, str]]]


def recorder(sent: Sent):  # noqa: ANN201
    async def judge(messages: list[dict[str, str]], key: str, **_: object) -> Verdict:
        sent[key] = messages
        return Verdict(evidence="recorded", verdict="YES")

    return judge


def test_each_calibration_prompt_is_the_scoring_prompt_of_its_example() -> None:
    proj = load_project(Path(DOMAIN))
    labelled: Sent = {}
    asyncio.run(label_examples(proj.rubric, proj.avoid_phrases, recorder(labelled)))
    examples = sum(len(c.calibration_examples) for c in proj.rubric.criteria.values())
    assert len(labelled) == examples > 0
    for cid, criterion in proj.rubric.criteria.items():
        for index, example in enumerate(criterion.calibration_examples):
            others = [e for i, e in enumerate(criterion.calibration_examples) if i != index]
            # The rubric scoring would use had this example not been among the few shots;
            # min_turns dropped so a one-exchange example is judged on the criterion.
            held_out = criterion.model_copy(
                update={"calibration_examples": others, "min_turns": None}
            )
            rubric = proj.rubric.model_copy(update={"criteria": {cid: held_out}})
            transcript = example_transcript(cid, index, example)
            scored: Sent = {}
            asyncio.run(judge_transcript(rubric, transcript, proj.avoid_phrases, recorder(scored)))
            (scoring_prompt,) = scored.values()
            assert labelled[transcript.scenario_id] == scoring_prompt, (cid, index)
    sampled = {key: messages for _, key, messages in calibration_items(proj)}
    assert sampled == labelled


def test_scoring_prompts_of_one_conversation_share_everything_up_to_the_criterion() -> None:
    proj = load_project(Path(DOMAIN))
    cid, criterion = next(iter(proj.rubric.criteria.items()))
    transcript = example_transcript(cid, 0, criterion.calibration_examples[0])
    scored: Sent = {}
    rubric = proj.rubric.model_copy(
        update={"criteria": {k: c.model_copy(update={"min_turns": None})
                             for k, c in proj.rubric.criteria.items()}}
    )  # fmt: skip
    asyncio.run(judge_transcript(rubric, transcript, proj.avoid_phrases, recorder(scored)))
    bodies = [messages[1]["content"] for messages in scored.values()]
    assert len(bodies) == len(rubric.criteria) > 1
    prefix = bodies[0].split("CRITERION ")[0]
    assert prefix.startswith("CONVERSATION") and "FACTS" in prefix
    assert all(body.startswith(prefix) for body in bodies)


def test_the_workshop_checks_an_example_with_gate_7s_calibration_prompt(tmp_path: Path) -> None:
    """The judge's check in the workshop sends the prompt calibration will send, avoid list
    included, so what the user sees there is what gate 7 measures."""
    import shutil

    from ftdesign.agent.ui.calibration.judging import check_messages

    project = tmp_path / "coaching"
    shutil.copytree(DOMAIN, project)
    proj = load_project(project)
    assert "i hear you" in proj.avoid_phrases  # the worked domain's assistant.md lists it
    cid, criterion = next(iter(proj.rubric.criteria.items()))
    # One example whose reply uses an avoided phrase: the facts then name it.
    first = criterion.calibration_examples[0]
    used = first.model_copy(update={"response": f"I hear you. {first.response}"})
    examples = [used, *criterion.calibration_examples[1:]]
    rubric = proj.rubric.model_copy(
        update={"criteria": {cid: criterion.model_copy(update={"calibration_examples": examples})}}
    )
    labelled: Sent = {}
    asyncio.run(label_examples(rubric, proj.avoid_phrases, recorder(labelled)))
    for index, example in enumerate(examples):
        others = [e for i, e in enumerate(examples) if i != index]
        shown = check_messages(cid, criterion, others, example, project)
        assert shown == labelled[example_transcript(cid, index, example).scenario_id], index
    assert "i hear you" in shown_facts(check_messages(cid, criterion, examples[1:], used, project))


def shown_facts(messages: list[dict[str, str]]) -> str:
    return messages[-1]["content"].split("CRITERION ")[0].lower()
