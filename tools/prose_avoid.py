"""The phrases a prompt lists to avoid, whether quoted inline or bulleted under an intro."""

from __future__ import annotations

import re

from ftdesign.tools.prose import BULLET

_AVOID_INTRO = re.compile(
    r"\b(avoid|steer clear|never say|never use|don't say|do not say|don't use|do not use|"
    r"banned|forbidden|off.limits|anti.patterns?|not allowed|stay away)\b",
    re.I,
)
_QUOTED = re.compile(r"\"([^\"]{2,80})\"|“([^”]{2,80})”|(?<!\w)'([^']{3,80})'(?!\w)")


def avoid_list(text: str) -> tuple[list[str], set[int]]:
    """Phrases a prompt lists to avoid (quoted inline after the intro, or bullets under it)
    and the 1-based lines of those bullets, so their wording is not read as instructions."""
    lines = text.splitlines()
    found: list[str] = []
    bullet_lines: set[int] = set()
    for index, line in enumerate(lines):
        intro = _AVOID_INTRO.search(line)
        if intro is None:
            continue
        found += ["".join(q) for q in _QUOTED.findall(line[intro.end() :])]
        # A heading or a line ending in ':' introduces what follows, bulleted or not.
        introduces = line.lstrip().startswith("#") or line.rstrip().endswith(":")
        for offset, follow in enumerate(lines[index + 1 :], start=index + 2):
            bullet = BULLET.match(follow)
            if not bullet:
                quoted = _QUOTED.findall(follow) if introduces and not bullet_lines else []
                if quoted:
                    found += ["".join(q) for q in quoted]
                    bullet_lines.add(offset)
                elif follow.strip():
                    break
                continue
            bullet_lines.add(offset)
            quoted = ["".join(q) for q in _QUOTED.findall(bullet.group(1))]
            found += quoted or [bullet.group(1).strip()]
    phrases = list(dict.fromkeys(p.strip() for p in found if p.strip()))
    return phrases, bullet_lines
