"""The re-OCR cache: one tesseract run per distinct page, counted by a real counter."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageDraw, ImageFont

from sestry.extractors.ocr_cache import RUNS, OcrCache, page_key

pytestmark = pytest.mark.ocr

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def _page(text: str) -> Image.Image:
    image = Image.new("L", (900, 120), 255)
    ImageDraw.Draw(image).text((30, 30), text, fill=0, font=ImageFont.truetype(FONT, 44))
    return image


def test_a_page_is_ocred_once_and_a_changed_page_again(tmp_path: Path) -> None:
    cache = OcrCache(tmp_path / "ocr")
    before = RUNS.count
    first = cache.ocr(_page("Протокол допиту"), "ukr+eng")
    assert "Протокол" in first[0]
    assert RUNS.count == before + 1
    again = OcrCache(tmp_path / "ocr").ocr(_page("Протокол допиту"), "ukr+eng")  # a new process
    assert RUNS.count == before + 1  # answered from the file, words and boxes included
    assert again == first
    OcrCache(tmp_path / "ocr").ocr(_page("Протокол допиту."), "ukr+eng")
    assert RUNS.count == before + 2  # one pixel changed: a new key, OCRed again
    OcrCache(tmp_path / "ocr").ocr(_page("Протокол допиту"), "ukr+rus+eng")
    assert RUNS.count == before + 3  # other languages: OCRed again
    assert len(list((tmp_path / "ocr").rglob("*.json"))) == 3


def test_an_unreadable_entry_is_ocred_and_replaced(tmp_path: Path) -> None:
    page = _page("Свідок")
    key = page_key(page, "ukr")
    entry = tmp_path / "ocr" / key[:2] / f"{key}.json"
    entry.parent.mkdir(parents=True)
    entry.write_text("{not json")
    before = RUNS.count
    assert "Свідок" in OcrCache(tmp_path / "ocr").ocr(page, "ukr")[0]
    assert RUNS.count == before + 1
    OcrCache(tmp_path / "ocr").ocr(page, "ukr")
    assert RUNS.count == before + 1


def test_the_key_is_the_pixels_not_the_image_object() -> None:
    assert page_key(_page("a"), "ukr") == page_key(_page("a").convert("RGB"), "ukr")
    assert page_key(_page("a"), "ukr") != page_key(_page("b"), "ukr")


def test_the_language_order_is_part_of_the_key() -> None:
    # a page read Russian-first is another result than the same page read Ukrainian-first
    page = _page("a")
    assert page_key(page, "rus+ukr+eng") != page_key(page, "ukr+rus+eng")
    assert page_key(page, "rus+ukr+eng") == page_key(page, "rus+ukr+eng")
