"""The charts a stop shows, kept in `<project>/charts/` where people look for them.

Token budget (system prompt, the recommended exchanges, buffer, against the model's
window), the taxonomy's and persona template's distributions, and the rubric's category
weights, drawn from the current drafts every time a gate drafts, so a chart never shows
numbers the draft no longer has. The baseline's pass-rate chart is written by the
evaluation itself and only shown here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ftdesign.agent.state import DesignState
from ftdesign.agent.ui.artifact_summary import distributions
from ftdesign.tools.errors import FtdesignError
from ftdesign.tools.findings import SourceError
from ftdesign.tools.project_files import atomic_write
from ftdesign.tools.svg_chart import grouped_bars, stacked_bar
from ftdesign.tools.yaml_load import load_yaml

CHARTS = "charts"
BASELINE_CHART = "base-model-eval-results.png"  # written by evals.writeup
CHARTED = {  # artifact name -> (chart file, title)
    "taxonomy": ("taxonomy-weights.svg", "Input taxonomy: weights per dimension"),
    "persona": ("persona-weights.svg", "Persona template: weights per attribute"),
}


def _yaml(text: str) -> Any:
    try:
        return load_yaml(text, "draft")
    except SourceError:
        return None  # the validators report it; there is nothing to draw


def budget_svg(state: DesignState) -> str:
    from ftdesign.agent.gates.budget_plan import plan, settings_of, window_of

    budget = plan(state, settings_of(state))
    exchanges = budget.recommended_exchanges[1]
    parts = [
        ("system prompt", float(budget.system_prompt_tokens)),
        (
            f"{exchanges} exchanges x {budget.tokens_per_exchange:.0f} tokens (user + assistant)",
            exchanges * budget.tokens_per_exchange,
        ),
        ("buffer", float(budget.buffer)),
    ]
    window = window_of(state)
    whole, label = (
        (window, "tokens in the model's window")
        if window
        else (
            budget.ceiling,
            "tokens of the per-example ceiling",
        )
    )
    return stacked_bar("Token budget of one training example", parts, float(whole), label)


def rubric_svg(data: Any) -> str | None:
    categories = data.get("categories") if isinstance(data, dict) else None
    if not isinstance(categories, dict):
        return None
    bars = [
        (str(name), float(c["weight"]))
        for name, c in categories.items()
        if isinstance(c, dict) and isinstance(c.get("weight"), int | float)
    ]
    return grouped_bars("Rubric: category weights", [("categories", bars)]) if bars else None


def weights_svg(text: str, title: str) -> str | None:
    found = distributions(_yaml(text))
    groups = [(d.name.split(".")[-1], d.options) for d in found if d.options]
    return grouped_bars(title, groups) if groups else None


def stop_charts(step: str, state: DesignState, texts: dict[str, str], project: Path) -> list[str]:
    """Draw and save this step's charts; their paths relative to the project."""
    drawn: dict[str, str | None] = {}
    if step == "token_economics":
        try:
            drawn["token-budget.svg"] = budget_svg(state)
        except (FtdesignError, ValueError):
            drawn["token-budget.svg"] = None  # the validators say what is wrong
    for name, (file, title) in CHARTED.items():
        if name in texts:
            drawn[file] = weights_svg(texts[name], title)
    if "rubric" in texts:
        drawn["rubric-weights.svg"] = rubric_svg(_yaml(texts["rubric"]))
    saved = []
    for file, svg in drawn.items():
        if svg is not None:
            atomic_write(project / CHARTS / file, svg + "\n")
            saved.append(f"{CHARTS}/{file}")
    if step == "baseline_eval" and (project / BASELINE_CHART).is_file():
        saved.append(BASELINE_CHART)
    return saved
