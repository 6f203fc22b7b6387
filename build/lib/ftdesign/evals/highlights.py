"""The strongest and weakest exchange of a run, quoted for the report.

Verdicts are per conversation, so the conversation comes first: the strongest
exchange is taken from the highest-scoring conversation, the weakest from the
lowest-scoring one. Inside it, the exchange is chosen by problems counted in
code (reply length ratio over 2x or under 0.5x, more than two questions,
avoided phrases, truncation): fewest for the strongest, most for the weakest,
ties going to the earlier exchange. Nothing here asks a model.
"""

from __future__ import annotations

from dataclasses import dataclass

from ftdesign.evals.facts import ExchangeFacts, conversation_facts
from ftdesign.evals.results import ScenarioResult
from ftdesign.evals.transcript import Message, Transcript

QUOTE_WORDS = 90


@dataclass(frozen=True)
class Highlight:
    result: ScenarioResult
    exchange: int
    user: Message
    reply: Message
    problems: list[str]


def problems(facts: ExchangeFacts, reply: Message) -> list[str]:
    found = []
    if facts.ratio > 2.0:
        found.append(f"reply {facts.ratio:.1f}x the user's length")
    if facts.ratio < 0.5:
        found.append(f"reply only {facts.ratio:.1f}x the user's length")
    if facts.questions > 2:
        found.append(f"{facts.questions} questions")
    if facts.avoided_phrases_used:
        found.append("avoided phrase: " + ", ".join(facts.avoided_phrases_used))
    if reply.truncated:
        found.append("cut off by the token limit")
    return found


def _pick(
    result: ScenarioResult, transcript: Transcript, phrases: list[str], worst: bool
) -> Highlight | None:
    facts = conversation_facts(transcript, phrases).per_exchange
    pairs = transcript.pairs()
    if not pairs:
        return None
    found = [problems(f, reply) for f, (_, reply) in zip(facts, pairs, strict=True)]
    order = sorted(range(len(pairs)), key=lambda i: (-len(found[i]) if worst else len(found[i]), i))
    best = order[0]
    user, reply = pairs[best]
    return Highlight(result, best + 1, user, reply, found[best])


def strongest_and_weakest(
    rows: list[ScenarioResult], transcripts: dict[str, Transcript], phrases: list[str]
) -> tuple[Highlight | None, Highlight | None]:
    ranked = sorted(rows, key=lambda r: (-r.score, r.id))
    if not ranked:
        return None, None
    top, bottom = ranked[0], sorted(rows, key=lambda r: (r.score, r.id))[0]
    return (
        _pick(top, transcripts[top.id], phrases, worst=False),
        _pick(bottom, transcripts[bottom.id], phrases, worst=True),
    )


def quote(text: str, limit: int = QUOTE_WORDS) -> str:
    """A Markdown block quote, shortened to `limit` words."""
    words = text.split()
    short = " ".join(words[:limit]) + (" [...]" if len(words) > limit else "")
    return "> " + short.replace("\n", " ")
