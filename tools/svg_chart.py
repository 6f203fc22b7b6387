"""Small SVG charts written by hand: grouped horizontal bars and one stacked bar.

SVG needs no plotting library, renders crisply at any width in a browser or a Markdown
viewer, and the same numbers always give the same bytes. Every label is escaped; the
chart's width is fixed and its height follows the number of bars.
"""

from __future__ import annotations

from html import escape

WIDTH = 640
LABEL_WIDTH = 210
BAR_HEIGHT = 16
GAP = 6
FONT = 'font-family="sans-serif" font-size="12"'
COLOURS = ["#4c72b0", "#dd8452", "#55a868", "#c44e52", "#8172b3", "#937860", "#da8bc3"]
Bars = list[tuple[str, float]]


def _svg(height: int, body: list[str], title: str) -> str:
    head = (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{WIDTH}" height="{height}"'
        f' viewBox="0 0 {WIDTH} {height}" role="img" aria-label="{escape(title)}">'
    )
    heading = f'<text x="0" y="16" {FONT} font-weight="bold">{escape(title)}</text>'
    return "\n".join([head, '<rect width="100%" height="100%" fill="white"/>', heading, *body])


def grouped_bars(title: str, groups: list[tuple[str, Bars]], top: float = 1.0) -> str:
    """One block of bars per group (a dimension and its options), scaled to `top`; each
    group's heading carries its sum, so a sum off 1.0 is seen at once."""
    span = WIDTH - LABEL_WIDTH - 60
    body, y = [], 30
    for group, bars in groups:
        total = sum(value for _, value in bars)
        body.append(
            f'<text x="0" y="{y + 12}" {FONT} font-weight="bold">{escape(group)}'
            f" (sum {total:.2f})</text>"
        )
        y += BAR_HEIGHT + GAP
        for n, (label, value) in enumerate(bars):
            length = max(0.0, min(value / top, 1.0)) * span if top > 0 else 0.0
            colour = COLOURS[n % len(COLOURS)]
            body += [
                f'<text x="{LABEL_WIDTH - 6}" y="{y + 12}" {FONT} text-anchor="end">'
                f"{escape(label[:32])}</text>",
                f'<rect x="{LABEL_WIDTH}" y="{y}" width="{length:.1f}" height="{BAR_HEIGHT}"'
                f' fill="{colour}"/>',
                f'<text x="{LABEL_WIDTH + length + 4:.1f}" y="{y + 12}" {FONT}>{value:.2f}</text>',
            ]
            y += BAR_HEIGHT + GAP
        y += GAP
    body.append("</svg>")
    return _svg(y, body, title)


def stacked_bar(title: str, parts: Bars, whole: float, whole_label: str) -> str:
    """Parts laid end to end against a whole (a context window), with a legend below."""
    span, y = WIDTH - 20, 34
    body, x = [f'<rect x="0" y="{y}" width="{span}" height="28" fill="#eeeeee"/>'], 0.0
    for n, (label, value) in enumerate(parts):
        length = max(0.0, value) / whole * span if whole > 0 else 0.0
        body.append(
            f'<rect x="{x:.1f}" y="{y}" width="{min(length, span - x):.1f}" height="28"'
            f' fill="{COLOURS[n % len(COLOURS)]}"><title>{escape(label)}</title></rect>'
        )
        x += length
    used = sum(value for _, value in parts)
    over = " (over the window)" if used > whole else ""
    body.append(
        f'<text x="0" y="{y + 46}" {FONT}>{used:,.0f} of {whole:,.0f} {escape(whole_label)}'
        f"{over}</text>"
    )
    y += 60
    for n, (label, value) in enumerate(parts):
        body += [
            f'<rect x="0" y="{y}" width="12" height="12" fill="{COLOURS[n % len(COLOURS)]}"/>',
            f'<text x="18" y="{y + 11}" {FONT}>{escape(label)}: {value:,.0f}</text>',
        ]
        y += 18
    body.append("</svg>")
    return _svg(y + 4, body, title)
