"""The Markdown artifacts: required sections and the lessons each prompt must carry.

Generators (model-choice helper, evaluation report, agent drafts) and the
validators read the same constants, so a drafted file and its check never drift.
"""

from __future__ import annotations

import re

from pydantic import BaseModel

REQUIRED_SECTIONS: dict[str, list[str]] = {
    "model_choice": ["Chosen model", "Candidates", "Tradeoffs", "Decision checklist"],
    "eval_results": [
        "Settings",
        "Pass rate",
        "Decision",
        "Safety gates",
        "Breakdown",
        "Judge reliability",
        "Truncated replies",
        "Strongest and weakest exchanges",
    ],
}

# Sections a later gate adds; missing ones are warnings, not errors.
OPTIONAL_SECTIONS: dict[str, list[str]] = {"model_choice": ["Token budget"]}

# The five factors of the seed's step 1; the Candidates table names each.
MODEL_FACTORS = [
    "Context window",
    "Quantization",
    "Base capability",
    "Training cost",
    "Deployment target",
]

# Written by the baseline gate when no evaluation could run; a warning, never a pass.
EVAL_UNAVAILABLE = "Status: evaluation unavailable"


class Lesson(BaseModel):
    """A key lesson of the seed that a prompt must state, found by a pattern."""

    code: str
    description: str
    pattern: str
    severity: str = "error"

    def found_in(self, text: str) -> bool:
        return re.search(self.pattern, text, re.IGNORECASE | re.DOTALL) is not None


PROMPT_LESSONS: dict[str, list[Lesson]] = {
    "assistant": [
        Lesson(
            code="prompt.length_ratio",
            description="a reply length target relative to the user's words (1.0-1.5x, hard 2x)",
            pattern=r"\b[0-9](\.[0-9]+)?\s*(x|×|times)\b",
        ),
        Lesson(
            code="prompt.question_discipline",
            description="a limit on questions per reply (at most 1-2)",
            pattern=(
                r"(at most|no more than|max(imum)?( of)?|only)\s+(one|two|1|2)\b[^.\n]*question"
            ),
        ),
        Lesson(
            code="prompt.tentative_language",
            description="tentative wording for interpretations ('I wonder if...')",
            pattern=r"i wonder|could it be|tentative",
        ),
        Lesson(
            code="prompt.anti_patterns",
            description="a list of phrases to avoid",
            pattern=r"(avoid|never say|do not say|don't say|banned)[^\n]*\n(\s*[-*] .+\n?){3,}",
        ),
    ],
    "user_sim": [
        Lesson(
            code="prompt.word_limits",
            description="an enforced word range per message",
            pattern=r"(\d+|\{\w+\})\s*(-|–|to)\s*(\d+|\{\w+\})\s*words",
        ),
        Lesson(
            code="prompt.non_cooperative",
            description="users who ignore questions, drift or push back",
            pattern=r"ignore|push back|pushback|tangent|resist",
        ),
        Lesson(
            code="prompt.turn_stages",
            description="early / middle / late turn guidance",
            pattern=r"early.*middle.*late",
            severity="warning",
        ),
    ],
}


def sections(text: str) -> dict[str, str]:
    """Map each `##` heading to the text under it (headings compared case-insensitively)."""
    found: dict[str, str] = {}
    current: str | None = None
    for line in text.splitlines():
        match = re.match(r"^##\s+(.+?)\s*#*\s*$", line)
        if match:
            current = match.group(1).strip().lower()
            found[current] = ""
        elif current is not None:
            found[current] += line + "\n"
    return found
