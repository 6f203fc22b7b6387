"""Reading the user's reply at a stop: simple rules first, the model only as a fallback.

Rules cover the explicit forms ("approve", "back to rubric", "skip: no budget yet",
"apply 2", a pasted YAML or Markdown block, a trailing "?"). The model only decides
between "question" and "change" for what the rules cannot place, so a misread can
never approve, skip or go back on the user's behalf.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel

from ftdesign.agent.context import AgentContext
from ftdesign.agent.llm import ask_structured
from ftdesign.agent.prompts import classify_messages
from ftdesign.agent.records import Reply
from ftdesign.agent.state import STEPS, StepId
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.steps import REGISTRY
from ftdesign.tools.yaml_load import NOT_YAML, load_loose

APPROVE = re.compile(
    r"^\s*(approved?|accept(ed)?|yes|y|ok(ay)?|lgtm|looks good( to me)?|go ahead|next"
    r"|continue|finish(ed)?|done)\b\s*[.!]*\s*(?::\s*(?P<why>.*))?$",
    re.IGNORECASE | re.DOTALL,
)
SKIP = re.compile(r"^\s*skip\b[\s:,-]*(?P<why>.*)$", re.IGNORECASE | re.DOTALL)
BACK = re.compile(
    r"^\s*(go\s+)?back\b(\s+to)?(\s+the)?\s*(?P<to>[\w \-]*?)(\s+gate)?\s*[.!]*$", re.I
)
APPLY = re.compile(r"^\s*apply\b(\s+suggestions?)?\s*(?P<which>all|[\d,\s and]+)?\s*$", re.I)
POLITE_CHANGE = re.compile(r"^\s*(please|can you|could you|would you|will you)\b", re.I)
QUESTION_START = re.compile(
    r"^\s*(what|why|how|which|when|where|who|should|is|are|does|do)\b", re.I
)
SETTING = re.compile(r"^\s*[A-Za-z_]\w*\s*[:=]\s*\S.*$")
FENCED = re.compile(r"^\s*```[\w-]*\n(?P<body>.*?)\n```\s*$", re.DOTALL)
ALIASES: dict[str, StepId] = REGISTRY.aliases()  # other names for steps, from tools/steps.py


def step_named(name: str) -> StepId | None:
    """The step a user means by 'rubric', 'the persona template', 'model choice', ..."""
    key = re.sub(r"[\s_-]+", " ", name.strip().lower())
    for step in REGISTRY.steps:
        if key in (step.id.replace("_", " "), step.title.lower(), step.short_title.lower()):
            return step.id
    if key in ALIASES:
        return ALIASES[key]
    first = key.split(" ")[0] if key else ""
    return ALIASES.get(first) or next((s for s in STEPS if s.startswith(first) and first), None)


def _pasted(text: str, step: StepId) -> str | None:
    """The pasted artifact body, when the reply looks like one."""
    fenced = FENCED.match(text)
    if fenced:
        return fenced.group("body")
    lines = [line for line in text.strip().splitlines() if line.strip()]
    if lines and lines[0].lstrip().startswith("#") and len(lines) >= 3:
        return text.strip()
    data = load_loose(text, "the reply")  # bounded: a hostile nesting is refused clearly
    if data is NOT_YAML:
        return None
    long_enough = len(lines) >= 3 or step == "intake"
    return text.strip() if isinstance(data, dict) and long_enough else None


def classify_by_rules(text: str, step: StepId) -> Reply:
    """The reply's meaning by explicit rules; kind 'unclear' when none applies."""
    stripped = text.strip()
    if match := APPROVE.match(stripped):
        return Reply(kind="approve", text=(match.group("why") or "").strip())
    if match := SKIP.match(stripped):
        return Reply(kind="skip", text=match.group("why").strip())
    if match := APPLY.match(stripped):
        which = (match.group("which") or "all").strip().lower()
        numbers = [int(n) for n in re.findall(r"\d+", which)]
        return Reply(kind="apply", suggestions=numbers)
    if match := BACK.match(stripped):
        target = match.group("to").strip()
        return Reply(kind="back", target=step_named(target) if target else None, text=target)
    if (body := _pasted(text, step)) is not None:
        return Reply(kind="paste", text=body)
    if all(SETTING.match(item) for item in re.split(r"[,;\n]", stripped)):
        return Reply(kind="change", text=stripped)  # `ceiling: 8192`: a settings change
    if POLITE_CHANGE.match(stripped):
        return Reply(kind="change", text=stripped)
    if stripped.endswith("?") or (QUESTION_START.match(stripped) and len(stripped) < 200):
        return Reply(kind="question", text=stripped)
    return Reply(kind="unclear", text=stripped)


class Intent(BaseModel):
    kind: Literal["question", "change"]


def from_button(data: dict[str, Any]) -> Reply:
    """A reply sent by a UI button: {"action": "back", "target": "rubric"} and so on."""
    action = str(data.get("action", "unclear"))
    known = {"approve", "change", "paste", "question", "back", "skip", "apply"}
    target = data.get("target")
    return Reply(
        kind=action if action in known else "unclear",  # type: ignore[arg-type]
        text=str(data.get("text", "")),
        target=step_named(str(target)) if target else None,
        suggestions=[int(n) for n in data.get("suggestions", [])],
        how="button",
    )


async def classify(ctx: AgentContext, raw: str | dict[str, Any], step: StepId) -> Reply:
    """Rules first; for what they cannot place, the model picks question or change."""
    if isinstance(raw, dict):
        return from_button(raw)
    reply = classify_by_rules(str(raw), step)
    if reply.kind != "unclear":
        return reply
    try:
        intent = await ask_structured(ctx, Intent, classify_messages(reply.text, step), 30)
    except FtdesignError:  # no model: a change request is the common case at a stop
        return Reply(kind="change", text=reply.text)
    return Reply(kind=intent.kind, text=reply.text, how="model")
