"""The Markdown artifacts: required sections, the harness's slots, the prompts' lessons.

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

# What each model-choice heading means, so "## Selected model" or "## Comparison" count
# (a heading matches when it contains one of the words).
SECTION_MEANINGS: dict[str, tuple[str, ...]] = {
    "Chosen model": ("chosen", "chose", "selected", "selection", "choice", "pick", "recommend",
                     "winner", "decision", "verdict", "going with"),
    "Candidates": ("candidate", "comparison", "compared", "compare", "options", "shortlist",
                   "considered", "alternatives", "contenders"),
    "Tradeoffs": ("tradeoff", "trade-off", "trade off", "pros and cons", "risks", "downsides",
                  "compromise", "costs", "caveats", "why not"),
    "Decision checklist": ("decision", "checklist", "checks", "criteria", "verdict",
                           "sign-off", "conclusion", "go/no-go"),
}  # fmt: skip
# Model families and size tags by which a chosen model is recognised as named.
MODEL_NAME = (
    r"\b(gemma|llama|qwen|mistral|mixtral|phi|smollm|granite|olmo|deepseek|falcon|tinyllama|"
    r"stablelm|minicpm|internlm|yi|command-r|aya|nemotron|ministral|exaone|glm)(?![a-z])|"
    r"\b\d+(\.\d+)?\s?[bBmM]\b|\.gguf\b"
)

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


# The placeholders the evaluation harness fills in `user_sim.md` (evals/simulator.py reads
# this tuple); any other `{name}` reaches the simulated user as literal text.
SIMULATOR_SLOTS = (
    "persona",
    "style",
    "min_words",
    "max_words",
    "flaws",
    "stage",
    "topic",
    "subtopic",
    "situation",
)
# Without these the simulated users get no persona, no flaws or no stage guidance.
REQUIRED_SLOTS = ("persona", "flaws", "stage")


class Lesson(BaseModel):
    """A key lesson of the seed that a prompt should state, and why (the warning says it)."""

    code: str
    description: str
    reason: str

    def found_in(self, text: str) -> bool:
        """Stated in any wording (tools/prose_lessons.py reads the prose)."""
        from ftdesign.tools.prose_lessons import states

        return states(self.code, text)


PROMPT_LESSONS: dict[str, list[Lesson]] = {
    "assistant": [
        Lesson(
            code="prompt.length_ratio",
            description="a reply length target relative to the user's words (1.0-1.5x, hard 2x)",
            reason="replies longer than twice the user's message fail the length assessment",
        ),
        Lesson(
            code="prompt.question_discipline",
            description="a limit on questions per reply (at most 1-2)",
            reason="several questions per reply read as an interrogation and the model learns it",
        ),
        Lesson(
            code="prompt.tentative_language",
            description="tentative wording for interpretations ('I wonder if...')",
            reason="a reading stated as fact leaves the user nothing to correct",
        ),
        Lesson(
            code="prompt.anti_patterns",
            description="a list of phrases to avoid",
            reason="without a list, hollow validation and the same opener creep into every reply",
        ),
    ],
    "user_sim": [
        Lesson(
            code="prompt.word_limits",
            description="an enforced word range per message",
            reason="without a stated range every simulated user drifts to the same long paragraph",
        ),
        Lesson(
            code="prompt.non_cooperative",
            description="users who ignore questions, drift or push back",
            reason="real users answer only about 20 % of questions directly",
        ),
        Lesson(
            code="prompt.turn_stages",
            description="early / middle / late turn guidance",
            reason="without stages every message sounds like the first one",
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
