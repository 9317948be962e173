"""Lone-pixel specks go before OCR; dots, strokes and clean text stay pixel for pixel."""

from __future__ import annotations

from PIL import Image, ImageChops

from sestry.extractors.despeckle import despeckle
from tools.synth_scan import degrade, render_page


def _ink(image: Image.Image) -> int:
    return sum(image.histogram()[:128])


def test_lone_pixels_go_dots_and_holes_in_ink_handled() -> None:
    page = Image.new("L", (40, 40), 240)
    page.putpixel((5, 5), 0)  # a speck
    for x, y in ((20, 20), (21, 20), (20, 21), (21, 21)):  # a 2x2 dot: a period at 200 dpi
        page.putpixel((x, y), 10)
    for x in range(28, 34):  # a solid 6x6 block of ink with one white pixel in it
        for y in range(28, 34):
            page.putpixel((x, y), 0)
    page.putpixel((30, 30), 255)
    out = despeckle(page)
    assert out.getpixel((5, 5)) == 255
    assert [out.getpixel(p) for p in ((20, 20), (21, 21))] == [10, 10]
    assert out.getpixel((30, 30)) == 0
    assert _ink(out) == 4 + 36


def test_clean_rendered_text_is_unchanged() -> None:
    clean, _ = render_page(["Їжак, ёж, і. Ъ: 12.05."], dpi=200)
    assert ImageChops.difference(despeckle(clean), clean).getbbox() is None


def test_noise_goes_text_stays() -> None:
    clean, _ = render_page(["Съёмка велась тайно, і це все."], dpi=200)
    noisy = degrade(clean, skew_deg=0.0, noise=0.003, seed=3)
    quiet = degrade(clean, skew_deg=0.0, noise=0.0, seed=3)
    out = despeckle(noisy)
    assert _ink(out) < _ink(noisy)
    assert abs(_ink(out) - _ink(quiet)) < 0.02 * _ink(quiet)
