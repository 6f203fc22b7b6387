"""Countable facts about a conversation, computed in code and handed to the judge.

Judges cannot count: a model asked "is the reply under twice the user's length?"
guesses. We count words, questions and banned phrases here and state them in the
judge prompt as facts.
"""

from __future__ import annotations

import re
from statistics import mean

from pydantic import BaseModel

from ftdesign.evals.transcript import Transcript

WORD = re.compile(r"[A-Za-z0-9]+(?:['’][A-Za-z]+)?")
AVOID_HEADING = re.compile(r"avoid|never say|do not say|don't say|banned|anti-pattern", re.I)
BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+(.*\S)")
QUOTED = re.compile(r"[\"“”]([^\"“”]{3,}?)[\"“”]")


def word_count(text: str) -> int:
    return len(WORD.findall(text))


def question_count(text: str) -> int:
    """Question marks, with runs like '?!?' counted once."""
    return len(re.findall(r"\?+[!?]*", text))


def _normalise(text: str) -> str:
    text = text.replace("’", "'").replace("…", "...").lower()
    return re.sub(r"\s+", " ", text)


def avoid_phrases(assistant_prompt: str) -> list[str]:
    """Phrases listed under an 'avoid' line of assistant.md.

    Quoted text when the list quotes anything (the descriptions around quotes are not
    phrases), else the short bullets themselves.
    """
    quoted: list[str] = []
    plain: list[str] = []
    in_list = False
    for line in assistant_prompt.splitlines():
        bullet = BULLET.match(line)
        if bullet and in_list:
            quoted += QUOTED.findall(bullet.group(1))
            text = re.split(r"\s*[:(]|\s+[-–—]\s+", bullet.group(1))[0].strip(" *_`'\"")
            plain += [text] if 0 < len(text.split()) <= 8 else []
        elif line.strip():
            in_list = bool(AVOID_HEADING.search(line)) or (in_list and bool(bullet))
    phrases = [_normalise(p).strip(" .!?,") for p in (quoted or plain)]
    return sorted({p for p in phrases if len(p) >= 3})


def phrases_found(text: str, phrases: list[str]) -> list[str]:
    body = _normalise(text)
    return [p for p in phrases if re.search(r"(?<!\w)" + re.escape(p) + r"(?!\w)", body)]


class ExchangeFacts(BaseModel):
    exchange: int
    user_words: int
    assistant_words: int
    ratio: float
    questions: int
    avoided_phrases_used: list[str]


class ConversationFacts(BaseModel):
    exchanges: int
    user_messages: int
    assistant_messages: int
    mean_ratio: float
    max_questions: int
    per_exchange: list[ExchangeFacts]

    def render(self) -> str:
        """The facts block of the judge prompt: one line per exchange, then totals."""
        lines = [
            f"Exchange {f.exchange}: user {f.user_words} words, assistant {f.assistant_words}"
            f" words (ratio {f.ratio:.2f}), {f.questions} question(s) in the reply"
            + (
                f", avoided phrases used: {', '.join(f.avoided_phrases_used)}"
                if f.avoided_phrases_used
                else ", no avoided phrase used"
            )
            for f in self.per_exchange
        ]
        lines.append(
            f"Total: {self.exchanges} exchange(s); mean assistant/user word ratio "
            f"{self.mean_ratio:.2f}; most questions in one reply: {self.max_questions}."
        )
        return "\n".join(lines)


def conversation_facts(transcript: Transcript, phrases: list[str]) -> ConversationFacts:
    per_exchange = []
    for number, (user, reply) in enumerate(transcript.pairs(), start=1):
        user_words, reply_words = word_count(user.content), word_count(reply.content)
        per_exchange.append(
            ExchangeFacts(
                exchange=number,
                user_words=user_words,
                assistant_words=reply_words,
                ratio=round(reply_words / max(user_words, 1), 3),
                questions=question_count(reply.content),
                avoided_phrases_used=phrases_found(reply.content, phrases),
            )
        )
    roles = [m.role for m in transcript.messages]
    return ConversationFacts(
        exchanges=len(per_exchange),
        user_messages=roles.count("user"),
        assistant_messages=roles.count("assistant"),
        mean_ratio=round(mean(f.ratio for f in per_exchange), 3) if per_exchange else 0.0,
        max_questions=max((f.questions for f in per_exchange), default=0),
        per_exchange=per_exchange,
    )
