"""A small Okapi BM25 ranker over chunk texts, written for this project.

Dense embeddings miss exact terms (QLoRA, GGUF, NA, 0.80); BM25 catches them. Terms are
lower-cased, stop words dropped and common English suffixes stripped so "weights" matches
"weight" and "calibrating" matches "calibrate".
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence

_TOKEN = re.compile(r"[a-z0-9]+(?:\.[0-9]+)?")
_STOP_WORDS = frozenset(
    """a an and are as at be by can do does for from has have how i if in into is it its my
    of on or our so than that the their them then there these they this to was we what when
    where which who why will with would you your should much many any about""".split()
)
_SUFFIXES = ("ions", "ion", "ings", "ing", "ies", "ers", "er", "ed", "es", "ly", "s", "e")


def stem(word: str) -> str:
    """Strip one common suffix, keeping at least four characters of stem."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            word = word[: -len(suffix)]
            return word[:-1] + "y" if suffix == "ies" else word
    return word


def tokenize(text: str) -> list[str]:
    """Terms for indexing and querying; numbers such as 0.15 stay whole."""
    return [stem(t) for t in _TOKEN.findall(text.lower()) if t not in _STOP_WORDS]


class BM25:
    """Okapi BM25 with the usual k1 and b; scores are only comparable within one query."""

    def __init__(self, documents: Sequence[str], k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        term_counts = [Counter(tokenize(doc)) for doc in documents]
        lengths = [sum(counts.values()) for counts in term_counts]
        average_length = sum(lengths) / max(len(lengths), 1)
        # Each document's length normalisation, computed once instead of on every query.
        self._norms = [k1 * (1 - b + b * length / (average_length or 1)) for length in lengths]
        # Postings (document, frequency) per term: a query visits only the documents that hold
        # one of its terms, not every chunk of the store.
        self._postings: dict[str, list[tuple[int, int]]] = {}
        for index, counts in enumerate(term_counts):
            for term, freq in counts.items():
                self._postings.setdefault(term, []).append((index, freq))
        total = len(documents)
        # The "+1" form of IDF never goes negative, so common terms still count a little.
        self._idf = {
            term: math.log(1 + (total - len(postings) + 0.5) / (len(postings) + 0.5))
            for term, postings in self._postings.items()
        }

    def __len__(self) -> int:
        return len(self._norms)

    def scores(self, query: str) -> list[float]:
        """BM25 score of every document for `query`, in document order."""
        results = [0.0] * len(self._norms)
        for term in set(tokenize(query)):
            idf = self._idf.get(term, 0.0)
            for index, freq in self._postings.get(term, []):
                results[index] += idf * freq * (self.k1 + 1) / (freq + self._norms[index])
        return results

    def rank(self, query: str, allowed: Sequence[bool] | None = None) -> list[tuple[int, float]]:
        """(index, score) of documents with a positive score, best first; `allowed` filters."""
        ranked = [
            (index, score)
            for index, score in enumerate(self.scores(query))
            if score > 0 and (allowed is None or allowed[index])
        ]
        return sorted(ranked, key=lambda pair: (-pair[1], pair[0]))
