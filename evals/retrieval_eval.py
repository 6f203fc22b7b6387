"""Recall of the knowledge base on practitioner questions, per retrieval mode.

A question counts as answered at k when one of the top-k chunks contains its expected fact
(a case-insensitive regex, matched after collapsing whitespace). Run:

    python -m evals.retrieval_eval [--holdout] [--domain general] [--store DIR] [--misses]

The main set (retrieval_set.yaml) is the target; the held-out set (retrieval_holdout.yaml) was
never used to tune anything and shows how far the main numbers generalise.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from ftdesign.tools.text_source import read_source
from ftdesign.tools.yaml_load import load_yaml

RETRIEVAL_SET = Path(__file__).resolve().parent / "retrieval_set.yaml"
HOLDOUT_SET = Path(__file__).resolve().parent / "retrieval_holdout.yaml"
MODES = ("dense", "lexical", "hybrid")


@dataclass(frozen=True)
class Question:
    text: str
    gate: str
    expect: str

    def answered_by(self, chunk_text: str) -> bool:
        flat = re.sub(r"\s+", " ", chunk_text)
        return re.search(self.expect, flat, re.IGNORECASE) is not None


@dataclass(frozen=True)
class ModeResult:
    mode: str
    recall_at_1: float
    recall_at_3: float
    misses: list[str]  # questions not answered in the top 3


def load_questions(path: Path = RETRIEVAL_SET) -> list[Question]:
    """The retrieval set as `Question`s."""
    entries = load_yaml(read_source(path), str(path))["questions"]
    return [Question(e["q"], e["gate"], e["expect"]) for e in entries]


def evaluate(
    mode: str,
    store_dir: Path | str | None = None,
    *,
    questions_path: Path = RETRIEVAL_SET,
    domain: str | None = None,
) -> ModeResult:
    """Recall@1 and recall@3 of one mode over a question set (all domains unless `domain`)."""
    from ftdesign import knowledge

    questions = load_questions(questions_path)
    first = top3 = 0
    misses: list[str] = []
    for question in questions:
        hits = knowledge.search(question.text, k=3, mode=mode, domain=domain, store_dir=store_dir)
        found = [question.answered_by(hit.text) for hit in hits]
        first += bool(found[:1] and found[0])
        top3 += any(found)
        if not any(found):
            misses.append(question.text)
    total = len(questions)
    return ModeResult(mode, first / total, top3 / total, misses)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--holdout", action="store_true", help="use the held-out questions")
    parser.add_argument("--domain", help="search one domain only (guides are 'general')")
    parser.add_argument("--store", help="store directory (default: the user's knowledge store)")
    parser.add_argument("--misses", action="store_true", help="list questions missed at k=3")
    args = parser.parse_args(argv)
    path = HOLDOUT_SET if args.holdout else RETRIEVAL_SET
    scope = f"domain {args.domain}" if args.domain else "guides and worked domains"
    print(f"{len(load_questions(path))} questions from {path.name}; searching {scope}")
    print(f"{'mode':<8} {'recall@1':>9} {'recall@3':>9}")
    for mode in MODES:
        result = evaluate(mode, args.store, questions_path=path, domain=args.domain)
        print(f"{mode:<8} {result.recall_at_1:>9.3f} {result.recall_at_3:>9.3f}")
        for miss in result.misses if args.misses else []:
            print(f"    missed: {miss}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
