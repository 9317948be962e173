"""Removal of one-pixel specks before OCR: a dark pixel with no dark neighbour turns white, a
light pixel inside ink turns dark.

Why: measured on skewed, noisy synthetic scans (bench/results/ocr_cer.md, 2026-11-29), most of
Tesseract's remaining errors on Russian pages were not letters of the wrong language but marks
it read from specks: "‘" or "." glued to words, a lone "|" or ":", and Latin look-alikes
("Tex" for "тех") on noisy words. Removing lone pixels took Russian pages without a hint from a
worst 2.2% CER to 0.3% and changed no clean page. Only single pixels are touched: a period, the
dot of "і" or a diacritic covers several pixels at 200 dpi and more, so it stays.

How: the ink mask is packed one bit a pixel (PIL mode "1") and each row read as one Python
integer, so a pixel's eight neighbours are shifts and ORs of three row integers: about a third
of the CPU of the 3x3 box blur this replaced, pixel for pixel the same result (the page's edge
pixels count themselves as their outside neighbours, as the blur's clamped edges did; a test
compares the two on random pages). Pure PIL and integers, no numpy in the OCR path.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

INK = 128  # grey levels below this are ink


def despeckle(gray: Image.Image) -> Image.Image:
    """A copy of the grey ("L") page with lone ink pixels white and lone paper pixels black.

    Lone ink: none of its 8 neighbours is ink. Lone paper: all 8 are ink. About 0.04 s on an A4
    page at 300 dpi.
    """
    from PIL import Image as PILImage

    width, height = gray.size
    out = gray.copy()
    if width == 0 or height == 0:
        return out
    stride = (width + 7) // 8
    bits = stride * 8
    first = 1 << (bits - 1)  # pixel 0 of a row: the most significant bit
    last = 1 << (bits - width)  # pixel width-1
    full = (1 << bits) - 1
    valid = full ^ (last - 1)  # the row's pixels, not its padding
    packed = gray.point(lambda v: 255 if v < INK else 0, "1").tobytes()
    rows = [int.from_bytes(packed[i : i + stride], "big") for i in range(0, len(packed), stride)]
    # a row's left and right neighbours, the edge pixel standing in for the one outside
    lefts = [(r >> 1) | (r & first) for r in rows]
    rights = [((r << 1) & full) | (r & last) for r in rows]
    alone = bytearray()
    walled = bytearray()
    found = False
    for i, row in enumerate(rows):
        up = max(i - 1, 0)
        down = min(i + 1, height - 1)
        sides = (
            lefts[i],
            rights[i],
            rows[up],
            lefts[up],
            rights[up],
            rows[down],
            lefts[down],
            rights[down],
        )
        anyone = sides[0] | sides[1] | sides[2] | sides[3] | sides[4] | sides[5] | sides[6]
        everyone = sides[0] & sides[1] & sides[2] & sides[3] & sides[4] & sides[5] & sides[6]
        lone_ink = row & ~(anyone | sides[7])
        lone_paper = ~row & valid & everyone & sides[7]
        found = found or bool(lone_ink or lone_paper)
        alone += lone_ink.to_bytes(stride, "big")
        walled += lone_paper.to_bytes(stride, "big")
    if found:
        out.paste(255, mask=PILImage.frombytes("1", (width, height), bytes(alone)))
        out.paste(0, mask=PILImage.frombytes("1", (width, height), bytes(walled)))
    return out
