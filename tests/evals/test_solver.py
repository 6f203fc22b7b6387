"""The solver: turn order, full history both ways, word limits, truncation, seeds."""

from __future__ import annotations

import asyncio

import pytest
import yaml
from eval_fakes import DOMAIN, ScriptedChat

from ftdesign.evals.dataset import build_dataset
from ftdesign.evals.simulator import OPENING, STAGE_GUIDANCE, enforce_words, fill_prompt
from ftdesign.evals.solver import Prompts, request_seed, simulate
from ftdesign.tools.schemas import PersonaTemplate, TaxonomyFile

TEMPLATE = (
    "You are {persona}. Topic {topic}/{subtopic}.\nStage {stage}.\nShow: {flaws}.\n"
    "Write {min_words}-{max_words} words in a {style} style. {situation} "
    'Keep {braces} and {"json": 1} as they are.'
)


@pytest.fixture(scope="module")
def sample():
    config = DOMAIN / "config"
    taxonomy = TaxonomyFile.from_data(yaml.safe_load((config / "input-taxonomy.yaml").read_text()))
    personas = PersonaTemplate.from_data(
        yaml.safe_load((config / "persona-template.yaml").read_text())
    )
    return build_dataset(taxonomy.taxonomy, personas, 5, seed=0)[0]


def run(sample, chat, turns=3, seed=0, max_tokens=None):
    prompts = Prompts(user_sim=TEMPLATE, system="SYSTEM PROMPT")
    return asyncio.run(
        simulate(sample, prompts, chat, turns=turns, seed=seed, candidate_max_tokens=max_tokens)
    )


def test_user_speaks_first_and_turns_alternate(sample):
    transcript = run(sample, ScriptedChat())
    assert [m.role for m in transcript.messages] == ["user", "assistant"] * 3
    assert transcript.exchanges == 3


def test_candidate_sees_system_prompt_then_the_full_history(sample):
    chat = ScriptedChat(truncating=False)  # one candidate call per turn
    transcript = run(sample, chat)
    candidate_calls = [c for c in chat.calls if c[0] == "candidate"]
    for turn, (_, messages, _, _) in enumerate(candidate_calls, start=1):
        assert messages[0] == {"role": "system", "content": "SYSTEM PROMPT"}
        expected = transcript.as_chat()[: 2 * turn - 1]
        assert messages[1:] == expected
        assert messages[-1]["role"] == "user"


def test_simulator_sees_the_same_history_with_roles_flipped(sample):
    chat = ScriptedChat()
    transcript = run(sample, chat)
    simulator_calls = [c for c in chat.calls if c[0] == "simulator"]
    flip = {"user": "assistant", "assistant": "user"}
    for turn, (_, messages, _, _) in enumerate(simulator_calls, start=1):
        assert messages[0]["role"] == "system"
        history = [
            {"role": "user", "content": OPENING},
            *({"role": flip[m["role"]], "content": m["content"]}
              for m in transcript.as_chat()[: 2 * (turn - 1)]),
        ]  # fmt: skip
        assert messages[1:-1] == history[:-1]
        assert messages[-1]["content"].startswith(history[-1]["content"] + "\n\nStage ")
        assert messages[-1]["role"] == "user"  # the simulator always answers the other side


def test_prompt_placeholders_filled_other_braces_kept(sample):
    chat = ScriptedChat()
    run(sample, chat, turns=3)
    views = [c[1] for c in chat.calls if c[0] == "simulator"]
    prompts = [v[0]["content"] + v[-1]["content"] for v in views]  # per-turn lines come last
    assert "{braces}" in prompts[0] and '{"json": 1}' in prompts[0]
    for name in ("persona", "topic", "subtopic", "stage", "flaws", "min_words", "style"):
        assert "{" + name + "}" not in prompts[0]
    assert [p.split("Stage ")[1].split()[0] for p in prompts] == ["early", "middle", "late"]
    assert f"{sample.persona.min_words}-{sample.persona.max_words} words" in prompts[0]


def test_flaws_vary_per_message_and_are_recorded(sample):
    transcript = run(sample, ScriptedChat(), turns=8)
    users = [m for m in transcript.messages if m.role == "user"]
    persona_flaws = {sample.persona.primary_flaw, *sample.persona.secondary_flaws} - {None}
    for message in users:
        assert set(message.flaws) <= persona_flaws
    prompt = fill_prompt(TEMPLATE, sample, "early", users[0].flaws)
    assert (", ".join(users[0].flaws) or "none in this message") in prompt


def test_overlong_simulator_messages_are_cut_and_noted(sample):
    transcript = run(sample, ScriptedChat(words=400))
    for message in (m for m in transcript.messages if m.role == "user"):
        assert len(message.content.split()) == sample.persona.max_words
        assert message.note and message.note.startswith("trimmed from")


def test_word_rule_is_deterministic():
    text = "one, two three four five six"
    assert enforce_words(text, 1, 3) == ("one, two three", "trimmed from 6 to 3 words")
    assert enforce_words(text, 10, 20)[1] == "short: 6 words, below the minimum 10"
    assert enforce_words(text, 1, 6) == (text, None)


def test_length_finish_reason_marks_a_truncated_reply(sample):
    transcript = run(sample, ScriptedChat(), turns=6)
    replies = [m for m in transcript.messages if m.role == "assistant"]
    assert any(m.truncated for m in replies)
    for number, reply in enumerate(replies, start=1):
        assert reply.truncated == (reply.finish_reason == "length")
        assert (number in transcript.truncated_replies) == reply.truncated


def test_request_seeds_are_stable_and_distinct(sample):
    first, second = ScriptedChat(truncating=False), ScriptedChat(truncating=False)
    run(sample, first, seed=5)
    run(sample, second, seed=5)
    assert [c[2] for c in first.calls] == [c[2] for c in second.calls]
    assert len({c[2] for c in first.calls}) == len(first.calls)
    assert request_seed(5, "s001", 1, "candidate") != request_seed(6, "s001", 1, "candidate")


def test_candidate_token_limit_is_passed_through_doubled(sample):
    chat = ScriptedChat(truncating=False)
    run(sample, chat, turns=1, max_tokens=77)
    assert [c[3] for c in chat.calls if c[0] == "candidate"] == [154]  # may run to twice it


def lines(view: list[dict[str, str]]) -> list[str]:
    return sorted(line for m in view for line in m["content"].splitlines() if line.strip())


def test_per_turn_lines_move_to_the_end_with_the_same_content(sample):
    """Before: flaws and stage filled into the system prompt; now: after the last message.
    The simulator receives the same lines either way, and its system prompt never changes."""
    chat = ScriptedChat()
    transcript = run(sample, chat)
    calls = [c[1] for c in chat.calls if c[0] == "simulator"]
    assert len({messages[0]["content"] for messages in calls}) == 1  # stable all conversation
    for turn, messages in enumerate(calls, start=1):
        said = transcript.messages[2 * (turn - 1)]
        stage = STAGE_GUIDANCE[said.stage]
        flaws = ", ".join(said.flaws) or "none in this message: write plainly"
        last, _, moved = messages[-1]["content"].partition("\n\n")
        assert moved == f"Stage {stage}.\nShow: {flaws}."
        assert stage not in messages[0]["content"]
        before = [
            {"role": "system", "content": fill_prompt(TEMPLATE, sample, said.stage, said.flaws)},
            *messages[1:-1],
            {**messages[-1], "content": last},
        ]
        assert stage in before[0]["content"]
        assert lines(before) == lines(messages)
