"""Intake hears what the rules missed: the agent model reads the description, with quotes.

The rules in `intake_reading` read common phrasings; "we can spend a few hundred on cloud
GPUs" or "my tutor friends will look over the answers" slip past them. A capable agent
model reads the description for the fields still missing, and every value must come with
the words it was read from. A value is kept only when those words occur in the user's
message and the value has the field's type, so a model cannot invent a constraint the
user never stated. It never overrides an explicit answer or a rule's reading: only
unstated fields are asked for and filled. The embedded demo model makes no call (the
same capability test as the review), so its sessions get the rules alone.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from langchain_core.messages import HumanMessage, SystemMessage
from pydantic import BaseModel, Field

from ftdesign.agent.context import AgentContext
from ftdesign.agent.gates.intake_reading import missing
from ftdesign.agent.honest_review import review_by_model
from ftdesign.agent.llm import ask_structured
from ftdesign.agent.records import DomainContext
from ftdesign.knowledge.domains import list_domains, matched_domain
from ftdesign.tools.errors import FtdesignError

READER = (
    "Read a user's description of the chat assistant they want to fine-tune. For each field"
    " asked for that the description states, give its value and quote the exact words of"
    " the description it comes from. Leave out every field the description does not state;"
    " never guess."
)
FIELDS = {
    "hardware": "text: the device or GPU it must run on",
    "offline": "true if it must run without internet, false if it need not",
    "budget": "text: money or compute the user can spend",
    "expertise": "text: who can review or label the assistant's answers",
    "domain": "one of {domains}: the closest kind of assistant",
}
MAX_TOKENS = 320  # five short quoted values; a rambling reply is cut, not waited for
ATTEMPTS = 2


class Quoted(BaseModel):
    """One value the model read, with the user's words it read it from."""

    value: str | bool | int | float | None = None  # any scalar: the type is checked after
    quote: str = Field(default="", max_length=200)


class ModelReading(BaseModel):
    hardware: Quoted | None = None
    offline: Quoted | None = None
    budget: Quoted | None = None
    expertise: Quoted | None = None
    domain: Quoted | None = None


def normalised(text: str) -> str:
    """Case, curly quotes, dashes, spacing and edge punctuation do not make words differ."""
    text = unicodedata.normalize("NFKC", text).casefold()
    text = text.translate(str.maketrans("‘’“”–—", "''\"\"--"))
    return " ".join(re.sub(r"[^\w'$€£%+-]+", " ", text).split())


def still_missing(domain: DomainContext) -> list[str]:
    """Fields the model may fill: the unstated constraints, and the domain no rule matched."""
    names = missing(domain)
    if not domain.closest_domain and not matched_domain(domain.description):
        names.append("domain")
    return names


def typed(name: str, value: Any) -> Any | None:
    """The value when it has the field's type, else None."""
    if name == "offline":
        return value if isinstance(value, bool) else None
    if not isinstance(value, str) or not value.strip():
        return None
    if name == "domain":
        return value.strip() if value.strip() in list_domains() else None
    return " ".join(value.split())[:200]


def kept(
    reading: ModelReading, message: str, wanted: list[str]
) -> tuple[dict[str, Any], list[str]]:
    """(field -> value kept, "field: value (from "quote")" for the stop), wanted fields only."""
    text = normalised(message)
    values: dict[str, Any] = {}
    said: list[str] = []
    for name in wanted:
        quoted = getattr(reading, name)
        if quoted is None:
            continue
        value, quote = typed(name, quoted.value), normalised(quoted.quote)
        if value is None or not quote or quote not in text:
            continue  # unquoted, invented or mistyped: dropped, never shown as heard
        values[name] = value
        shown = str(value).lower() if name == "offline" else value
        key = "closest_domain" if name == "domain" else name  # the key a correction uses
        said.append(f'{key}: {shown} (from "{quoted.quote.strip()}")')
    return values, said


def _messages(description: str, wanted: list[str]) -> list[Any]:
    domains = ", ".join(list_domains())
    asked = "\n".join(f"- {n}: {FIELDS[n].format(domains=domains)}" for n in wanted)
    return [
        SystemMessage(READER),
        HumanMessage(f"Fields asked for:\n{asked}\n\nDescription:\n{description}"),
    ]


async def read_with_model(
    domain: DomainContext, ctx: AgentContext
) -> tuple[DomainContext, list[str], str | None]:
    """(context with missing fields the model read, what it read, why it read nothing)."""
    wanted = still_missing(domain)
    if not wanted or not domain.description.strip() or not review_by_model(ctx):
        return domain, [], None
    try:
        reading = await ask_structured(
            ctx, ModelReading, _messages(domain.description, wanted), MAX_TOKENS,
            attempts=ATTEMPTS,
        )  # fmt: skip
    except FtdesignError as error:
        return domain, [], f"The agent model could not read your description: {error}"
    values, said = kept(reading, domain.description, wanted)
    if "domain" in values:
        values["closest_domain"] = values.pop("domain")
    return domain.model_copy(update=values), said, None
