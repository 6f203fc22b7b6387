"""Who answers the stops in a headless run: the answers file first, then auto-approval."""

from __future__ import annotations

from typing import Any

from ftdesign.agent.stop import Stop
from ftdesign.agent.validation import describe, errors


class Autopilot:
    """Replies in order from `answers`; then, with `auto_approve`, approves what validates
    and asks for up to `retries` redrafts of what does not."""

    def __init__(self, answers: list[Any], auto_approve: bool, retries: int) -> None:
        self.answers = list(answers)
        self.auto_approve = auto_approve
        self.retries = retries
        self.redrafts: dict[str, int] = {}
        self.gave_up = False
        # The step last sent "approve": seeing its stop again means the approval was refused
        # (a withheld verdict needs a person's reason); approving again would loop forever.
        self.approving: str | None = None
        self.refused = False

    def reply(self, stop: Stop) -> Any | None:
        if self.answers:
            return self.answers.pop(0)
        if not self.auto_approve:
            return None
        if stop.can_approve:
            if stop.step == self.approving:
                self.refused = self.gave_up = True
                return None
            self.approving = stop.step
            return "finish" if stop.is_final() else "approve"
        self.approving = None
        used = self.redrafts.get(stop.step, 0)
        if used >= self.retries:
            self.gave_up = True
            return None
        self.redrafts[stop.step] = used + 1
        problems = "\n".join(f"- {describe(i)}" for i in errors(stop.findings))
        return f"Please fix these validation errors:\n{problems}"

    def why_paused(self, stop: Stop) -> str:
        if self.refused:
            why = stop.notices[-1] if stop.notices else "it needs a person's answer"
            return f"{stop.title} did not take the automatic approval: {why}."
        if self.gave_up:
            found = errors(stop.findings)
            first = describe(found[0]) if found else "unknown"
            return (
                f"{stop.title} still fails validation after {self.retries} redraft(s)"
                f" ({first}); fix it by hand (paste your own version) or skip it."
            )
        return f"Paused at {stop.title}: no more answers."
