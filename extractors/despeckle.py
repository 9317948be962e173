"""Removal of one-pixel specks before OCR: a dark pixel with no dark neighbour turns white, a
light pixel inside ink turns dark.

Why: measured on skewed, noisy synthetic scans (bench/results/ocr_cer.md, 2026-11-29), most of
Tesseract's remaining errors on Russian pages were not letters of the wrong language but marks
it read from specks: "‘" or "." glued to words, a lone "|" or ":", and Latin look-alikes
("Tex" for "тех") on noisy words. Removing lone pixels took Russian pages without a hint from a
worst 2.2% CER to 0.3% and changed no clean page. Only single pixels are touched: a period, the
dot of "і" or a diacritic covers several pixels at 200 dpi and more, so it stays. Pure PIL (a 3x3
neighbour count from a box blur), no numpy in the OCR path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

INK = 128  # grey levels below this are ink
_MARK = 112  # an ink pixel in the mask; a 3x3 box mean of marks is 12.4 per ink pixel in it
# mask + its 3x3 mean: an ink pixel alone is 112 + 12.4 = 124; a paper pixel with 8 ink
# neighbours is 8 x 12.4 = 100; every other pixel is at least 12 away (box blur rounds by 1)
_ALONE = range(122, 128)
_WALLED = range(97, 103)


def despeckle(gray: Image.Image) -> Image.Image:
    """A copy of the grey ("L") page with lone ink pixels white and lone paper pixels black.

    ~0.13 s on an A4 page at 300 dpi (the 3x3 box blur is most of it).
    """
    from PIL import ImageChops, ImageFilter

    ink = gray.point(lambda v: _MARK if v < INK else 0)
    key = ImageChops.add(ink.filter(ImageFilter.BoxBlur(1)), ink)
    out = gray.copy()
    out.paste(255, mask=key.point(lambda v: 255 if v in _ALONE else 0, "1"))
    out.paste(0, mask=key.point(lambda v: 255 if v in _WALLED else 0, "1"))
    return out
