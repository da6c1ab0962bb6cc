"""Server-rendered SVG bar charts (no script, no library): a chart is a picture of the
table printed beside it, so it is ``aria-hidden`` and the table carries the numbers for
screen readers."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

COLOURS = ("#1d4ed8", "#ea580c", "#15803d", "#7c3aed", "#b91c1c")
#: LABEL_H holds a 24-character label turned 30° (about 145 × sin 30° px) above the legend.
WIDTH, BAR_AREA, LABEL_H, TOP = 640, 220, 84, 16


@dataclass(frozen=True)
class Series:
    name: str
    values: tuple[float, ...]


def vn_number(value) -> str:
    """A number with the decimal comma (one decimal when it has one)."""
    if value is None:
        return "–"
    if isinstance(value, (float, Decimal)) and value != int(value):
        return f"{float(value):.1f}".replace(".", ",")
    return f"{int(value):,}".replace(",", ".")


def bar_chart(
    *, labels: list[str], series: list[Series], target: float | None = None, unit: str = ""
) -> SafeString:
    """Grouped bars, one group per label; ``target`` draws a dashed line (e.g. 10 %). A
    value of None (no figure) draws no bar and is named "–", as the table prints it."""
    peak = max([v or 0 for s in series for v in s.values] + [target or 0, 1])
    groups = max(len(labels), 1)
    group_w = (WIDTH - 40) / groups
    bar_w = max(min(group_w * 0.8 / max(len(series), 1), 40), 2)
    height = TOP + BAR_AREA + LABEL_H + 20 * len(series)
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {WIDTH} {height}" '
        f'width="100%" role="img" aria-hidden="true" focusable="false">'
    ]
    base = TOP + BAR_AREA
    parts.append(f'<line x1="30" y1="{base}" x2="{WIDTH - 10}" y2="{base}" stroke="#555"/>')
    for g, label in enumerate(labels):
        x0 = 30 + g * group_w + group_w * 0.1
        for i, s in enumerate(series):
            value = float(s.values[g] or 0)
            h = BAR_AREA * value / peak
            x = x0 + i * bar_w
            parts.append(
                f'<rect x="{x:.1f}" y="{base - h:.1f}" width="{bar_w - 1:.1f}" height="{h:.1f}" '
                f'fill="{COLOURS[i % len(COLOURS)]}"><title>{escape(s.name)} – {escape(label)}: '
                f"{vn_number(s.values[g])}{escape(unit)}</title></rect>"
            )
        parts.append(
            f'<text x="{x0:.1f}" y="{base + 14}" font-size="11" '
            f'transform="rotate(30 {x0:.1f} {base + 14})">{escape(label[:24])}</text>'
        )
    if target is not None:
        y = base - BAR_AREA * float(target) / peak
        parts.append(
            f'<line x1="30" y1="{y:.1f}" x2="{WIDTH - 10}" y2="{y:.1f}" stroke="#b91c1c" '
            f'stroke-dasharray="6 4"/><text x="{WIDTH - 12}" y="{y - 4:.1f}" font-size="11" '
            f'text-anchor="end" fill="#b91c1c">{vn_number(target)}{escape(unit)}</text>'
        )
    for i, s in enumerate(series):
        y = base + LABEL_H + 16 * i
        parts.append(
            f'<rect x="30" y="{y - 9}" width="10" height="10" fill="{COLOURS[i % len(COLOURS)]}"/>'
            f'<text x="46" y="{y}" font-size="12">{escape(s.name)}</text>'
        )
    parts.append("</svg>")
    return mark_safe("".join(parts))  # noqa: S308 - every text above is escaped
