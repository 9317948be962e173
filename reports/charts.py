"""Bar charts as plain HTML and CSS: no JavaScript, no SVG scaling, readable at 360 px.

Each row is a grid of name | bar | value: the value has its own column, so it is never cut, and
the bar's length is a percentage of the row's track, so 7, 11 and 12 stay apart at any width.
"""

from __future__ import annotations

from collections.abc import Sequence

from markupsafe import Markup, escape

BAR_COLOUR = "#2f6690"


def bar_chart(rows: Sequence[tuple[str, int]], *, title: str, empty: str = "none") -> Markup:
    """Horizontal bars for (name, count) rows, as a <figure> with an accessible caption; names,
    title and the `empty` text are escaped."""
    peak = max((count for _name, count in rows), default=0) or 1
    parts = [
        f'<figure class="chart"><figcaption>{escape(title)}</figcaption>',
        '<div class="bars" role="list">',
    ]
    if not rows:
        parts.append(f'<p class="muted">{escape(empty)}</p>')
    for name, count in rows:
        share = 100 * count / peak
        parts.append(
            f'<div class="row" role="listitem"><span class="name">{escape(name)}</span>'
            f'<span class="track"><span class="bar" style="width:{share:.1f}%"></span></span>'
            f'<span class="value">{count}</span></div>'
        )
    parts.append("</div></figure>")
    return Markup("".join(parts))


CHART_CSS = f"""
  .chart {{ margin: 0.8em 0; }}
  .chart figcaption {{ font-weight: bold; margin-bottom: 0.3em; }}
  .bars {{ display: grid; gap: 3px; }}
  .row {{ display: grid; grid-template-columns: minmax(4em, 9em) minmax(0, 1fr) auto;
          gap: 0.5em; align-items: center; }}
  .row .name {{ text-align: right; overflow-wrap: anywhere; font-size: 0.9em; }}
  .row .track {{ display: block; min-width: 0; }}
  .row .bar {{ display: block; height: 1em; min-width: 1px; background: {BAR_COLOUR}; }}
  .row .value {{ font-variant-numeric: tabular-nums; min-width: 2.5em; }}
"""
