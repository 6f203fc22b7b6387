"""Countable facts computed in code for the judge."""

from __future__ import annotations

import pytest

from ftdesign.evals.facts import avoid_phrases, conversation_facts, question_count, word_count
from ftdesign.evals.transcript import Message, Transcript

ASSISTANT_MD = """# Assistant

Keep replies short.

Avoid these phrases:
- "That sounds really hard", "Your feelings are valid": empty empathy
- "Let's unpack that" (jargon)
- Ending every reply with a question

## Other
- "Not an avoided phrase" in another list
"""


def transcript(*pairs: tuple[str, str]) -> Transcript:
    messages = []
    for user, reply in pairs:
        messages += [Message(role="user", content=user), Message(role="assistant", content=reply)]
    return Transcript(scenario_id="s001", messages=messages)


@pytest.mark.parametrize(
    ("text", "words", "questions"),
    [
        ("", 0, 0),
        ("I'm fine, thanks.", 3, 0),
        ("Why? Really?! What now??", 4, 3),
        ("Is it 3 or 4 days?", 6, 1),
    ],
)
def test_word_and_question_counts(text, words, questions):
    assert word_count(text) == words
    assert question_count(text) == questions


def test_avoid_list_takes_quoted_phrases_under_the_avoid_line_only():
    assert avoid_phrases(ASSISTANT_MD) == [
        "let's unpack that",
        "that sounds really hard",
        "your feelings are valid",
    ]


def test_avoid_list_falls_back_to_short_bullets():
    text = "Never say:\n- I hear you\n- Great question\n\nLater text\n- not listed\n"
    assert avoid_phrases(text) == ["great question", "i hear you"]


def test_conversation_facts_per_exchange_and_totals():
    facts = conversation_facts(
        transcript(
            ("one two three four", "That sounds really hard. Why? How?"),
            ("a b", "Let’s unpack that, okay"),
        ),
        avoid_phrases(ASSISTANT_MD),
    )
    first, second = facts.per_exchange
    assert (first.user_words, first.assistant_words, first.questions) == (4, 6, 2)
    assert first.ratio == 1.5
    assert first.avoided_phrases_used == ["that sounds really hard"]
    assert second.avoided_phrases_used == ["let's unpack that"]  # curly apostrophe matched
    assert second.ratio == 2.0
    assert facts.mean_ratio == 1.75
    assert (facts.exchanges, facts.user_messages, facts.assistant_messages) == (2, 2, 2)
    assert facts.max_questions == 2
    rendered = facts.render()
    assert "ratio 1.50" in rendered and "mean assistant/user word ratio 1.75" in rendered
