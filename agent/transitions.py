"""Moving between steps: what comes next, and what going back makes stale. Pure functions."""

from __future__ import annotations

from ftdesign.agent.state import STEPS, TRACKED, GateStatus, StepId

SETTLED: tuple[GateStatus, ...] = ("passed", "skipped")


def next_step(statuses: dict[str, GateStatus], after: StepId) -> StepId:
    """The first later step not yet passed or skipped; `done` when none is left."""
    for step in STEPS[STEPS.index(after) + 1 :]:
        if step == "done" or statuses.get(step) not in SETTLED:
            return step
    return "done"


def entered(statuses: dict[str, GateStatus], step: StepId) -> dict[str, GateStatus]:
    """Statuses once `step` becomes the current one."""
    updated = dict(statuses)
    if step in TRACKED:
        updated[step] = "current"
    return updated


def earlier_steps(current: StepId) -> list[StepId]:
    """Where `back` may go from `current`: any step before it."""
    return list(STEPS[: STEPS.index(current)])


def went_back(
    statuses: dict[str, GateStatus], current: StepId, target: StepId, approved: set[str]
) -> dict[str, GateStatus]:
    """Going back to `target`: every later gate that was passed (or in progress with an
    approved version) becomes stale and will be revisited; skipped gates stay skipped."""
    updated = dict(statuses)
    for step in TRACKED[TRACKED.index(target) + 1 :]:
        # .get: a session saved before a step was added has no status for it yet
        status = updated.get(step, "pending")
        if status == "passed" or (status == "current" and step in approved):
            updated[step] = "stale"
        elif status == "current":
            updated[step] = "pending"
    updated[target] = "current"
    return updated
