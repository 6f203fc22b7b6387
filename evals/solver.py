"""The solver: a simulated conversation between the user simulator and the candidate.

Both sides see the full history every turn (truncated history broke continuity
in real projects). The candidate sees the project's system prompt, then the
conversation with the user first. The simulator sees its filled `user_sim.md`,
an opening cue, then the same conversation with roles flipped: its own messages
are `assistant`, the candidate's replies are `user`; this turn's flaws and stage come
last, after the latest message (stable first, variable last: a cached prefix). Each
request carries a seed derived from the run seed, scenario and turn, so a resumed run
repeats itself.
"""

from __future__ import annotations

import hashlib
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from ftdesign.evals.dataset import Sample
from ftdesign.evals.simulator import (
    OPENING,
    clean_message,
    enforce_words,
    fill_prompt,
    split_per_turn,
    stage_of,
    word_range,
)
from ftdesign.evals.transcript import Message, Transcript
from ftdesign.models import Completion
from ftdesign.tools.samplers import message_flaws, turn_rng

# (role, messages, seed, max_tokens) -> Completion; the task wraps models.acomplete.
Chat = Callable[[str, list[dict[str, str]], int, int | None], Awaitable[Completion]]
TOKENS_PER_WORD = 1.5  # English runs ~1.3; a cut by the word rule is cleaner than by tokens
EMPTY = "(no message)"


@dataclass(frozen=True)
class Prompts:
    user_sim: str
    system: str


def request_seed(seed: int, *keys: object) -> int:
    """A stable 31-bit seed per request (hash, not Python's salted hash())."""
    text = "/".join(str(k) for k in (seed, *keys))
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:4], "big") >> 1


def simulator_view(
    prompt: str, transcript: Transcript, this_turn: str = ""
) -> list[dict[str, str]]:
    """The system prompt, the opening cue, the flipped history; `this_turn` (the per-turn
    lines) is appended to the last message, always a `user` one, so roles still alternate."""
    flipped = {"user": "assistant", "assistant": "user"}
    history = [{"role": flipped[m.role], "content": m.content} for m in transcript.messages]
    view = [{"role": "system", "content": prompt}, {"role": "user", "content": OPENING}, *history]
    if this_turn:
        view[-1] = {**view[-1], "content": f"{view[-1]['content']}\n\n{this_turn}"}
    return view


def candidate_view(system: str, transcript: Transcript) -> list[dict[str, str]]:
    return [{"role": "system", "content": system}, *transcript.as_chat()]


@dataclass(frozen=True)
class Limits:
    """The candidate's reply limit as requested (None: its settings') and as in effect."""

    requested: int | None = None
    in_effect: int | None = None


async def candidate_reply(
    chat: Chat, messages: list[dict[str, str]], seed: int, limits: Limits
) -> tuple[Completion, bool]:
    """The candidate's reply, and whether it ran past the token limit.

    A reply cut at the harness's limit would fail criteria for that limit, not for the model's
    behaviour, so a reply may run to twice the limit (a llama.cpp server also keeps it inside
    the context window). It is asked once at that larger limit: asking at the limit and then
    again at twice it, with the same seed, generated the same first tokens twice (35 % of the
    candidate's tokens in a 20 x 6 embedded run).
    """
    limit = limits.in_effect
    reply = await chat("candidate", messages, seed, 2 * limit if limit else None)
    return reply, bool(limit and reply.completion_tokens > limit)


async def simulate(
    sample: Sample,
    prompts: Prompts,
    chat: Chat,
    *,
    turns: int = 3,
    seed: int = 0,
    candidate_max_tokens: int | None = None,
    limits: Limits | None = None,
) -> Transcript:
    """Run `turns` exchanges for one sample and return every message with its accounting.

    `limits` bound the candidate's replies (each may run to twice the limit).
    """
    limits = limits or Limits(candidate_max_tokens, candidate_max_tokens)
    transcript = Transcript(scenario_id=sample.id)
    low, high = word_range(sample)
    stable, per_turn = split_per_turn(prompts.user_sim)
    for turn in range(1, turns + 1):
        stage = stage_of(turn, turns)
        flaws = message_flaws(sample.persona, turn_rng(seed, sample.id, turn))
        prompt = fill_prompt(stable, sample, stage, flaws)
        note: str | None
        if turn == 1 and sample.opener:  # a probe: its first message is fixed
            asked = Completion(sample.opener, "stop", 0, 0, "probe")
            text, note = sample.opener, "probe opener from a calibration FAIL example"
        else:
            asked = await chat(
                "simulator",
                simulator_view(prompt, transcript, fill_prompt(per_turn, sample, stage, flaws)),
                request_seed(seed, sample.id, turn, "simulator"),
                int(high * TOKENS_PER_WORD) + 16,
            )
            text, note = enforce_words(clean_message(asked.text), low, high)
        transcript.messages.append(
            Message(
                role="user",
                content=text or EMPTY,
                stage=stage,
                flaws=flaws,
                prompt_tokens=asked.prompt_tokens,
                completion_tokens=asked.completion_tokens,
                finish_reason=asked.finish_reason,
                note=note if text else "the simulator returned an empty message",
            )
        )
        reply, past_limit = await candidate_reply(
            chat,
            candidate_view(prompts.system, transcript),
            request_seed(seed, sample.id, turn, "candidate"),
            limits,
        )
        transcript.messages.append(
            Message(
                role="assistant",
                content=reply.text.strip() or EMPTY,
                prompt_tokens=reply.prompt_tokens,
                completion_tokens=reply.completion_tokens,
                finish_reason=reply.finish_reason,
                truncated=reply.finish_reason == "length",
                past_limit=past_limit,
            )
        )
    return transcript
