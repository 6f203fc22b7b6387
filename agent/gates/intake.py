"""Intake: the domain, the deployment constraints and the expertise at hand.

Starts a session. Drafts the domain context from the user's description (and any
answers given up front) and picks the closest worked domain, whose artifacts become
every later gate's starting template. Passes when a domain is described, the worked
domain exists, and the user approves; unstated constraints are warnings, because each
later gate has to assume something in their place. Saved to `.ftdesign/intake.yaml`.
"""

from __future__ import annotations

from pydantic import ValidationError

from ftdesign.agent.context import AgentContext
from ftdesign.agent.gates.base import Drafted, GateSpec
from ftdesign.agent.gates.common import yaml_text
from ftdesign.agent.gates.intake_model_reading import read_with_model
from ftdesign.agent.gates.intake_reading import missing, read_description
from ftdesign.agent.gates.settings import parse_settings, revise_settings
from ftdesign.agent.records import DomainContext, Issue, Source
from ftdesign.agent.state import DesignState
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.project_files import write_artifact
from ftdesign.tools.yaml_load import brief, load_yaml

NAME = "intake"
PATH = ".ftdesign/intake.yaml"
ASKED = {
    "hardware": "hardware is not stated: model choice will not check memory or speed",
    "budget": "budget is not stated: the token budget will assume the 16K ceiling",
    "expertise": "available domain expertise is not stated: who will review the rubric?",
}


def _with_domain(domain: DomainContext) -> DomainContext:
    if domain.closest_domain or not domain.description:
        return domain
    from ftdesign.knowledge.domains import closest_domain

    return domain.model_copy(update={"closest_domain": closest_domain(domain.description)})


def _drafted(domain: DomainContext, origin: str) -> Drafted:
    domain = _with_domain(domain)
    return Drafted({NAME: yaml_text(domain.model_dump())}, origin, inputs=domain.model_dump())


def parsed(text: str) -> DomainContext:
    return DomainContext.model_validate(load_yaml(text, NAME) or {})


def heard_notice(heard: list[str], domain: DomainContext, by_model: list[str] | None = None) -> str:
    """What the first message already said, and only the questions still open."""
    said = f"From your description: {'; '.join(heard)}." if heard else ""
    if by_model:
        said += f" Read by the agent model (correct any): {'; '.join(by_model)}."
    still = missing(domain)
    ask = (
        f" Still missing: {', '.join(still)} (reply e.g. `{still[0]}: ...`), or approve."
        if still
        else " Nothing is missing: approve, or correct any line."
    )
    return (said + ask).strip()


async def draft(state: DesignState, ctx: AgentContext, sources: list[Source]) -> Drafted:
    domain, heard = read_description(state.domain)
    domain, by_model, failed = await read_with_model(domain, ctx)
    drafted = _drafted(domain, "answers")
    drafted.notices += [heard_notice(heard, domain, by_model)] + ([failed] if failed else [])
    return drafted


async def revise(
    state: DesignState, ctx: AgentContext, request: str, sources: list[Source]
) -> Drafted:
    current = parsed(state.artifacts[NAME].current)
    domain = await revise_settings(state, ctx, request, DomainContext, current)
    return _drafted(domain, "answers")


async def adopt(state: DesignState, ctx: AgentContext, text: str) -> Drafted:
    current = parsed(state.artifacts[NAME].current)
    domain = parse_settings(text, DomainContext, current)
    if domain is None:
        raise FtdesignError(
            "intake answers are `key: value` lines",
            hint=f"use the keys {', '.join(DomainContext.model_fields)}",
        )
    return _drafted(domain, "user")


def check(state: DesignState, ctx: AgentContext, texts: dict[str, str]) -> list[Issue]:
    from ftdesign.knowledge.domains import list_domains

    def issue(severity: str, code: str, message: str) -> Issue:
        return Issue(file=PATH, severity=severity, code=code, message=message)  # type: ignore[arg-type]

    try:
        domain = parsed(texts[NAME])
    except ValidationError as error:
        return [issue("error", "intake.invalid", brief(error))]
    except (FtdesignError, ValueError) as error:  # refused by the bounded YAML loader
        return [issue("error", "intake.invalid", str(error).splitlines()[0][:300])]
    found = [
        issue("warning", f"intake.{k}", m)
        for k, m in ASKED.items()
        if getattr(domain, k).strip().lower() in ("", "not stated")
    ]
    if not domain.description.strip():
        found.append(issue("error", "intake.domain", "describe the domain (`description: ...`)"))
    known = list_domains()
    if domain.closest_domain not in known:
        found.append(
            issue(
                "error", "intake.worked_domain", f"closest_domain must be one of {', '.join(known)}"
            )
        )
    if domain.offline is None:
        found.append(issue("warning", "intake.offline", "say whether it must run offline"))
    return found


def approve(state: DesignState, ctx: AgentContext) -> dict:
    text = state.artifacts[NAME].current
    write_artifact(ctx.project, PATH, text)
    records = dict(state.artifacts)
    records[NAME] = records[NAME].model_copy(update={"approved": text})
    return {"artifacts": records, "domain": parsed(text)}


SPEC = GateSpec(
    step="intake",
    artifacts=(NAME,),
    draft=draft,
    revise=revise,
    adopt=adopt,
    check=check,
    approve=approve,
    skippable=False,
    fmt="yaml",
    paths={NAME: PATH},
)
