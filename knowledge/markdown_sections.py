"""Read a Markdown guide into front matter, a title and (section, body) pairs.

Headings inside fenced code blocks are ignored. Text before the first `##` heading becomes the
"Overview" section; a `###` heading becomes "Parent / Child" so the chunk keeps its context.
"""

from __future__ import annotations

import re

from ftdesign.tools.yaml_load import load_yaml

_FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)
_HEADING = re.compile(r"^(#{1,3})\s+(.+?)\s*#*\s*$")


def split_front_matter(text: str) -> tuple[dict[str, str], str]:
    """(front matter as strings, remaining text); a first line `gate: x` also counts."""
    match = _FRONT_MATTER.match(text)
    if match:
        loaded = load_yaml(match.group(1), "the guide's front matter") or {}
        front = {str(k): str(v) for k, v in loaded.items()} if isinstance(loaded, dict) else {}
        return front, text[match.end() :]
    first, _, rest = text.partition("\n")
    gate = re.fullmatch(r"\s*gate:\s*([a-z_]+)\s*", first)
    return ({"gate": gate.group(1)}, rest) if gate else ({}, text)


def parse(text: str, fallback_title: str) -> tuple[dict[str, str], str, list[tuple[str, str]]]:
    """(front matter, title, [(section name, body)]), skipping sections with an empty body."""
    front, body = split_front_matter(text)
    title = front.get("title", "")
    sections: list[tuple[str, list[str]]] = [("Overview", [])]
    parent = "Overview"
    in_fence = False
    for line in body.splitlines():
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        heading = None if in_fence else _HEADING.match(line)
        if heading is None:
            sections[-1][1].append(line)
            continue
        level, name = len(heading.group(1)), heading.group(2)
        if level == 1:
            title = title or name
        elif level == 2:
            parent = name
            sections.append((name, []))
        else:
            sections.append((f"{parent} / {name}", []))
    pairs = [(name, "\n".join(lines).strip()) for name, lines in sections]
    return front, title or fallback_title, [(name, body) for name, body in pairs if body]
