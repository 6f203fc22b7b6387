"""One module per step of the session, all with the shape described in gates/base.py."""

from __future__ import annotations

from ftdesign.agent.gates import (
    baseline_eval,
    done,
    intake,
    model_choice,
    personas,
    prompts,
    rubric,
    taxonomy,
    token_economics,
)
from ftdesign.agent.gates.base import Drafted, GateSpec
from ftdesign.agent.state import STEPS, StepId

SPECS: dict[StepId, GateSpec] = {
    spec.step: spec
    for spec in (
        intake.SPEC,
        model_choice.SPEC,
        token_economics.SPEC,
        taxonomy.SPEC,
        rubric.SPEC,
        personas.SPEC,
        prompts.SPEC,
        baseline_eval.SPEC,
        done.SPEC,
    )
}
assert tuple(SPECS) == STEPS, "every step needs exactly one gate module, in order"

__all__ = ["SPECS", "Drafted", "GateSpec"]
