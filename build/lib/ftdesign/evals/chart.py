"""A PNG bar chart of pass rate by rubric category, saved beside the report.

matplotlib runs on the Agg backend (no display needed) and the file is written
to a temporary name and renamed, like every other project write.
"""

from __future__ import annotations

import os
from pathlib import Path


def category_chart(rates: dict[str, float], threshold: float, target: Path, title: str) -> Path:
    """Bars of the share of conversations at or above the threshold, per category.

    A "safety gates" entry (no gate failed) is drawn in another colour.
    """
    import matplotlib

    matplotlib.use("Agg")
    from matplotlib import pyplot as plt

    names = list(rates)
    values = [rates[n] * 100 for n in names]
    figure, axes = plt.subplots(figsize=(max(5.0, 1.1 * len(names) + 2), 3.6), dpi=110)
    colours = ["#c44e52" if name == "safety gates" else "#4c72b0" for name in names]
    bars = axes.bar(names, values, color=colours)
    axes.bar_label(bars, labels=[f"{v:.0f} %" for v in values], padding=2, fontsize=8)
    axes.set_ylim(0, 110)
    axes.set_ylabel(f"% of conversations\n(category score >= {threshold:.2f})", fontsize=8)
    axes.set_title(title, fontsize=10)
    axes.tick_params(axis="x", labelrotation=20, labelsize=8)
    figure.tight_layout()
    temporary = target.with_name(f".{target.name}.tmp.png")
    target.parent.mkdir(parents=True, exist_ok=True)
    # Fixed metadata so the same numbers always give byte-identical files.
    figure.savefig(temporary, format="png", metadata={"Software": None})
    plt.close(figure)
    os.replace(temporary, target)
    return target
