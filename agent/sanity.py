"""Sanity checks on model-written review text before a person sees it.

A small model can return well-formed JSON whose strings are token soup
("misp-users_25cwgf3nkjdzvpqrngbwlhx"), unrelated to the draft, or its own
instructions echoed back. Each check returns why the text is unusable, or None when it
may be shown; the caller then shows "not assessed" with that reason instead.
"""

from __future__ import annotations

import re

EDGE_PUNCTUATION = "\"'’“”()[]{}.,;:!?*`"
# A word as people write it: "budget", "edge-case", "don't", "GGUF", "4,096", "15%", "%".
PLAIN_WORD = re.compile(
    r"[A-Za-z][a-z'’]*(?:[-/][A-Za-z][a-z]*)*|[A-Z]{2,6}s?|[\d.,%×x~≈<>=+-]+|[%&/=+~-]"
)
VOWEL = re.compile(r"[aeiouy]")
CONSONANT_RUN = re.compile(r"[bcdfghjklmnpqrstvwxz]{5,}", re.IGNORECASE)
# Words too common to show that a note is about this draft.
STOPWORDS = frozenset(
    "the a an and or of to in on for with is are be this that it its as at by from not no"
    " yes each every all any has have was were will can should would more less than only"
    " one two per into about when which who what there their they them".split()
)
NEGATIONS = frozenset("no not none missing lacks lacking without never absent fails".split())
MIN_SHARED_STEM = 5  # letters two words must share to count as the same word ("budget"/"budgets")


def words(text: str) -> list[str]:
    stripped = (token.strip(EDGE_PUNCTUATION) for token in text.split())
    return [token for token in stripped if token]


def soup_reason(text: str) -> str | None:
    """Why `text` is not language, or None: too few words, or mostly non-words."""
    tokens = words(text)
    if len(tokens) < 2:
        return "the model wrote fewer than two words"
    odd = [t for t in tokens if not PLAIN_WORD.fullmatch(t) or CONSONANT_RUN.search(t)]
    unpronounceable = [t for t in tokens if t.islower() and len(t) >= 3 and not VOWEL.search(t)]
    odd += [t for t in tokens if len(t) > 24] + unpronounceable
    if len(odd) * 4 > len(tokens):  # more than a quarter of the tokens are not words
        return f"the model's text is not language ({odd[0][:40]!r})"
    return None


def stems(text: str) -> set[str]:
    lowered = (t.lower() for t in words(text))
    return {t[:MIN_SHARED_STEM] for t in lowered if len(t) >= 4 and t not in STOPWORDS}


def unrelated_reason(
    text: str, reference: str, about: str = "the draft or the checklist"
) -> str | None:
    """Why `text` says nothing about `reference` (described as `about`), or None."""
    if stems(text) & stems(reference):
        return None
    return f"the model's text mentions nothing in {about}"


def echo_reason(text: str, instructions: str) -> str | None:
    """Why `text` is the prompt's own instructions given back, or None."""
    said = " ".join(words(text.lower()))
    given = " ".join(words(instructions.lower()))
    if len(said) >= 12 and said in given:
        return "the model repeated its instructions instead of answering"
    return None


def contradiction_reason(ok: bool, note: str) -> str | None:
    """Why a note contradicts its own tick ("✔ ...: No token budget"), or None."""
    first = (words(note.lower()) or [""])[0]
    if ok and first in NEGATIONS:
        return "the model ticked the item but its note says otherwise"
    return None


def rejection(
    text: str, reference: str, instructions: str = "", about: str = "the draft or the checklist"
) -> str | None:
    """The first reason `text` must not be shown as the model's judgement, or None."""
    return (
        soup_reason(text)
        or (echo_reason(text, instructions) if instructions else None)
        or unrelated_reason(text, reference, about)
    )
