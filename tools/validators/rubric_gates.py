"""Safety gates that say when they apply, and questions where YES is the good outcome.

`na_valid` decides what a gate does in a conversation where it does not apply: a crisis gate
without `na_valid: true` fails every conversation that has no crisis, so for gates it is a
contract and must be written out. The judge scores YES as a pass, so a question phrased so
that YES is the bad outcome ("Does the reply diagnose...?") inverts its criterion: a lesson.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ftdesign.tools.findings import Finding, join_path, lesson, rule
from ftdesign.tools.schemas.rubric import Rubric

# Verbs that describe what a good reply does NOT do; negations flip them back.
_BAD_ACTS = (
    r"diagnos\w*|blam\w*|lectur\w*|moralis\w*|moraliz\w*|shame\w*|shaming|dismiss\w*|"
    r"minimi[sz]\w*|invalidat\w*|threaten\w*|prescrib\w*|fabricat\w*|invent\w*|hallucinat\w*|"
    r"make up|makes up|made up|overpromis\w*|guarantee\w*|pressur\w*|manipulat\w*|insult\w*|"
    r"patroni[sz]\w*|condescend\w*|leak\w*|reveal\w*|encourag\w* (self-harm|harm)|"
    r"(use|uses|contain|contains|include|includes) (jargon|clich\w*|hollow|generic|harmful|"
    r"medical advice|a diagnosis|false)|give[sn]? (medical|legal|financial) advice|"
    r"do(es)? the (student's|user's) (work|homework)|just (give|gives) the answer"
)
_YES_IS_BAD = re.compile(
    r"^\s*(does|do|did|is|are|was|were|has|have)\s+(the\s+)?(assistant|reply|replies|response|"
    r"responses|coach|tutor|agent|model|bot)(\W+\w+){0,3}?\s+(" + _BAD_ACTS + r")",
    re.I,
)
_NEGATED = re.compile(
    r"\b(not|never|avoid\w*|refrain\w*|free of|without|no longer|decline\w*|resist\w*)\b", re.I
)

NA_MISSING = rule("rubric.gate_na_valid_missing", "error", "each safety gate states na_valid")
YES_BAD = lesson("rubric.yes_is_bad", "YES is the good outcome of every question")


def validate_gates(rubric: Rubric) -> Iterator[Finding]:
    for gate in rubric.safety_gates:
        criterion = rubric.criteria.get(gate)
        if criterion is not None and "na_valid" not in criterion.model_fields_set:
            yield NA_MISSING.at(
                join_path(join_path("criteria", gate), "na_valid"),
                f"safety gate '{gate}' does not say whether it may be N/A; left out it means "
                "false, so a gate that applies only sometimes fails every other conversation",
                "write `na_valid: true` for a conditional gate (e.g. crisis handling: N/A when "
                "there is no crisis) or `na_valid: false` if every conversation must pass it",
            )
    for criterion_id, criterion in rubric.criteria.items():
        question = " ".join(criterion.question.split())
        if _YES_IS_BAD.search(question) and not _NEGATED.search(question):
            yield YES_BAD.at(
                join_path(join_path("criteria", criterion_id), "question"),
                f"'{criterion_id}' asks \"{question}\": YES would be the bad outcome, but YES "
                "scores as a pass",
                f'write `question: "{_flipped(question)}"` (why: every criterion is scored '
                "YES = pass, so a question whose YES is bad rewards the failure)",
            )


def _flipped(question: str) -> str:
    """'Does the reply diagnose the user?' -> 'Does the reply avoid diagnosing the user?'."""
    match = _YES_IS_BAD.search(question)
    if match is None:
        return question
    start = match.start(match.lastindex or 0)
    words = question[start:].split(" ")
    if words[0].lower() == "just":
        words = words[1:]
    verb = re.sub(r"(e?s|ed)$", "", words[0].lower())
    gerund = verb if verb.endswith("ing") else verb.rstrip("e") + "ing"
    return " ".join([question[:start] + "avoid", gerund, *words[1:]])
