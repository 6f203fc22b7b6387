"""Approval is blocked only by contract errors: a lesson warning never stops a gate."""

from __future__ import annotations

import json
from pathlib import Path

from agent_driver import Driver
from agent_fakes import ScriptedChatModel

from ftdesign.tools.findings import CATALOG

# Our own assistant prompt, in plain words, that contradicts one lesson (a 3x length target).
ASSISTANT = """\
# Reply writer

Give full answers: about three times as long as the customer's message is fine.
Ask at most one question. Offer possible causes as guesses the customer can correct.
Avoid these phrases: "Rest assured", "Per our policy", "Great question!".
"""


def test_a_lesson_warning_does_not_block_approval(driver: Driver, project: Path) -> None:
    driver.approve_until("prompts", driver.start())
    stop = driver.send("```\nassistant.md:\n" + ASSISTANT + "```")
    assert stop is not None and stop.step == "prompts"
    lessons = [f for f in stop.findings if f.code == "prompt.ratio_contradiction"]
    assert lessons and all(f.severity == "warning" for f in lessons)
    assert CATALOG["prompt.ratio_contradiction"].kind == "lesson"
    assert "three times as long" in lessons[0].message
    assert stop.can_approve
    stop = driver.send("approve")
    assert stop is not None and stop.step != "prompts"
    written = (project / "config/prompts/assistant.md").read_text(encoding="utf-8")
    assert "three times as long" in written


def test_a_contract_error_still_blocks(driver: Driver) -> None:
    driver.approve_until("prompts", driver.start())
    broken = "# Simulated user\nWrite {word_min}-{word_max} words.\nPush back sometimes.\n"
    stop = driver.send("```\nuser_sim.md:\n" + broken + "```")
    assert stop is not None and not stop.can_approve
    assert {"prompt.slot_unknown", "prompt.slot_missing"} <= {f.code for f in stop.findings}


def test_the_stop_labels_a_lesson_as_advice(driver: Driver) -> None:
    from ftdesign.agent.cli.render import render_stop

    driver.approve_until("prompts", driver.start())
    stop = driver.send("```\nassistant.md:\n" + ASSISTANT + "```")
    assert stop is not None
    lesson = next(f for f in stop.findings if f.code == "prompt.ratio_contradiction")
    assert lesson.kind == "lesson"
    row = next(r for r in render_stop(stop).splitlines() if "prompt.ratio_contradiction" in r)
    assert "warning (lesson: advice, does not block)" in row


def test_persona_gate_holds_word_limits_to_gate_2s_budget(driver: Driver, project: Path) -> None:
    from ftdesign.tools.budget import plan_budget
    from ftdesign.tools.budget_io import save_budget

    driver.approve_until("personas", driver.start())
    # Gate 2 measured short exchanges: 200 tokens, about 150 words for one user message.
    save_budget(project, plan_budget(system_prompt_tokens=500, tokens_per_exchange=200))
    corpus = Path(__file__).parents[1] / "tools" / "corpus" / "p01-pairs.yaml"
    template = corpus.read_text(encoding="utf-8").replace("[80, 200]", "[80, 300]")
    stop = driver.send(f"```yaml\n{template}```")
    assert stop is not None and stop.step == "personas"
    [warning] = [f for f in stop.findings if f.code == "persona.word_limit_range"]
    assert "gate 2's budget of 200 tokens per exchange" in warning.message
    assert warning.kind == "lesson" and stop.can_approve


def test_the_stop_shows_the_models_lesson_reading_as_advice(
    driver: Driver, model: ScriptedChatModel
) -> None:
    from ftdesign.agent.cli.render import render_stop

    sentence = "about three times as long as the customer's message is fine"
    model.script["lessons"] = [
        json.dumps({"answers": [{"follows": True, "sentence": sentence}]})
    ]
    driver.approve_until("prompts", driver.start())
    stop = driver.send("```\nassistant.md:\n" + ASSISTANT + "```")
    assert stop is not None and stop.review is not None and stop.can_approve
    ratio = next(r for r in stop.review.lessons if r.file == "config/prompts/assistant.md")
    assert ratio.verdict == "does not follow" and "model read it differently" in ratio.note
    assert "prompt.ratio_contradiction" in {f.code for f in stop.findings}
    assert "Lessons as the model reads them (advice, does not block)" in render_stop(stop)
