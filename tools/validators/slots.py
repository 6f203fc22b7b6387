"""The contract between `user_sim.md` and the harness: the placeholders it fills.

The harness replaces exactly SIMULATOR_SLOTS. A prompt without `{persona}`, `{flaws}` or
`{stage}` silently gives every simulated user no persona, no flaws or no stage, so each is
required unless the prompt says it leaves it out on purpose ("Left out on purpose: stage").
A `{name}` that looks like a slot but is not one reaches the simulated user as literal text.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from ftdesign.tools.findings import Finding, rule
from ftdesign.tools.schemas.documents import REQUIRED_SLOTS, SIMULATOR_SLOTS

SLOT = re.compile(r"\{([a-z][a-z0-9_]*)\}")
_ON_PURPOSE = re.compile(
    r"on purpose|deliberately|intentionally|omit(s|ted)?|leaves? out|left out|no need for", re.I
)
# Names people reach for, mapped to the harness's own.
_ALIASES = {
    "word_min": "min_words", "word_max": "max_words", "min_word": "min_words",
    "max_word": "max_words", "words_min": "min_words", "words_max": "max_words",
    "flaw": "flaws", "behaviours": "flaws", "behaviors": "flaws", "turn_stage": "stage",
    "phase": "stage", "profile": "persona", "user": "persona", "scenario": "situation",
    "subject": "topic", "sub_topic": "subtopic", "communication_style": "style",
}  # fmt: skip
_ROLE = {"persona": "no persona", "flaws": "no flaws", "stage": "no stage guidance"}

MISSING = rule("prompt.slot_missing", "error", "user_sim.md carries {persona}, {flaws} and {stage}")
UNKNOWN = rule(
    "prompt.slot_unknown", "error", "every placeholder in user_sim.md is one the harness fills"
)


def left_out_on_purpose(text: str, slot: str) -> bool:
    """A line naming the slot and saying it is omitted deliberately."""
    return any(
        _ON_PURPOSE.search(line) and re.search(rf"\b{slot}\b", line, re.I)
        for line in text.splitlines()
    )


def nearest_slot(name: str) -> str | None:
    if name in SIMULATOR_SLOTS:
        return name
    if name in _ALIASES:
        return _ALIASES[name]
    close = difflib.get_close_matches(name, SIMULATOR_SLOTS, n=1, cutoff=0.6)
    return close[0] if close else None


def validate_slots(text: str) -> Iterator[Finding]:
    used = set(SLOT.findall(text))
    for slot in REQUIRED_SLOTS:
        if slot not in used and not left_out_on_purpose(text, slot):
            yield MISSING.at(
                "",
                f"no {{{slot}}} placeholder, so every simulated user gets {_ROLE[slot]}",
                f"add a line such as `{slot.capitalize()}: {{{slot}}}`, or state "
                f"`Left out on purpose: {slot}` if this prompt does without it",
            )
    for number, line in enumerate(text.splitlines(), start=1):
        for name in SLOT.findall(line):
            if name in SIMULATOR_SLOTS:
                continue
            near = nearest_slot(name)
            fixed = SLOT.sub(lambda m: "{" + (nearest_slot(m.group(1)) or m.group(1)) + "}", line)
            yield UNKNOWN.at(
                "",
                f"{{{name}}} is not a slot the harness fills, so the simulated user reads it "
                "literally",
                f"write `{fixed.strip()}`" if near else f"use one of {', '.join(SIMULATOR_SLOTS)}",
                line=number,
            )
