"""Render self-contained HTML reports from already-computed data (no network, no JavaScript).

A release report is written twice, in English (`report.html`) and Ukrainian (`report.uk.html`),
each with `lang` set and a plain link to the other. Words come from the gettext catalog
(core/i18n); numbers and sizes from reports.numbers. Templates live in reports/templates; charts
are HTML bars from `reports.charts`. Autoescaping is on, so a hostile label or profile name
cannot inject markup.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from pathlib import Path

from jinja2 import Environment, FileSystemLoader, StrictUndefined, select_autoescape

from sestry.core.i18n import N_, translate
from sestry.reports.charts import CHART_CSS, bar_chart
from sestry.reports.data import ReleaseReportData
from sestry.reports.numbers import size

TEMPLATES = Path(__file__).with_name("templates")

REPORT_FILES: dict[str, str] = {"en": "report.html", "uk": "report.uk.html"}
"""One report per language, in the payload's data/ folder; English keeps the historic name."""

OPERATOR_WHY: dict[str, str] = {
    "keep": N_("kept as found: the partner needs it and the consent covers it"),
    "redact": N_("removed and replaced by its label: it identifies someone or is not needed"),
    "pseudonym": N_(
        "replaced by a keyed pseudonym: the same person keeps one pseudonym throughout"
    ),
    "generalize": N_("generalised to a coarser value, so it no longer pinpoints a person"),
}


@cache  # one environment (and compiled template) for both report languages
def _env() -> Environment:
    return Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=select_autoescape(enabled_extensions=("html", "j2"), default=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def why(operator: str, lang: str = "en") -> str:
    """Plain-language reason for an operator (`generalize:raion` -> the generalise reason)."""
    base = operator.split(":", 1)[0]
    reason = translate(lang, OPERATOR_WHY.get(base, N_("removed (unknown operator: fail closed)")))
    if base == "generalize" and ":" in operator:
        level = operator.split(":", 1)[1]
        reason += " " + translate(lang, "(level: {level})").format(level=level)
    return reason


def render_release_report(data: ReleaseReportData, lang: str = "en") -> str:
    """Return the release report in `lang` (uk | en) as one self-contained HTML document."""

    def gettext(message: str) -> str:
        return translate(lang, message)

    charts = {
        "labels": bar_chart(
            [(r.label, r.count) for r in data.labels if r.count],
            title=gettext("Entities by label"),
            empty=gettext("none"),
        ),
        "languages": bar_chart(
            list(data.languages), title=gettext("Documents by language"), empty=gettext("none")
        ),
        "timeline": (
            bar_chart(
                list(data.timeline),
                title=gettext("Dates mentioned in the texts, by month"),
                empty=gettext("none"),
            )
            if data.timeline is not None
            else None
        ),
    }
    languages = sorted({code for _label, row in data.label_languages for code, _n in row})
    matrix = [
        (label, [dict(row).get(code, 0) for code in languages])
        for label, row in data.label_languages
    ]
    other = "en" if lang == "uk" else "uk"
    template = _env().get_template("release.html.j2")
    return template.render(
        d=data,
        charts=charts,
        languages=languages,
        matrix=matrix,
        lang=lang,
        _=gettext,
        why=_why_in(lang),
        size=size(data.total_bytes, lang),
        payload_files=data.files + len(REPORT_FILES),
        scope=data.scope_uk if lang == "uk" and data.scope_uk else data.scope,
        css=CHART_CSS,
        other_file=REPORT_FILES[other],
        other_name="English" if other == "en" else "Українська",
    )


def _why_in(lang: str) -> Callable[[str], str]:
    return lambda operator: why(operator, lang)


def render_release_reports(data: ReleaseReportData) -> dict[str, str]:
    """{file name: HTML} for every report language (REPORT_FILES)."""
    return {name: render_release_report(data, lang) for lang, name in REPORT_FILES.items()}
