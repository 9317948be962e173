"""Scanned images through the registry and real Tesseract: text, pages, boxes, versions."""

from __future__ import annotations

from pathlib import Path

import pytest

from sestry.core.settings import Settings

from .conftest import EXPECTED

SCANS = sorted(n for n, e in EXPECTED.items() if e.get("kind") == "scan" and not e.get("reason"))

pytestmark = pytest.mark.ocr


@pytest.mark.parametrize("name", SCANS)
def test_scan_sample(run, samples: Path, name: str, cer) -> None:
    exp = EXPECTED[name]
    result = run(samples / name)
    assert (result.kind, result.method) == ("scan", "ocr")
    assert result.attempts == ("image_ocr@2",)
    assert result.pages == exp.get("pages", 1)
    assert [p.method for p in result.page_info] == exp.get("methods", ["ocr"] * result.pages)
    limit = 0.05 if "skewed" in name else 0.02
    for sentence in exp["sentences"]:
        assert cer(sentence, result.text) <= limit, name
    assert result.ocr_confidence is not None
    assert result.ocr_confidence > 70
    assert {w.page for w in result.words} == set(range(1, result.pages + 1))
    for word in result.words:
        assert result.text[word.start : word.end].strip()
    assert result.versions["tesseract"].startswith("5.")
    assert set(result.versions) >= {"tessdata/ukr", "tessdata/rus", "tessdata/eng"}


def test_two_page_tiff_keeps_pages_apart(run, samples: Path) -> None:
    result = run(samples / "scan_uk_2pages.tif")
    assert result.text.count("\f") == 1
    first, second = result.text.split("\f")
    assert "ЗАЯВА" in first
    assert "ЗАЯВА" not in second
    assert {s.page for s in result.segments} == {1, 2}
    assert [p.width for p in result.page_info] == [2481, 2481]


def test_lying_extension_is_read_by_content_and_noted(run, samples: Path, cer) -> None:
    result = run(samples / "bad" / "lying.txt")
    assert result.kind == "scan"
    assert "extension_mismatch" in result.notes
    assert cer(EXPECTED["bad/lying.txt"]["sentences"][0], result.text) <= 0.02


def test_one_worker_gives_the_same_result(run, samples: Path, data_dir: Path) -> None:
    serial = Settings.load(data_dir, ocr_workers=1)
    path = samples / "scan_uk_2pages.tif"
    assert run(path, settings_=serial).text == run(path).text
