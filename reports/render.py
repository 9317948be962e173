"""Render self-contained HTML reports from already-computed data (no network, no JavaScript).

Templates live in reports/templates; charts are inline SVG from `reports.charts`. Autoescaping is
on, so a hostile label or profile name cannot inject markup.
"""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from sestry.reports.charts import bar_chart, column_chart
from sestry.reports.data import ReleaseReportData

TEMPLATES = Path(__file__).with_name("templates")

OPERATOR_WHY: dict[str, str] = {
    "keep": "kept as found: the partner needs it and the consent covers it",
    "redact": "removed and replaced by its label: it identifies someone or is not needed",
    "pseudonym": "replaced by a keyed pseudonym: the same person keeps one pseudonym throughout",
    "generalize": "generalised to a coarser value, so it no longer pinpoints a person",
}


def _env() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["why"] = why
    return env


def why(operator: str) -> str:
    """Plain-language reason for an operator (`generalize:raion` -> the generalise reason)."""
    base = operator.split(":", 1)[0]
    reason = OPERATOR_WHY.get(base, "removed (unknown operator: fail closed)")
    if base == "generalize" and ":" in operator:
        reason += f" (level: {operator.split(':', 1)[1]})"
    return reason


def render_release_report(data: ReleaseReportData) -> str:
    """Return the release report as one self-contained HTML document (inline CSS and SVG)."""
    charts = {
        "labels": bar_chart(
            [(r.label, r.count) for r in data.labels if r.count], title="Entities by label"
        ),
        "languages": bar_chart(list(data.languages), title="Documents by language"),
        "timeline": (
            column_chart(list(data.timeline), title="Incident dates mentioned, by period")
            if data.timeline is not None
            else None
        ),
    }
    languages = sorted({lang for _, row in data.label_languages for lang, _ in row})
    matrix = [
        (label, [dict(row).get(lang, 0) for lang in languages])
        for label, row in data.label_languages
    ]
    template = _env().get_template("release.html.j2")
    return template.render(d=data, charts=charts, languages=languages, matrix=matrix)
