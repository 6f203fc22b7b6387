"""Reading prose for what it states: sentences, ratios, word ranges, question limits, phrases.

People write the same instruction many ways ("1.0-1.5x", "never more than double", "no more
than twice their length"); the validators compare what is stated, not how it is worded.
Each reader returns the quantity it found with the sentence it came from, so a finding can
quote the user's own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

NUMBER_WORDS = {
    "zero": 0, "no": 0, "a": 1, "an": 1, "one": 1, "single": 1, "two": 2, "couple": 2,
    "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10,
    "several": 3, "multiple": 3, "many": 3,
}  # fmt: skip
MULTIPLE_WORDS = {"half": 0.5, "double": 2, "twice": 2, "triple": 3, "thrice": 3}
NUM = r"(?<![\w.])(\d+(?:\.\d+)?|(?:" + "|".join(NUMBER_WORDS) + r")\b)"
BULLET = re.compile(r"^\s*(?:[-*+•]|\d+[.)])\s+(.*)$")
# A word that turns a sentence into a prohibition or a bad example.
_NEGATIVE = re.compile(
    r"\b(never|not|no|don't|dont|do not|avoid|without|instead of|rather than|fail\w*|"
    r"too long|wrong|bad|unacceptable|reject\w*|penali[sz]\w*)\b",
    re.I,
)


@dataclass(frozen=True)
class Sentence:
    text: str
    line: int
    bullet: bool = False

    @property
    def negative(self) -> bool:
        return _NEGATIVE.search(self.text) is not None


def each(source: str | list[Sentence]) -> list[Sentence]:
    return sentences(source) if isinstance(source, str) else source


def number(word: str) -> float | None:
    word = word.lower().strip()
    try:
        return float(word)
    except ValueError:
        return NUMBER_WORDS.get(word)


def sentences(text: str) -> list[Sentence]:
    """Sentences with their first line; each bullet is its own sentence (or several)."""
    found: list[Sentence] = []
    block: list[tuple[int, str]] = []

    def flush(bullet: bool = False) -> None:
        if block:
            joined = " ".join(part for _, part in block)
            starts = [0]  # offset in `joined` where each block line begins
            for _, part in block[:-1]:
                starts.append(starts[-1] + len(part) + 1)
            cursor = 0
            for piece in re.split(r"(?<=[.!?;])\s+(?=[\"'“A-Z{(])", joined):
                cursor = joined.find(piece, cursor)
                line = block[max(i for i, start in enumerate(starts) if start <= cursor)][0]
                if piece.strip():
                    found.append(Sentence(piece.strip(), line, bullet))
            block.clear()

    in_bullet = False
    for number_, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        bullet = BULLET.match(raw)
        if not line or line.startswith("#") or bullet:
            flush(in_bullet)
            in_bullet = bool(bullet)
            if line.startswith("#"):
                found.append(Sentence(line.lstrip("#").strip(), number_))
            elif bullet:
                block.append((number_, bullet.group(1).strip()))
            continue
        if in_bullet and not raw[:1].isspace():
            flush(in_bullet)  # an unindented line after a bullet starts a new paragraph
            in_bullet = False
        block.append((number_, line))
    flush(in_bullet)
    return found


_RANGE_X = re.compile(NUM + r"\s*(?:-|–|to)\s*" + NUM + r"\s*(?:x|×|times)\b", re.I)
_SINGLE_X = re.compile(NUM + r"\s*(?:x|×)(?=\W|$)|" + NUM + r"\s+times\b", re.I)
_MULTIPLE = re.compile(r"\b(" + "|".join(MULTIPLE_WORDS) + r")\b", re.I)
_AS_LONG = re.compile(
    r"\b(as long as|the same length as|match(es|ing)?\b[^.]{0,40}\b(length|word count)|"
    r"mirror[^.]{0,30}length)",
    re.I,
)
_LENGTH_TALK = re.compile(r"\b(length|long|longer|words?|word count|size|as much)\b", re.I)


def ratios(text: str | list[Sentence]) -> list[tuple[float, Sentence]]:
    """Reply-to-user length ratios a text states; the upper end of a stated range."""
    found: list[tuple[float, Sentence]] = []
    for sentence in each(text):
        if not _LENGTH_TALK.search(sentence.text):
            continue
        values = [number(m.group(2)) for m in _RANGE_X.finditer(sentence.text)]
        rest = _RANGE_X.sub(" ", sentence.text)
        values += [number(m.group(1) or m.group(2)) for m in _SINGLE_X.finditer(rest)]
        values += [MULTIPLE_WORDS[m.group(1).lower()] for m in _MULTIPLE.finditer(rest)]
        if _AS_LONG.search(sentence.text):
            values.append(1.0)
        found += [(v, sentence) for v in values if v is not None]
    return found


_BETWEEN = re.compile(r"between\s+(\S+)\s+and\s+(\S+)\s+words", re.I)
_DASH = re.compile(r"(\d+|\{\w+\})\s*(?:-|–|to)\s*(\d+|\{\w+\})\s+words", re.I)
_BOUNDS = re.compile(
    r"(at least|minimum of|no fewer than)\s+(\d+|\{\w+\})[^.]*?"
    r"(at most|up to|maximum of|no more than)\s+(\d+|\{\w+\})\s+words",
    re.I,
)


def word_ranges(text: str | list[Sentence]) -> list[tuple[str, str, Sentence]]:
    """Stated per-message word ranges: 'between X and Y words', 'X-Y words', 'X to Y words'."""
    found: list[tuple[str, str, Sentence]] = []
    for sentence in each(text):
        for pattern, low, high in ((_BETWEEN, 1, 2), (_DASH, 1, 2), (_BOUNDS, 2, 4)):
            found += [
                (m.group(low), m.group(high), sentence) for m in pattern.finditer(sentence.text)
            ]
    return found
