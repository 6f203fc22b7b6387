"""What of a model's review a person may see, and the review when no capable model runs it.

Every string the reviewer wrote passes `sanity` first; text that fails is replaced by
"not assessed" with the reason, and a suggestion that fails is dropped (suggestions are
applied by number, so a nonsense one must never get a number). The embedded demo model
does not review at all unless FTDESIGN_REVIEW_WITH_MODEL=1 asks for it: its panels were
token soup that cost minutes per gate.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ftdesign.agent.context import AgentContext
from ftdesign.agent.llm import describe
from ftdesign.agent.records import ChecklistCheck, ExpertCritique
from ftdesign.agent.sanity import contradiction_reason, rejection
from ftdesign.tools.errors import FtdesignError

if TYPE_CHECKING:
    from ftdesign.agent.review import CheckAnswer, Expert

NOT_ASSESSED = "not assessed: {reason}"
DEMO_REVIEWER = "validators only (the embedded demo model does not review)"
DEMO_CHECK = "the demo model does not review"
DEMO_PANEL = (
    "Expert panel not run: the embedded demo model is too small to play it (the first stop"
    " says how to configure a capable reviewer)."
)


def review_by_model(ctx: AgentContext) -> bool:
    """Whether the agent model writes the checklist answers and the expert panel."""
    if ctx.review_with_model is not None:
        return ctx.review_with_model
    try:
        return not describe(ctx).embedded
    except FtdesignError:
        return True  # the review itself reports the unusable model


def screened_checks(
    items: list[str], answers: list[CheckAnswer], draft: str
) -> list[ChecklistCheck]:
    """The guide's items with the model's answers, each note kept only when it is sane."""
    checks = []
    for n, item in enumerate(items):
        answer = answers[n] if n < len(answers) else None
        if answer is None:
            checks.append(ChecklistCheck(item=item, ok=False, note="not assessed"))
            continue
        reason = answer.note and (
            contradiction_reason(answer.ok, answer.note)
            or rejection(answer.note, f"{item}\n{draft}")
        )
        if reason:
            note = NOT_ASSESSED.format(reason=reason)
            checks.append(ChecklistCheck(item=item, ok=False, note=note))
        else:
            checks.append(ChecklistCheck(item=item, ok=answer.ok, note=answer.note))
    return checks


def _screened(text: str, reference: str) -> str:
    reason = rejection(text, reference)
    return NOT_ASSESSED.format(reason=reason) if reason else text


def screened_experts(experts: list[Expert], reference: str) -> list[ExpertCritique]:
    """Each panellist with every unusable field replaced by the reason it is not shown."""
    critiques = []
    for expert in experts:
        risks = [risk for risk in expert.risks if not rejection(risk, reference)]
        if not risks:
            risks = [_screened(expert.risks[0], reference)] if expert.risks else []
        critiques.append(
            ExpertCritique(
                name=expert.name,
                role=expert.role,
                risks=risks,
                inadequate_pass=_screened(expert.inadequate_pass, reference),
                missed_users=_screened(expert.missed_users, reference),
            )
        )
    return critiques


def screened_suggestions(suggestions: list[str], reference: str) -> tuple[list[str], list[str]]:
    """(suggestions that may be offered, reasons the others were withheld)."""
    kept, withheld = [], []
    for suggestion in suggestions:
        reason = rejection(suggestion, reference)
        if reason:
            withheld.append(f"a suggested edit was withheld: {reason}")
        else:
            kept.append(suggestion)
    return kept, withheld


def demo_checklist(items: list[str]) -> list[ChecklistCheck]:
    return [
        ChecklistCheck(item=item, ok=False, note=NOT_ASSESSED.format(reason=DEMO_CHECK))
        for item in items
    ]
