"""The seed's prompt lessons read from prose: is each stated, and is any contradicted?

`states(code, text)` says whether a prompt states a lesson in any wording;
`contradictions(kind, text)` lists sentences that say the opposite of the seed (a ratio
above 2x, more than two questions, advice against tentative language, always cooperating,
ending every reply with a question), each with the sentence to quote.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from ftdesign.tools import prose
from ftdesign.tools.prose import Sentence
from ftdesign.tools.prose_avoid import avoid_list
from ftdesign.tools.prose_questions import question_demands, question_limits

HARD_RATIO = 2.0
MAX_QUESTIONS = 2

_TENTATIVE = re.compile(
    r"\b(i wonder|could it be|tentative\w*|might be|may be|perhaps|maybe|possibilit\w+|"
    r"guess(es)?|hypothes\w+|hunch\w*|check (it|that|whether|if)|invite correction|"
    r"not (as )?(a )?(fact|certaint\w+|verdict))",
    re.I,
)
_NON_COOPERATIVE = re.compile(
    r"\b(ignore|push(es|ing)? back|pushback|tangent\w*|resist\w*|disagree\w*|drift\w*|"
    r"change the subject|sidestep\w*|dodge\w*|evade\w*|deflect\w*|off.topic|pivot\w*|"
    r"do(n't| not) (always |just )?(answer|follow|cooperate))",
    re.I,
)
_STAGES = re.compile(
    r"\{stage\}|\b(early|beginning|start|opening|first)\b.*\b(middle|mid)\b.*"
    r"\b(late|end|final|closing|last)\b",
    re.I | re.S,
)
_ENFORCED = re.compile(r"enforc\w*|\bcut\b|trimm\w*|truncat\w*|hard (limit|cap)|strict", re.I)
_QUESTION_RANGE = re.compile(
    prose.NUM + r"\s*(?:-|–|or|to)\s*" + prose.NUM + r"\s+questions?", re.I
)
# "Questions: 0-1 per reply", "Questions - max 1".
_QUESTION_LABEL = re.compile(r"questions?\s*[:\-–]\s*(?:at most\s+|max\.?\s+)?" + prose.NUM, re.I)
_STATED_LIMIT = re.compile(
    r"\b(never more than|no more than|not more than|at most|up to|hard limit|cap|limit|"
    r"maximum|exceed)",
    re.I,
)


def _states_ratio(text: str) -> bool:
    return any(value <= HARD_RATIO for value, _ in prose.ratios(text))


def _states_questions(text: str) -> bool:
    return bool(question_limits(text)) or any(
        pattern.search(text) for pattern in (_QUESTION_RANGE, _QUESTION_LABEL)
    )


STATES: dict[str, Callable[[str], bool]] = {
    "prompt.length_ratio": _states_ratio,
    "prompt.question_discipline": _states_questions,
    "prompt.tentative_language": lambda text: _TENTATIVE.search(text) is not None,
    "prompt.anti_patterns": lambda text: len(avoid_list(text)[0]) >= 2,
    "prompt.word_limits": lambda text: bool(prose.word_ranges(text)),
    "prompt.non_cooperative": lambda text: _NON_COOPERATIVE.search(text) is not None,
    "prompt.turn_stages": lambda text: _STAGES.search(text) is not None,
}


def states(code: str, text: str) -> bool:
    return STATES[code](text)


def states_enforcement(text: str) -> bool:
    return _ENFORCED.search(text) is not None


@dataclass(frozen=True)
class Contradiction:
    code: str
    sentence: Sentence
    stated: str  # what the sentence says, in the seed's terms


def _ratio(sentences: list[Sentence], text: str) -> list[Contradiction]:
    found = []
    for value, sentence in prose.ratios(text):
        is_limit = _STATED_LIMIT.search(sentence.text) is not None
        # "A reply 5x their length fails" describes a bad reply; a stated limit is a target.
        if value > HARD_RATIO and (is_limit or not sentence.negative):
            found.append(Contradiction("prompt.ratio_contradiction", sentence, f"{value:g}x"))
    return found


def _questions(sentences: list[Sentence], text: str) -> list[Contradiction]:
    stated = question_limits(sentences) + question_demands(sentences)
    return [
        Contradiction("prompt.questions_contradiction", s, f"{v:g} questions per reply")
        for v, s in stated
        if v > MAX_QUESTIONS
    ]


_AGAINST_TENTATIVE = re.compile(
    r"\b(never|don't|do not|avoid|no|without)\s+(use\s+|using\s+)?(any\s+)?"
    r"(tentative|hedg\w*|qualifier\w*|softening)|"
    r"(?<!not )(?<!never )(?<!n't )\bstate\s+(\w+\s+){0,4}?as\s+(a\s+)?(plain\s+)?"
    r"(facts?|certaint\w+)",
    re.I,
)
_ALWAYS_QUESTION = re.compile(
    r"\b(always\s+)?(end|finish|close|wrap up)\w*\s+(every|each|all|your)\s+(\w+\s+)?"
    r"(reply|replies|response|responses|message|messages|turn|turns)\s+with\s+(a\s+)?question|"
    r"\balways\s+(end|finish|close)\w*\s+with\s+(a\s+)?question",
    re.I,
)
_ALWAYS_COOPERATE = re.compile(
    r"(?<!not )(?<!n't )\balways\s+(cooperate|co-operate|comply|agree|be cooperative|"
    r"answer\s+(every|each|all|the)\b[^.;]{0,20}questions?|do what|follow (the|its|every))|"
    r"\bnever\s+(push back|disagree|change the subject)\b"
    r"(?!\s+(on|with)\s+(your|the)\s+(persona|role|character|instructions|situation))|"
    r"\bnever\s+(ignore|resist|deflect|dodge|sidestep)\s+(the\s+|a\s+|an\s+|any\s+|its\s+)?"
    r"(assistant|coach|agent|tutor|bot|advis[eo]r|helper|representative|question|advice|"
    r"suggestion)|"
    r"\b(fully|completely|always)\s+cooperative\b",
    re.I,
)


def _pattern(code: str, pattern: re.Pattern[str], stated: str, skip_negative: bool) -> Callable:
    def check(sentences: list[Sentence], text: str) -> list[Contradiction]:
        return [
            Contradiction(code, s, stated)
            for s in sentences
            if pattern.search(s.text) and not (skip_negative and s.negative)
        ]

    return check


_CHECKS = {
    "assistant": [
        _ratio,
        _questions,
        _pattern(
            "prompt.tentative_contradiction",
            _AGAINST_TENTATIVE,
            "advice against tentative language",
            False,
        ),
        _pattern(
            "prompt.always_question_contradiction",
            _ALWAYS_QUESTION,
            "a question ending every reply",
            True,
        ),
    ],
    "user_sim": [
        _pattern(
            "prompt.cooperation_contradiction",
            _ALWAYS_COOPERATE,
            "users who always cooperate",
            False,
        )
    ],
}


def contradictions(kind: str, text: str) -> list[Contradiction]:
    """Sentences contradicting the seed; phrases quoted in an avoid list are not instructions."""
    _, avoid_lines = avoid_list(text)
    kept = [s for s in prose.sentences(text) if s.line not in avoid_lines]
    found: list[Contradiction] = []
    for check in _CHECKS.get(kind, []):
        found += check(kept, text)
    return found
