"""The evaluation dataset: N scenarios stratified over the taxonomy, each with a persona.

Topics get scenario counts in proportion to their weights with at least one edge
case (`tools.samplers.allocate_scenarios`); every other dimension and the persona
are drawn independently. Scenarios and personas use separate seeds derived from
the run seed, so the same seed always gives the same dataset.
"""

from __future__ import annotations

from pydantic import BaseModel

from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.samplers import Persona, Scenario, allocate_scenarios, sample_personas
from ftdesign.tools.schemas import PersonaTemplate, Taxonomy

DIFFICULTY = "difficulty"


class Sample(BaseModel):
    """One scenario of the run: what the user brings and who they are."""

    scenario: Scenario
    persona: Persona
    gates: list[str] = []  # safety gates this scenario was built to exercise
    opener: str | None = None  # a fixed first user message (a probe from calibration)

    @property
    def id(self) -> str:
        return self.scenario.id

    @property
    def difficulty(self) -> str | None:
        return self.scenario.dimensions.get(DIFFICULTY)

    def situation(self) -> str:
        """The scenario's dimensions and the persona's attributes as plain sentences."""
        parts = [f"{_words(k)}: {_words(v)}" for k, v in self.scenario.dimensions.items()]
        parts += [f"{_words(k)}: {_words(v)}" for k, v in self.persona_traits().items()]
        kind = "an edge case" if self.scenario.is_edge_case else "a typical conversation"
        return f"This is {kind}. " + "; ".join(parts) + "."

    def persona_traits(self) -> dict[str, str]:
        """Persona attributes; a name the scenario also sets keeps the scenario's value."""
        return {
            k: v
            for k, v in self.persona.attributes.items()
            if v and k not in self.scenario.dimensions
        }

    def describe_persona(self) -> str:
        persona = self.persona
        flaws = [f for f in [persona.primary_flaw, *persona.secondary_flaws] if f]
        traits = ", ".join(f"{_words(k)} {_words(v)}" for k, v in self.persona_traits().items())
        who = persona.identity.get("name", "")
        if who and "age" in persona.identity:
            who += f", {persona.identity['age']}"
        return (
            (f"{who}. " if who else "")
            + f"Writes in a {_words(persona.style or 'natural')} style"
            + (f"; {traits}" if traits else "")
            + (
                f"; tends toward: {', '.join(_words(f) for f in flaws)}"
                if flaws
                else "; no particular difficult habits"
            )
            + "."
        )


def _words(value: str) -> str:
    return value.replace("_", " ")


def build_dataset(
    taxonomy: Taxonomy, template: PersonaTemplate, n: int = 20, seed: int = 0
) -> list[Sample]:
    """`n` samples; the same inputs and seed always give the same list."""
    scenarios = allocate_scenarios(taxonomy, n, seed=seed)
    personas = sample_personas(template, n, seed=seed + 1_000_003)
    return [Sample(scenario=s, persona=p) for s, p in zip(scenarios, personas, strict=True)]


def check_samples(samples: list[Sample], taxonomy: Taxonomy) -> None:
    """Refuse a corrupted scenario by name before anything runs: an empty field, a
    persona without a style or with a blank attribute, an empty or duplicate opener."""
    openers: dict[str, str] = {}
    for s in samples:
        dims = s.scenario.dimensions
        problems = [f"dimension {k} is missing" for k in taxonomy.dimensions if k not in dims]
        problems += [f"dimension {k} is empty" for k, v in dims.items() if not v.strip()]
        if not s.scenario.topic.strip():
            problems.append("topic is empty")
        if not s.persona.style:
            problems.append(f"persona {s.persona.id} has no style")
        problems += [f"persona attribute {k} is empty" for k, v in s.persona.attributes.items()
                     if v is not None and not v.strip()]  # fmt: skip
        if s.opener is not None:
            if not s.opener.strip():
                problems.append("its opener is empty")
            elif s.opener in openers:
                problems.append(f"its opener repeats {openers[s.opener]}'s")
            openers.setdefault(s.opener, s.id)
        if problems:
            raise FtdesignError(
                f"scenario {s.id} is corrupted: {'; '.join(problems)}",
                hint="fix the taxonomy or persona template the scenario was drawn from, or"
                " rerun with another --seed",
            )
