"""The user simulator's side of a turn: its filled prompt, its stage, its word range.

`user_sim.md` carries placeholders; only the known names below are replaced, so
any other braces in the prompt (JSON examples, templates) stay as written. Lines that
hold a per-turn placeholder (this message's flaws, the stage) are lifted out of the
system prompt and sent at the end of the last message instead: the system prompt then
stays the same all conversation and the server's prompt cache keeps the whole history. The
word range is stated in the prompt and then enforced here, deterministically: an
overlong message is cut at the word limit and the cut is noted on the message.
"""

from __future__ import annotations

import re

from ftdesign.evals.dataset import Sample
from ftdesign.evals.facts import WORD
from ftdesign.tools.schemas.documents import SIMULATOR_SLOTS

PLACEHOLDERS = SIMULATOR_SLOTS  # the one list the validators check user_sim.md against
PER_TURN = re.compile(r"\{(flaws|stage)\}")
PLACEHOLDER = re.compile(r"\{(" + "|".join(PLACEHOLDERS) + r")\}")
OPENING = "Write your first message to the assistant now."
ROLE_PREFIX = re.compile(r"^\s*(?:\*\*)?(?:user|me|client|customer)(?:\*\*)?\s*:\s*", re.I)
# Names first: prompts that explain the stages themselves match on the name. Written for
# any domain: a support customer or a student has no "feeling" to name on cue.
STAGE_GUIDANCE = {
    "early": "early (set out your situation and what you want, in your own terms)",
    "middle": "middle (add detail, react to what was said, raise a related point or doubt)",
    "late": "late (take stock of what was said, say what you will do next, or revisit a point)",
}
DEFAULT_WORDS = (20, 200)


def stage_of(turn: int, turns: int) -> str:
    """early / middle / late by position: first quarter, middle half, last quarter."""
    if turns <= 1:
        return "early"
    position = (turn - 1) / (turns - 1)
    return "early" if position < 0.25 else "late" if position > 0.75 else "middle"


def word_range(sample: Sample) -> tuple[int, int]:
    persona = sample.persona
    low = persona.min_words or DEFAULT_WORDS[0]
    return low, max(persona.max_words or DEFAULT_WORDS[1], low)


def fill_prompt(template: str, sample: Sample, stage: str, flaws: list[str]) -> str:
    """`user_sim.md` with this turn's values in the known placeholders only."""
    low, high = word_range(sample)
    values = {
        "persona": sample.describe_persona(),
        "style": sample.persona.style or "natural",
        "min_words": str(low),
        "max_words": str(high),
        "flaws": ", ".join(flaws) if flaws else "none in this message: write plainly",
        "stage": STAGE_GUIDANCE[stage],
        "topic": sample.scenario.topic.replace("_", " "),
        "subtopic": (sample.scenario.subtopic or "any").replace("_", " "),
        "situation": sample.situation(),
    }
    return PLACEHOLDER.sub(lambda match: values[match.group(1)], template)


def split_per_turn(template: str) -> tuple[str, str]:
    """(`template` without its per-turn lines, those lines), each in its original order;
    a template that is nothing but per-turn lines (one paragraph) stays whole."""
    lines = template.splitlines()
    turn = [line for line in lines if PER_TURN.search(line)]
    stable = [line for line in lines if not PER_TURN.search(line)]
    if not "".join(stable).strip():
        return template, ""
    return "\n".join(stable), "\n".join(turn)


def clean_message(text: str) -> str:
    """Drop a speaker label or wrapping quotes the simulator sometimes adds."""
    text = ROLE_PREFIX.sub("", text.strip())
    if len(text) > 1 and text[0] == text[-1] == '"':
        text = text[1:-1].strip()
    return text


def enforce_words(text: str, low: int, high: int) -> tuple[str, str | None]:
    """Cut a message to at most `high` words; say what was changed or is off-range."""
    words = list(WORD.finditer(text))
    if len(words) > high:
        cut = text[: words[high - 1].end()].rstrip(" ,;:-")
        return cut, f"trimmed from {len(words)} to {high} words"
    if len(words) < low:
        return text, f"short: {len(words)} words, below the minimum {low}"
    return text, None
