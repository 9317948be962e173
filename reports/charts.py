"""Inline SVG charts generated in Python: no JavaScript, no CDN, no fonts to fetch."""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

BAR_COLOUR = "#2f6690"
AXIS_COLOUR = "#555555"


def _svg_open(width: int, height: int, title: str) -> str:
    """Opening <svg> tag with an accessible title and a visible heading."""
    name = escape(title)
    return (
        f'<svg role="img" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" aria-label="{name}"><title>{name}</title>'
        f'<text x="0" y="16" font-size="14" font-weight="bold">{name}</text>'
    )


def _axis(x1: int, y: int, x2: int) -> str:
    return f'<line x1="{x1}" y1="{y}" x2="{x2}" y2="{y}" stroke="{AXIS_COLOUR}"/>'


def bar_chart(
    rows: Sequence[tuple[str, int]], *, title: str, width: int = 640, colour: str = BAR_COLOUR
) -> Markup:
    """Horizontal bar chart of (name, count) rows as an inline <svg> element (escaped labels)."""
    row_h, top, left, right = 22, 28, 150, 60
    height = top + row_h * max(len(rows), 1) + 8
    peak = max((count for _, count in rows), default=0) or 1
    span = width - left - right
    parts = [
        _svg_open(width, height, title),
    ]
    if not rows:
        parts.append(f'<text x="{left}" y="{top + 15}" font-size="12">none</text>')
    for i, (name, count) in enumerate(rows):
        y = top + i * row_h
        bar = round(span * count / peak)
        parts.append(
            f'<text x="{left - 6}" y="{y + 15}" font-size="12" text-anchor="end">'
            f"{escape(name)}</text>"
            f'<rect x="{left}" y="{y + 3}" width="{max(bar, 1)}" height="{row_h - 6}" '
            f'fill="{colour}"/>'
            f'<text x="{left + bar + 4}" y="{y + 15}" font-size="12">{count}</text>'
        )
    parts.append("</svg>")
    return Markup("".join(parts))


def column_chart(
    rows: Sequence[tuple[str, int]], *, title: str, width: int = 900, height: int = 240
) -> Markup:
    """Vertical column chart (a histogram over periods) as an inline <svg> element."""
    top, bottom, left = 28, 48, 40
    peak = max((count for _, count in rows), default=0) or 1
    plot_h = height - top - bottom
    step = min((width - left - 10) / max(len(rows), 1), 48.0)  # a lone month stays a column
    parts = [
        _svg_open(width, height, title),
        _axis(left, top + plot_h, width - 10),
        f'<text x="{left - 4}" y="{top + 10}" font-size="11" text-anchor="end">{peak}</text>',
    ]
    label_every = max(1, round(len(rows) / 24))
    for i, (name, count) in enumerate(rows):
        x = left + i * step
        bar = round(plot_h * count / peak)
        parts.append(
            f'<rect x="{x + 1:.1f}" y="{top + plot_h - bar}" width="{max(step - 2, 1):.1f}" '
            f'height="{bar}" fill="{BAR_COLOUR}"><title>{escape(name)}: {count}</title></rect>'
        )
        if i % label_every == 0:
            cx = x + step / 2
            parts.append(
                f'<text x="{cx:.1f}" y="{top + plot_h + 12}" font-size="10" '
                f'transform="rotate(45 {cx:.1f} {top + plot_h + 12})">{escape(name)}</text>'
            )
    parts.append("</svg>")
    return Markup("".join(parts))
