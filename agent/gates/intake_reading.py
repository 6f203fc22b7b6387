"""Intake hears the first message: deployment constraints read from common phrasings.

"A coaching assistant for people changing careers, runs offline on a laptop, one career
coach can review" states hardware, offline and expertise; asking for them again is
deaf. Rules, not a model, read it, so the embedded demo model's sessions get it too and
the result is the same every time. Only fields still unstated are filled: an explicit
`hardware: ...` line always wins. The user sees what was read and can correct it.
"""

from __future__ import annotations

import re

from ftdesign.agent.records import DomainContext

UNSTATED = ("", "not stated")
HARDWARE = re.compile(
    r"\b(?:(?:an?|one|two|\d+)\s+)?(?:\d+\s?GB\s+(?:of\s+)?(?:VRAM|RAM|GPU|unified memory)"
    r"|(?:\d+\s?GB\s+)?(?:NVIDIA\s+)?(?:RTX|GTX)\s?\d{3,4}(?:\s?Ti)?|[AHLT]\d{1,3}\b(?:\s+GPU)?"
    r"|(?:gaming\s+|old\s+|work\s+)?laptops?|MacBook(?:\s+(?:Air|Pro))?(?:\s+M\d)?|Mac\s+M\d"
    r"|Raspberry\s+Pi(?:\s+\d)?|Jetson\s+\w+|(?:smart)?phones?|mobile\s+devices?|tablets?"
    r"|desktop(?:\s+PC)?|CPU[-\s]only|(?:a\s+)?single\s+GPU|GPU\s+servers?|edge\s+devices?)",
    re.IGNORECASE,
)
NOT_OFFLINE = re.compile(
    r"\b(?:(?:does\s*n[o']t|doesn't|no\s+need\s+to|need\s+not)\s+(?:need\s+to\s+)?"
    r"(?:run|be|work)\s+offline|(?:cloud|hosted|online|internet)[-\s](?:is\s+)?(?:fine|ok|okay)"
    r"|runs?\s+(?:in|on)\s+the\s+cloud|hosted\s+API)",
    re.IGNORECASE,
)
OFFLINE = re.compile(
    r"\b(?:offline|air[-\s]?gapped|no\s+(?:internet|network|cloud)|without\s+(?:an?\s+)?"
    r"(?:internet|network|cloud)|on[-\s]device|on[-\s]prem(?:ises)?|local(?:ly)?\s+only"
    r"|(?:must|has\s+to|should)\s+(?:run|stay)\s+locally|never\s+leaves?\s+the\s+device)",
    re.IGNORECASE,
)
BUDGET = re.compile(
    r"(?:\b(?:budget|spend|afford)\w*\s+(?:is\s+|of\s+|up\s+to\s+|about\s+|around\s+)*"
    r"(?:[$€£]\s?[\d,.]+\s?[kK]?|[\d,.]+\s?(?:dollars|euros|pounds|USD|EUR|GPU[-\s]hours))"
    r"|[$€£]\s?[\d,.]+\s?[kK]?(?:\s+(?:budget|total|for\s+training|of\s+compute))?"
    r"|\b[\d,.]+\s?GPU[-\s]hours|\b(?:no|zero|tiny|small|shoestring)\s+budget"
    r"|\bfree\s+(?:tier|compute|GPUs?)(?:\s+only)?)",
    re.IGNORECASE,
)
EXPERTISE = re.compile(
    r"(?P<who>(?:(?:an?|one|two|three|four|five|\d+|some|our|my|the|several|few)\s+)?"
    r"[A-Za-z][\w'-]*(?:\s+[A-Za-z][\w'-]*){0,3}?)\s+(?:can|will|could|would|are\s+able\s+to"
    r"|is\s+able\s+to)\s+(?:\w+\s+)?(?:review|check|label|judge|vet)"
    r"|(?:reviewed|checked|labell?ed|vetted)\s+by\s+(?P<by>[^,.;]{3,60})"
    r"|(?P<none>no\s+(?:domain\s+)?experts?(?:\s+(?:available|at\s+hand))?)",
    re.IGNORECASE,
)
CLAUSE = re.compile(r"[,;.\n]|\band\b|\bbut\b", re.IGNORECASE)


def _hardware(text: str) -> str | None:
    found = list(dict.fromkeys(m.group(0).strip() for m in HARDWARE.finditer(text)))
    return ", ".join(found) or None


def _offline(text: str) -> bool | None:
    if NOT_OFFLINE.search(text):
        return False
    return True if OFFLINE.search(text) else None


def _budget(text: str) -> str | None:
    match = BUDGET.search(text)
    return match.group(0).strip(" ,.;") if match else None


def _expertise(text: str) -> str | None:
    for clause in CLAUSE.split(text):
        match = EXPERTISE.search(clause.strip())
        if match:
            found = match.group("who") or match.group("by") or match.group("none")
            return " ".join(found.split())
    return None


def read_description(domain: DomainContext) -> tuple[DomainContext, list[str]]:
    """The context with unstated fields filled from the description, and what was read."""
    text = domain.description
    updates: dict[str, object] = {}
    for name, reader in (("hardware", _hardware), ("budget", _budget), ("expertise", _expertise)):
        value = reader(text)
        if value and getattr(domain, name).strip().lower() in UNSTATED:
            updates[name] = value
    offline = _offline(text)
    if offline is not None and domain.offline is None:
        updates["offline"] = offline
    heard = [
        f"{name}: {str(value).lower() if name == 'offline' else value}"
        for name, value in updates.items()
    ]
    return domain.model_copy(update=updates), heard


def missing(domain: DomainContext) -> list[str]:
    """The constraints still unstated, in the order the intake question asks for them."""
    names = [
        n
        for n in ("hardware", "budget", "expertise")
        if getattr(domain, n).strip().lower() in UNSTATED
    ]
    return (["offline"] if domain.offline is None else []) + names
