"""A gate that exists only in tests: an eighth step with its own Markdown artifact.

tests/test_extra_step.py declares it in a copy of the step registry; nothing in the
package names it, which is the point: adding a gate takes its declaration and this module.
"""

from __future__ import annotations

from ftdesign.agent.context import AgentContext
from ftdesign.agent.gates.base import Drafted, GateSpec
from ftdesign.agent.gates.common import adopter, approver, check_artifacts
from ftdesign.agent.records import Source
from ftdesign.agent.state import DesignState

STEP = "launch_plan"
KIND = "launch_plan"
TEXT = "# Launch plan\n\n## Rollout\n\nStaff first, then 5 % of users for two weeks.\n"


async def draft(state: DesignState, ctx: AgentContext, sources: list[Source]) -> Drafted:
    return Drafted({KIND: TEXT}, origin="template")


async def revise(
    state: DesignState, ctx: AgentContext, request: str, sources: list[Source]
) -> Drafted:
    current = state.artifacts[KIND].current
    return Drafted({KIND: f"{current}\n{request}\n"}, origin="user request")


SPEC = GateSpec(
    step=STEP,
    artifacts=(KIND,),
    draft=draft,
    revise=revise,
    adopt=adopter(KIND),
    check=check_artifacts,
    approve=approver((KIND,)),
)
