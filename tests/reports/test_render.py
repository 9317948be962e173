"""The release report: self-contained, offline, counts only; renders with its charts in Chromium."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from sestry.reports.data import CheckRow, LabelRow, ReleaseReportData
from sestry.reports.render import render_release_report, why

URL = re.compile(r"""(?:https?:)?//[^\s"'<>]+""", re.IGNORECASE)
RESOURCE = re.compile(r"""(?:(?<![\w-])(?:src|href)\s*=|url\()\s*["']?(?!data:|#)""", re.IGNORECASE)


def _data(**overrides: object) -> ReleaseReportData:
    base: dict[str, object] = {
        "release_id": "prosecution-20260101T000000Z-abcdef",
        "profile": "prosecution",
        "created_at": "2026-01-01T00:00:00Z",
        "sestry_version": "0.1.0",
        "ledger_head": "ab" * 32,
        "documents": 42,
        "excluded_no_consent": 5,
        "labels": (
            LabelRow("PERSON", 120, "pseudonym"),
            LabelRow("LOC", 80, "keep"),
            LabelRow("DATE", 64, "keep"),
            LabelRow("PHONE", 9, "redact"),
            LabelRow("ADDRESS", 0, "redact", defaulted=True),
        ),
        "languages": (("en", 6), ("ru", 12), ("uk", 24)),
        "label_languages": (("LOC", (("ru", 30), ("uk", 50))), ("PERSON", (("uk", 120),))),
        "timeline": tuple((f"2022-{m:02d}", 3 * m) for m in range(2, 13)),
        "checks": (CheckRow("no_canary_names", True), CheckRow("schema_documents", True)),
        "validation_passed": True,
        "files": 130,
        "total_bytes": 123456,
    }
    base.update(overrides)
    return ReleaseReportData(**base)  # type: ignore[arg-type]


def test_report_shows_counts_operators_and_checks() -> None:
    html = render_release_report(_data())
    for text in ("42", "PERSON", "pseudonym", "no_canary_names", "2022-03", "withheld"):
        assert text in html
    assert html.count('<figure class="chart">') == 3
    assert why("generalize:oblast").endswith("(level: oblast)")


def test_quality_warnings_have_their_own_section() -> None:
    checks = (CheckRow("documents.text.no_leak_terms", True),
              CheckRow("entities.dates_in_range", False, warning=True))  # fmt: skip
    meaning = "dates in the testimony before 2014-02-20"
    html = render_release_report(
        _data(checks=checks, warnings=(("entities.dates_in_range", meaning),))
    )
    assert "Quality warnings" in html
    assert meaning in html
    assert ">warning<" in html
    assert "FAIL" not in html
    assert "Quality warnings" not in render_release_report(_data())


def test_report_has_no_external_resources_or_scripts() -> None:
    for lang in ("en", "uk"):
        html = render_release_report(_data(), lang)
        assert not URL.findall(html)
        assert "<script" not in html.lower()
        assert "<link" not in html.lower()
        # the only reference is the plain link to the report in the other language, beside it
        sibling = 'href="report.uk.html"' if lang == "en" else 'href="report.html"'
        assert not RESOURCE.findall(html.replace(sibling, ""))


def test_timeline_is_omitted_when_the_profile_hides_dates() -> None:
    html = render_release_report(_data(timeline=None))
    assert "Dates mentioned in the texts" not in html
    assert html.count('<figure class="chart">') == 2


def test_markup_in_names_is_escaped() -> None:
    html = render_release_report(_data(profile="<img src=x onerror=alert(1)>"))
    assert "<img src=x" not in html
    assert "&lt;img src=x" in html


def test_timeline_refuses_anything_but_periods() -> None:
    with pytest.raises(ValueError, match="YYYY"):
        _data(timeline=(("2022-03-14", 1),))
    with pytest.raises(ValueError, match="YYYY"):
        _data(timeline=(("Оксана", 1),))


def test_report_renders_offline_in_headless_chromium(tmp_path: Path) -> None:
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    assert chromium, "chromium is a Debian package in the Makefile (DEB_PACKAGES)"
    report = tmp_path / "report.html"
    report.write_text(render_release_report(_data()), encoding="utf-8")
    shot = tmp_path / "shot.png"
    done = subprocess.run(
        [
            chromium,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--screenshot={shot}",
            "--window-size=1200,1600",
            report.as_uri(),
        ],  # fmt: skip
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert shot.is_file(), done.stderr[-2000:]
    image = Image.open(shot).convert("RGB")
    assert image.size == (1200, 1600)
    colours = image.getcolors(1200 * 1600) or []
    total = sum(n for n, _ in colours)
    assert sum(n for n, c in colours if c != (255, 255, 255)) > 0.03 * total  # not blank
    bar_blue = (0x2F, 0x66, 0x90)  # the charts' bar colour: the SVG plots were drawn
    near_blue = [
        n for n, c in colours if max(abs(a - b) for a, b in zip(c, bar_blue, strict=True)) < 12
    ]
    assert sum(near_blue) > 2000
    assert len(colours) > 50  # text anti-aliasing, fills, borders
