"""Lone-pixel specks go before OCR; dots, strokes and clean text stay pixel for pixel."""

from __future__ import annotations

import random

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


def _box_blur_reference(gray: Image.Image) -> Image.Image:
    """The first despeckling (2026-11-29), kept as the definition the bit version must match:
    a 3x3 box blur of the ink mask added to it; alone = 122..127, walled = 97..102."""
    from PIL import ImageFilter

    ink = gray.point(lambda v: 112 if v < 128 else 0)
    key = ImageChops.add(ink.filter(ImageFilter.BoxBlur(1)), ink)
    out = gray.copy()
    out.paste(255, mask=key.point(lambda v: 255 if 122 <= v < 128 else 0, "1"))
    out.paste(0, mask=key.point(lambda v: 255 if 97 <= v < 103 else 0, "1"))
    return out


def test_same_pixels_as_the_box_blur_definition_edges_included() -> None:
    rng = random.Random(20261129)
    changed = 0
    for _ in range(200):
        size = (rng.randint(1, 37), rng.randint(1, 23))
        share = rng.choice((0.03, 0.2, 0.5, 0.8, 0.97))
        page = Image.new("L", size)
        page.putdata(
            [
                rng.choice((0, 90, 127)) if rng.random() < share else rng.choice((128, 200, 255))
                for _ in range(size[0] * size[1])
            ]
        )
        want = _box_blur_reference(page)
        assert ImageChops.difference(despeckle(page), want).getbbox() is None, size
        changed += ImageChops.difference(want, page).getbbox() is not None
    assert changed > 50  # the pages did have specks and holes to remove


def test_same_pixels_as_the_box_blur_definition_on_a_noisy_page() -> None:
    clean, _ = render_page(["Съёмка велась тайно, і це все."], dpi=200)
    noisy = degrade(clean, skew_deg=2.0, noise=0.01, seed=9).convert("L")
    want = _box_blur_reference(noisy)
    assert ImageChops.difference(want, noisy).getbbox() is not None
    assert ImageChops.difference(despeckle(noisy), want).getbbox() is None
