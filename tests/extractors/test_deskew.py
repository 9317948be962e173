"""Skew detection, straightening before OCR, and boxes mapped back to the page as given."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from sestry.extractors.deskew import _pil_rotate_matrix, deskew, detect_skew
from sestry.extractors.ocr import ocr_page


def _tilted(samples: Path, degrees: float) -> Image.Image:
    page = Image.open(samples / "scan_uk_clean.png").convert("L")
    return page.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)


@pytest.mark.parametrize("degrees", [-4.0, -2.5, 1.5, 3.4])
def test_detects_the_angle_that_levels_the_lines(samples: Path, degrees: float) -> None:
    angle, gain = detect_skew(_tilted(samples, degrees))
    assert angle == pytest.approx(-degrees, abs=0.3)
    assert gain > 1.15


def test_level_and_blank_pages_are_left_alone(samples: Path) -> None:
    assert deskew(Image.open(samples / "scan_uk_clean.png")) is None
    assert deskew(Image.new("L", (800, 600), 255)) is None


def test_matrix_maps_rotated_pixels_back() -> None:
    image = Image.new("L", (400, 300), 255)
    image.putpixel((100, 50), 0)
    rotated = image.rotate(3.0, expand=True, fillcolor=255, resample=Image.Resampling.NEAREST)
    a, b, c, d, e, f = _pil_rotate_matrix(image.size, 3.0)
    (x, y) = next(
        (x, y)
        for x in range(rotated.width)
        for y in range(rotated.height)
        if rotated.getpixel((x, y)) < 128
    )
    assert (a * x + b * y + c, d * x + e * y + f) == pytest.approx((100.5, 50.5), abs=1.0)


@pytest.mark.ocr
def test_skewed_page_is_read_and_boxes_land_on_its_ink(samples: Path, cer, expected) -> None:
    page = _tilted(samples, -3.4)  # the direction tesseract alone fails on
    straight = ocr_page(page, "ukr+rus+eng")
    raw = ocr_page(page, "ukr+rus+eng", straighten=False)
    sentence = expected["scan_uk_clean.png"]["sentences"][0]
    assert straight.skew == pytest.approx(3.4, abs=0.3)
    assert cer(sentence, straight.text) <= 0.02
    assert cer(sentence, straight.text) <= cer(sentence, raw.text)
    for word in straight.words:
        assert word.left + word.width <= page.width
        assert word.top + word.height <= page.height
        box = page.crop((word.left, word.top, word.left + word.width, word.top + word.height))
        assert box.getextrema()[0] < 128  # ink inside every mapped-back box
