"""Charts drawn on the server as inline SVG: readable without JavaScript, every text escaped,
and each chart carries a title and a description for screen readers (the same figures are
also in a table on the page)."""
from __future__ import annotations

from collections.abc import Mapping, Sequence

from markupsafe import Markup, escape

# Colour-blind-safe palette (Okabe-Ito), one colour per series.
PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000"]
BAR_HEIGHT, GAP, LABEL_WIDTH, CHART_WIDTH = 20, 6, 250, 640


def stacked_bars(title: str, categories: Sequence[tuple[str, str]], series: Sequence[tuple[str, str]],
                 values: Mapping[tuple[str, str], int]) -> Markup:
    """Horizontal stacked bars: one bar per category (key, label), one segment per series."""
    totals = {key: sum(values.get((key, s), 0) for s, _ in series) for key, _ in categories}
    largest = max(totals.values(), default=0) or 1
    scale = (CHART_WIDTH - LABEL_WIDTH - 40) / largest
    legend_height = 26
    height = legend_height + len(categories) * (BAR_HEIGHT + GAP) + GAP
    parts = [f'<svg class="chart" role="img" viewBox="0 0 {CHART_WIDTH} {height}" width="100%" '
             f'preserveAspectRatio="xMinYMin meet" font-size="13" aria-labelledby="{_id(title)}-t {_id(title)}-d">',
             f'<title id="{_id(title)}-t">{escape(title)}</title>',
             f'<desc id="{_id(title)}-d">{escape(_describe(categories, series, values))}</desc>']
    x = 0
    for index, (_key, label) in enumerate(series):
        parts.append(f'<rect x="{x}" y="4" width="12" height="12" fill="{PALETTE[index % len(PALETTE)]}"/>'
                     f'<text x="{x + 16}" y="14" class="chart-legend">{escape(label)}</text>')
        x += 36 + 7 * len(label)
    for row, (key, label) in enumerate(categories):
        y = legend_height + row * (BAR_HEIGHT + GAP)
        parts.append(f'<text x="{LABEL_WIDTH - 8}" y="{y + BAR_HEIGHT * 0.7:.0f}" text-anchor="end" '
                     f'class="chart-label">{escape(label)}</text>')
        x = float(LABEL_WIDTH)
        for index, (s_key, s_label) in enumerate(series):
            count = values.get((key, s_key), 0)
            if not count:
                continue
            width = count * scale
            parts.append(f'<rect x="{x:.1f}" y="{y}" width="{width:.1f}" height="{BAR_HEIGHT}" '
                         f'fill="{PALETTE[index % len(PALETTE)]}"><title>{escape(label)}, '
                         f'{escape(s_label)}: {count}</title></rect>')
            x += width
        parts.append(f'<text x="{x + 6:.1f}" y="{y + BAR_HEIGHT * 0.7:.0f}" class="chart-total">{totals[key]}</text>')
    parts.append("</svg>")
    return Markup("".join(parts))


def _describe(categories: Sequence[tuple[str, str]], series: Sequence[tuple[str, str]],
              values: Mapping[tuple[str, str], int]) -> str:
    return "; ".join(
        f"{label}: " + ", ".join(f"{s_label} {values.get((key, s), 0)}" for s, s_label in series)
        for key, label in categories)


def _id(title: str) -> str:
    return "chart-" + "".join(ch if ch.isalnum() else "-" for ch in title.lower())[:40]
