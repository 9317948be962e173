"""Removal of one-pixel specks before OCR: a dark pixel with no dark neighbour turns white, a
light pixel inside ink turns dark.

Why: measured on skewed, noisy synthetic scans (bench/results/ocr_cer.md, 2026-11-29), most of
Tesseract's remaining errors on Russian pages were not letters of the wrong language but marks
it read from specks: "‘" or "." glued to words, a lone "|" or ":", and Latin look-alikes
("Tex" for "тех") on noisy words. Removing lone pixels took Russian pages without a hint from a
worst 2.2% CER to 0.3% and changed no clean page. Only single pixels are touched: a period, the
dot of "і" or a diacritic covers several pixels at 200 dpi and more, so it stays. Pure PIL (a 3x3
neighbour count), no numpy in the OCR path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

INK = 128  # grey levels below this are ink
_UNIT = 28  # 9 x 28 = 252 fits a byte: the 3x3 sum counts ink pixels without overflow


def despeckle(gray: Image.Image) -> Image.Image:
    """A copy of the grey ("L") page with lone ink pixels white and lone paper pixels black."""
    from PIL import ImageChops, ImageFilter

    ink = gray.point(lambda v: _UNIT if v < INK else 0)
    count = ink.filter(ImageFilter.Kernel((3, 3), [1] * 9, scale=1))  # ink pixels in 3x3, x28
    is_ink = ink.point(lambda v: 255 if v else 0, "1")
    is_paper = ink.point(lambda v: 0 if v else 255, "1")
    alone = count.point(lambda v: 255 if v == _UNIT else 0, "1")  # itself the only ink
    walled = count.point(lambda v: 255 if v == 8 * _UNIT else 0, "1")  # all 8 around are ink
    out = gray.copy()
    out.paste(255, mask=ImageChops.logical_and(is_ink, alone))
    out.paste(0, mask=ImageChops.logical_and(is_paper, walled))
    return out
