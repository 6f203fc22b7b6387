"""Questions a prompt allows or asks for per reply, read from its sentences.

"one question at most", "no more than two questions", "don't ask more than two questions"
are limits; "ask three questions in every reply" is a demand. Both return the number with
the sentence that states it.
"""

from __future__ import annotations

import re

from ftdesign.tools.prose import NUM, Sentence, each, number

_LIMIT_BEFORE = re.compile(
    r"\b(at most|no more than|not more than|never more than|max(?:imum)?(?: of)?|only|"
    r"up to|just|limit(?:ed)? (?:yourself )?to|(?:don't|do not|never) ask more than)\s+(?:"
    + NUM
    + r"\s*(?:-|–|or|to)\s*)?"
    + NUM
    + r"\s+(?:\w+\s+){0,2}?questions?\b",
    re.I,
)
_LIMIT_AFTER = re.compile(
    NUM
    + r"\s+(?:\w+\s+){0,2}?questions?\b[^.;]{0,30}?"
    + r"\b(at most|max(?:imum)?|or fewer|or less|tops)\b",
    re.I,
)
_ASK_COUNT = re.compile(r"\bask\s+(?:at least\s+)?" + NUM + r"\s+(?:\w+\s+){0,2}?questions\b", re.I)


def question_limits(text: str | list[Sentence]) -> list[tuple[float, Sentence]]:
    """Stated caps on questions per reply ('one question at most', 'no more than two')."""
    found: list[tuple[float, Sentence]] = []
    for sentence in each(text):
        for match in _LIMIT_BEFORE.finditer(sentence.text):
            value = number(match.group(3))
            found += [(value, sentence)] if value is not None else []
        for match in _LIMIT_AFTER.finditer(sentence.text):
            value = number(match.group(1))
            found += [(value, sentence)] if value is not None else []
        if re.search(r"\b(a single|one) question\b", sentence.text, re.I) and re.search(
            r"\b(only|never more|at most|no more)\b", sentence.text, re.I
        ):
            found.append((1.0, sentence))
    return found


def question_demands(text: str | list[Sentence]) -> list[tuple[float, Sentence]]:
    """Instructions to ask a number of questions ('ask three questions in every reply')."""
    found: list[tuple[float, Sentence]] = []
    for sentence in each(text):
        if sentence.negative or _LIMIT_BEFORE.search(sentence.text):
            continue
        for match in _ASK_COUNT.finditer(sentence.text):
            value = number(match.group(1))
            found += [(value, sentence)] if value is not None else []
    return found
