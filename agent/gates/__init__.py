"""One module per step of the session, all with the shape described in gates/base.py.

Which modules, in which order, and each stop's title, question and guide query come from
the step registry (tools/steps.py); a step whose module is missing, or a gate whose guide
has no checklist, fails here at import with a message naming it.
"""

from __future__ import annotations

import dataclasses
from importlib import import_module

from ftdesign.agent.gates.base import Drafted, GateSpec
from ftdesign.agent.state import StepId
from ftdesign.knowledge.checklists import require_checklists
from ftdesign.tools.step_model import Step, StepDeclarationError
from ftdesign.tools.steps import REGISTRY


def _spec(step: Step) -> GateSpec:
    try:
        spec = import_module(step.implementation).SPEC
    except (ImportError, AttributeError) as error:
        raise StepDeclarationError(
            f"step {step.id!r}: field 'implementation' ({step.implementation}) gives no gate"
            f" SPEC ({error})",
            hint="write the gate module with a SPEC (see agent/gates/base.py)",
        ) from error
    if spec.step != step.id:
        raise StepDeclarationError(
            f"step {step.id!r}: {step.implementation}.SPEC is for step {spec.step!r}",
            hint="point `implementation` at the step's own gate module",
        )
    return dataclasses.replace(spec, title=step.title, question=step.question, query=step.query)


SPECS: dict[StepId, GateSpec] = {step.id: _spec(step) for step in REGISTRY.steps}
require_checklists()

__all__ = ["SPECS", "Drafted", "GateSpec"]
