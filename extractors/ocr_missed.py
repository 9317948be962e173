"""Lines of ink tesseract's page layout left out: found, so they are read again on their own.

Why: tesseract's automatic page segmentation can drop a whole clean text line. On held-out set
8 it dropped the first line of a paragraph ("Видана <name>, <date of birth>, РНОКПП <number>,
в"): a name and a tax number neither recognised nor boxed, so neither redacted in the text nor
blacked out on the page image. Read as one block (`--psm 6`) the same line comes back exact.

How (pure PIL): the share of ink in each row of the page tesseract read, against the rows its
word boxes cover. A run of rows with ink (at least a median word height of ink pixels a row)
that no word box touches, at least half a median word high and not mostly ink inside its inked
box (a redaction bar, a photo: text is a third ink or less), is a missed band; `ocr.py` reads
each band again as a block and keeps what it reads when tesseract's mean confidence there is at
least MIN_CONFIDENCE (a stamp, a photo or a signature read as text gives low confidence). Thin
runs (a rule, a table line) are lower than half a word and never a band. Never logs text.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

INK = 128  # grey levels below this are ink (as despeckle.py)
MIN_HEIGHT = 0.5  # a missed band is at least this share of the median word height
PAD = 0.3  # rows of paper added above and below a band when it is read again
MIN_CONFIDENCE = 60  # a band read again is kept at this mean word confidence or more
MAX_INK = 0.5  # a band whose inked box is more ink than this is a bar or a photo, not text
_INK_LUT = [255 if v < INK else 0 for v in range(256)]  # grey -> ink mask (ink 255)


def missed_bands(data: Mapping[str, list], page: Image.Image) -> list[tuple[int, int]]:
    """(top, bottom) rows of the page with ink no word box covers, padded for a re-read."""
    from PIL import Image as PILImage

    words = [i for i, t in enumerate(data["text"]) if data["level"][i] == 5 and str(t).strip()]
    heights = [int(data["height"][i]) for i in words]
    if not heights:
        return []
    median = statistics.median(heights)
    covered = [False] * page.height
    for i in words:
        top = max(0, int(data["top"][i]))
        for y in range(top, min(page.height, top + int(data["height"][i]) + 1)):
            covered[y] = True
    mask = page.point(_INK_LUT)
    ink = mask.resize((1, page.height), PILImage.BOX)
    inked = [v * page.width / 255 >= median for v in ink.tobytes()]
    bands: list[tuple[int, int]] = []
    start = None
    for y, missed in enumerate([*(i and not c for i, c in zip(inked, covered, strict=True)), 0]):
        if missed and start is None:
            start = y
        elif not missed and start is not None:
            if y - start >= MIN_HEIGHT * median and not _solid(mask, start, y):
                pad = round(PAD * median)
                bands.append((max(0, start - pad), min(page.height, y + pad)))
            start = None
    return bands


def _solid(mask: Image.Image, top: int, bottom: int) -> bool:
    """Whether rows top..bottom are mostly ink inside their inked box: a redaction bar, a photo
    or a filled stamp, which text never is (letters are a third of their box or less)."""
    from PIL import Image as PILImage

    rows = mask.crop((0, top, mask.width, bottom))
    box = rows.getbbox()
    if box is None:
        return True
    share = rows.crop(box).resize((1, 1), PILImage.BOX).tobytes()[0] / 255
    return share > MAX_INK


def merge_band(data: Mapping[str, list], band: Mapping[str, list], top: int) -> dict[str, list]:
    """`data` with the words read on a band (rows `top`... of the page) inserted as their own
    block, in reading order: before the first word that starts below the band's first word."""
    keys = list(data)
    rows = [{k: data[k][i] for k in keys} for i in range(len(data["text"]))]
    block = max((int(b) for b in data["block_num"]), default=0) + 1
    new = [
        {**{k: band[k][i] for k in keys}, "top": int(band["top"][i]) + top, "block_num": block}
        for i in range(len(band["text"]))
        if band["level"][i] == 5 and str(band["text"][i]).strip()
    ]
    if not new:
        return {k: list(v) for k, v in data.items()}
    first = min(int(r["top"]) for r in new)
    at = next(
        (i for i, r in enumerate(rows) if r["level"] == 5 and int(r["top"]) > first), len(rows)
    )
    out = rows[:at] + new + rows[at:]
    return {k: [r[k] for r in out] for k in keys}


def band_confidence(band: Mapping[str, list]) -> float:
    """Mean confidence of the words read on a band (0 when none)."""
    confs = [
        float(c)
        for c, t, lv in zip(band["conf"], band["text"], band["level"], strict=True)
        if lv == 5 and str(t).strip() and float(c) >= 0
    ]
    return sum(confs) / len(confs) if confs else 0.0
