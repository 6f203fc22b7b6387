"""A YAML artifact as a person reads it: distributions as bars with their sums, a rubric as
categories, questions and gate marks. The full source stays one click away.

Pure functions from YAML text to Markdown (tested without a browser). Anything that does
not parse, or has no shape recognised here, gets a one-line note and the source only.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, TypeGuard

from ftdesign.tools.findings import SourceError
from ftdesign.tools.yaml_load import load_yaml

BAR_CELLS = 20  # a weight of 1.0 fills the whole bar
SUM_TOLERANCE = 0.011  # the validators' own rounding slack for "sums to 1.0"


@dataclass(frozen=True)
class Distribution:
    """One sampled dimension: its options and their weights, in file order."""

    name: str
    options: list[tuple[str, float]]

    @property
    def total(self) -> float:
        return sum(weight for _, weight in self.options)


def _number(value: Any) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def distributions(data: Any, path: str = "") -> list[Distribution]:
    """Every weighted choice in a taxonomy or persona template, however it is written:
    `{option: weight}`, `options:` + `weights:` lists, or a list of `{name, weight}`."""
    found: list[Distribution] = []
    if isinstance(data, dict):
        options, weights = data.get("options"), data.get("weights")
        if isinstance(options, list) and isinstance(weights, list) and len(options) == len(weights):
            if all(_number(w) and 0 <= w <= 1 for w in weights):
                found.append(
                    Distribution(
                        path, [(str(o), float(w)) for o, w in zip(options, weights, strict=True)]
                    )
                )
        elif len(data) > 1 and all(_number(v) and 0 <= v <= 1 for v in data.values()):
            found.append(Distribution(path, [(str(k), float(v)) for k, v in data.items()]))
            return found
        for key, value in data.items():
            if key not in ("options", "weights"):
                found += distributions(value, f"{path}.{key}" if path else str(key))
    elif isinstance(data, list) and data and all(isinstance(i, dict) for i in data):
        if all("name" in i and _number(i.get("weight")) for i in data):
            found.append(Distribution(path, [(str(i["name"]), float(i["weight"])) for i in data]))
    return found


def bar(weight: float) -> str:
    cells = round(max(0.0, min(weight, 1.0)) * BAR_CELLS)
    return "█" * cells + "·" * (BAR_CELLS - cells)


def distribution_markdown(dist: Distribution) -> str:
    ok = abs(dist.total - 1.0) <= SUM_TOLERANCE
    mark = "✔" if ok else "⚠ should be 1.00"
    rows = [f"| {name} | `{bar(w)}` | {w:.2f} |" for name, w in dist.options]
    head = f"**{dist.name}** · sum {dist.total:.2f} {mark}\n\n| option | weight | |\n|---|---|--:|"
    return head + "\n" + "\n".join(rows)


def weighted_summary(data: Any) -> str:
    dists = [d for d in distributions(data) if not d.name.endswith("turn_ranges")]
    if not dists:
        return ""
    return "\n\n".join(distribution_markdown(d) for d in dists)


def rubric_summary(data: dict[str, Any]) -> str:
    criteria = data.get("criteria") or {}
    gates = set(data.get("safety_gates") or [])
    categories = data.get("categories") or {}
    weights = [c.get("weight") for c in categories.values() if isinstance(c, dict)]
    total = sum(float(w) for w in weights if _number(w))
    lines = [
        f"**Pass threshold:** {data.get('pass_threshold', 'not set')} · category weights sum"
        f" {total:.2f} {'✔' if abs(total - 1.0) <= SUM_TOLERANCE else '⚠ should be 1.00'}"
        f" · safety gates: {', '.join(sorted(gates)) or 'none'}"
    ]
    for name, category in categories.items():
        if not isinstance(category, dict):
            continue
        weight = category.get("weight")
        shown = (
            f"weight {weight:.2f} `{bar(weight)}`" if _number(weight) else "gate only, no weight"
        )
        lines.append(f"\n**{name}** · {shown}")
        for cid in category.get("criteria") or []:
            criterion = criteria.get(cid) or {}
            examples = criterion.get("calibration_examples") or []
            gate = " · **safety gate**" if cid in gates else ""
            na = " · NA allowed" if criterion.get("na_valid") else ""
            question = criterion.get("question", "(no question)")
            lines.append(
                f"- **{cid}** {criterion.get('name', '')}{gate}: {question}"
                f" _({len(examples)} calibration example{'s' if len(examples) != 1 else ''}{na})_"
            )
    return "\n".join(lines)


def yaml_summary(path: str, text: str) -> str | None:
    """The readable summary of one YAML artifact, a note why it cannot be read, or None when
    it has nothing to summarise (the source itself is then the best view)."""
    try:
        data = load_yaml(text, path)
    except SourceError as error:
        line = error.finding.location.line
        where = f" at line {line}" if line else ""
        return f"_`{path}` does not parse as YAML{where}; open its source to fix it._"
    if isinstance(data, dict) and "criteria" in data and "categories" in data:
        return rubric_summary(data)
    return weighted_summary(data) or None


def is_markdown(path: str) -> bool:
    """`model-choice.md`, and a section of one: `model-choice.md (## Token budget)`."""
    return path.endswith(".md") or ".md (" in path


def rendered(path: str, text: str) -> str | None:
    """What to show inline instead of the source, or None to show the source itself."""
    if is_markdown(path):
        return text
    return yaml_summary(path, text)


def linked_sources(drafts: dict[str, str]) -> list[str]:
    """Drafts shown rendered, whose source the stop's **Source** button shows."""
    return [path for path, text in drafts.items() if rendered(path, text) is not None]
