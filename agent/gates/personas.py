"""Gate 5, the persona template: `config/persona-template.yaml`.

Starts once the rubric is settled. Drafts communication styles with word limits, flaw
patterns that vary per message and a share of flawless personas, from the closest
worked domain. Passes when the template validates with no errors and the user
approves it.
"""

from __future__ import annotations

from typing import Any

from ftdesign.agent.gates.yaml_drafts import normalised, yaml_gate
from ftdesign.tools.schemas.persona import PersonaTemplate


def _fix_choice(choice: Any) -> None:
    if isinstance(choice, dict) and isinstance(choice.get("weights"), list):
        choice["weights"] = normalised([float(w) for w in choice["weights"]])


def repair(template: PersonaTemplate) -> PersonaTemplate:
    """Every weights list scaled to sum to 1 (styles, flaw groups, extra attributes)."""
    data = template.to_data()["persona_template"]
    _fix_choice(data["communication_style"])
    for group in ("primary", "secondary"):
        _fix_choice(data["flaw_patterns"].get(group))
    for name, value in data.items():
        if name not in ("communication_style", "flaw_patterns"):
            _fix_choice(value)
    return PersonaTemplate.from_data(data)


SPEC = yaml_gate(
    step="personas",
    kind="persona",
    schema=PersonaTemplate,
    repair=repair,
)
