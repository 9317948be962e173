"""The release report in Chromium at a phone's width (360 px) and a desktop's (1280 px), in
both languages: nothing overflows sideways, the bars for close counts stay apart, the values
are visible, `lang` is right and the link to the other language opens it. Screenshots are kept
in the test's tmp dir (copied to $SESTRY_ARTEFACTS when set)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from sestry.reports.data import CheckRow, LabelRow, ReleaseReportData
from sestry.reports.render import REPORT_FILES, render_release_reports

CHROMIUM = "/usr/bin/chromium"  # Debian's package (Makefile DEB_PACKAGES); nothing downloaded
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]  # fmt: skip
WIDTHS = (360, 1280)

# Every element's right edge, and the page's scroll width, against the viewport.
OVERFLOW_JS = """() => {
  const w = window.innerWidth, bad = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width > 0 && r.right > w + 0.5) bad.push(`${el.tagName}.${el.className}: ${r.right}`);
  }
  return {scroll: document.documentElement.scrollWidth, inner: w, bad: bad.slice(0, 10)};
}"""
BARS_JS = """(title) => {
  const fig = [...document.querySelectorAll('figure.chart')]
    .find(f => f.querySelector('figcaption').textContent === title);
  return [...fig.querySelectorAll('.row')].map(r => ({
    name: r.querySelector('.name').textContent,
    bar: r.querySelector('.bar').getBoundingClientRect().width,
    value: r.querySelector('.value').getBoundingClientRect().right,
  }));
}"""


def _data() -> ReleaseReportData:
    """A report that is hard to fit: long ids and check names, close counts, two years of months."""
    return ReleaseReportData(
        release_id="prosecution-international-partner-20260101T000000Z-abcdef0123456789",
        profile="prosecution-international-partner",
        created_at="2026-01-01T00:00:00Z",
        sestry_version="0.1.0",
        ledger_head="ab" * 32,
        documents=1234,
        excluded_no_consent=56,
        labels=(
            LabelRow("PERSON", 12, "pseudonym"),
            LabelRow("CALLSIGN", 11, "keep"),
            LabelRow("MILITARY_UNIT", 7, "keep"),
            LabelRow("LOC", 12345, "generalize:oblast"),
            LabelRow("ADDRESS", 0, "redact", defaulted=True),
        ),
        languages=(("en", 7), ("ru", 11), ("uk", 12)),
        label_languages=(("LOC", (("ru", 5000), ("uk", 7345))), ("PERSON", (("uk", 12),))),
        timeline=tuple(
            (f"{y}-{m:02d}", (y - 2021) * m) for y in (2022, 2023) for m in range(1, 13)
        ),
        checks=(
            CheckRow("documents.text.no_leak_terms_from_the_reidentification_table", True),
            CheckRow("entities.dates_in_range", False, warning=True),
        ),
        validation_passed=True,
        warnings=(("entities.dates_in_range", "dates in the testimony before 2014-02-20"),),
        files=130,
        pages=48,
        total_bytes=3_456_789,
        review=(("Documents reviewed", "31"), ("Reviewer ids", "D07, D12")),
        scope="documents of 2 case(s) with consent 'prosecution'",
        scope_uk="документи 2 справ(и) зі згодою 'prosecution'",
    )


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("release-data")
    for name, html in render_release_reports(_data()).items():
        (out / name).write_text(html, encoding="utf-8")
    return out


def test_reports_fit_360_and_1280_px_in_both_languages(folder: Path, tmp_path: Path) -> None:
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright drives Chromium")
    assert Path(CHROMIUM).exists(), "chromium is a Debian package in the Makefile (DEB_PACKAGES)"
    shots: list[Path] = []
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            for width in WIDTHS:
                page = browser.new_page(
                    viewport={"width": width, "height": 900}, java_script_enabled=False
                )
                for lang, name in REPORT_FILES.items():
                    page.goto((folder / name).as_uri())
                    shot = tmp_path / f"report-{lang}-{width}.png"
                    page.screenshot(path=str(shot), full_page=True)
                    shots.append(shot)
                    assert page.evaluate("document.documentElement.lang") == lang
                    fit = page.evaluate(OVERFLOW_JS)
                    assert fit["scroll"] <= fit["inner"], (lang, width, fit)
                    assert not fit["bad"], (lang, width, fit)
                    title = "Documents by language" if lang == "en" else "Документи за мовою"
                    bars = {b["name"]: b for b in page.evaluate(BARS_JS, title)}
                    # 7, 11 and 12 must look different even on a phone
                    assert bars["ru"]["bar"] - bars["en"]["bar"] > 20, (width, bars)
                    assert bars["uk"]["bar"] - bars["ru"]["bar"] > 4, (width, bars)
                    assert max(b["value"] for b in bars.values()) <= width
                page.close()
            page = browser.new_page(viewport={"width": 360, "height": 900})
            page.goto((folder / REPORT_FILES["en"]).as_uri())
            page.click("text=Українська")  # a plain link, no JavaScript
            assert page.evaluate("document.documentElement.lang") == "uk"
            assert "Що приховано і чому" in page.content()
        finally:
            browser.close()
    keep = os.environ.get("SESTRY_ARTEFACTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        for shot in shots:
            shutil.copy(shot, Path(keep) / shot.name)
    assert all(shot.stat().st_size > 10_000 for shot in shots)
