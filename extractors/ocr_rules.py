"""Fill-in rules put back into OCR text, lone specks read as marks taken out.

Why: on dense official scans (held-out set 10, bench/results/ocr_cer.md) most of Tesseract's
remaining character errors were not misread letters but layout. A signature or fill-in blank
typed as a run of underscores ("полковник ________ Э. Ю. Сёмочкин") is dropped by Tesseract (it
takes the run for an underline or a rule) or read as "|" and "_" marks; that alone was 1-2.5% of
a short page. And a speck of two by two pixels, which despeckle.py leaves (it removes lone
pixels only, so a period at low resolution survives), comes back as a word "|" or "‚".

How, on tesseract's TSV and the page it read (the straightened grey page, pure PIL):
- a word made only of marks (| _ ‚ , . ' ` and quotes) whose box is at most a quarter of the
  page's median word height both ways is a speck: dropped;
- between two words of a line, and after a line's last word, a gap at least twice the line's
  height is searched in the lower half of the line and just below it: a run of ink columns at
  least that long, thin (its ink in at most a third of the line height of rows) and holding
  nothing else (no letter a word was missed for), is a blank. It becomes a word of underscores,
  one per character pitch of the line (its words' width over their characters), with no
  confidence (it was measured, not read); "|" and "_" marks read on it are dropped and
  underscores glued to a neighbouring word are cut off. A table rule runs under the words, so it
  is never in a gap and never taken for a blank.
Never logs or raises with text.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL import Image

INK = 128  # grey levels below this are ink (as despeckle.py)
MARKS = frozenset("|_‚,.'`‘’\"")  # what a speck is read as
ON_RULE = frozenset("|_")  # what tesseract reads on a blank rule
SPECK_SHARE = 0.25  # a speck's box: at most this share of the median word height both ways
MIN_RULE = 2.0  # a blank is at least this many line heights long
MAX_THICK = 1 / 3  # and its ink at most this share of the line height in rows
TRAIL_START = 1.5  # a blank after a line's last word starts within this many line heights
TRAIL_SPAN = 40  # and is searched this many line heights to the right at most
UNDERSCORE = 0.85  # an underscore's advance over a line's mean character pitch (see _merge)
HOLE = 2  # ink columns this far apart (px) are one run: noise may break a rule
Row = dict[str, object]
_INK_LUT = [255 if v < INK else 0 for v in range(256)]  # grey -> ink mask (ink 255)


def tidy(data: Mapping[str, list], page: Image.Image) -> dict[str, list]:
    """TSV columns with specks dropped and blanks added as underscore words (see module)."""
    keys = list(data)
    rows: list[Row] = [{k: data[k][i] for k in keys} for i in range(len(data["text"]))]
    words = [r for r in rows if _is_word(r)]
    heights = [int(r["height"]) for r in words if _has_alnum(r)]  # type: ignore[call-overload]
    if not heights:
        return {k: list(v) for k, v in data.items()}
    median = statistics.median(heights)
    rows = [r for r in rows if not _is_speck(r, median)]
    out: list[Row] = []
    line: list[Row] = []
    for row in rows:
        if line and (not _is_word(row) or _line_key(row) != _line_key(line[0])):
            out.extend(_with_blanks(line, page))
            line = []
        if _is_word(row):
            line.append(row)
        else:
            out.append(row)
    out.extend(_with_blanks(line, page))
    return {k: [r[k] for r in out] for k in keys}


def _is_word(row: Row) -> bool:
    return int(row["level"]) == 5 and bool(str(row["text"]).strip())  # type: ignore[call-overload]


def _has_alnum(row: Row) -> bool:
    return any(c.isalnum() for c in str(row["text"]))


def _line_key(row: Row) -> tuple[object, ...]:
    return row["block_num"], row["par_num"], row["line_num"]


def _is_speck(row: Row, median: float) -> bool:
    """A word of marks only, in a box a quarter of a median word's height or less both ways."""
    if not _is_word(row) or not set(str(row["text"]).strip()) <= MARKS:
        return False
    limit = SPECK_SHARE * median
    return int(row["width"]) <= limit and int(row["height"]) <= limit  # type: ignore[call-overload]


def _box(row: Row) -> tuple[int, int, int, int]:
    """(left, top, right, bottom)."""
    left, top = int(row["left"]), int(row["top"])  # type: ignore[call-overload]
    return left, top, left + int(row["width"]), top + int(row["height"])  # type: ignore[call-overload]


def _with_blanks(line: list[Row], page: Image.Image) -> list[Row]:
    """The line's words with its blanks added (and the marks read on them dropped)."""
    anchors = [r for r in line if _has_alnum(r)]
    if not anchors:
        return line
    boxes = [_box(r) for r in anchors]
    height = statistics.median(b[3] - b[1] for b in boxes)
    top = statistics.median(b[1] for b in boxes)
    bottom = max(b[3] for b in boxes)
    band = (round(top + height / 2), round(bottom + 0.6 * height))
    chars = sum(len(str(r["text"])) for r in anchors)
    pitch = sum(b[2] - b[0] for b in boxes) / max(chars, 1)
    blanks: list[tuple[int, int, int, int]] = []
    for i, box in enumerate(boxes):
        last = i + 1 == len(boxes)
        right = min(page.width, box[2] + round(TRAIL_SPAN * height)) if last else boxes[i + 1][0]
        found = _blank(page, box[2] + 1, right - 1, band, height)
        if not found or (last and found[0] - box[2] > TRAIL_START * height):
            continue
        flanks = [box] if last else [box, boxes[i + 1]]
        if not any(_underlined(page, found, b) for b in flanks):
            blanks.append(found)
    if not blanks:
        return line
    return _merge(line, blanks, pitch)


def _blank(
    page: Image.Image, left: int, right: int, band: tuple[int, int], height: float
) -> tuple[int, int, int, int] | None:
    """The top-most thin horizontal ink run in page[band, left:right] long enough to be a
    blank, as (left, top, width, thickness); None when there is none."""
    y0, y1 = max(0, band[0]), min(page.height, band[1])
    least = MIN_RULE * height
    if right - left < least or y1 - y0 < 1:
        return None
    mask = page.crop((left, y0, right, y1)).point(_INK_LUT)
    inside = mask.getbbox()  # C speed: most gaps (a line's end, the margin) hold no ink
    if inside is None or inside[2] - inside[0] < least:
        return None
    left, y0 = left + inside[0], y0 + inside[1]
    crop = mask.crop(inside)
    width = crop.width
    ink = [v > 0 for v in crop.tobytes()]
    rows = [ink[y * width : (y + 1) * width] for y in range(crop.height)]
    runs = [_longest_run(row) for row in rows]
    ruled = [y for y, run in enumerate(runs) if run[1] - run[0] + 1 >= least]
    if not ruled:
        return None
    first = last = ruled[0]
    while last + 1 < len(runs) and last + 1 in ruled:
        last += 1
    if last - first + 1 > max(2, MAX_THICK * height):
        return None  # a bar or a filled box, not a typed blank
    x0 = min(runs[y][0] for y in range(first, last + 1))
    x1 = max(runs[y][1] for y in range(first, last + 1))
    stray = sum(sum(row[x0 : x1 + 1]) for row in rows[:first])
    if stray > (x1 - x0 + 1) // 4:
        return None  # ink above the run: a missed letter or word, not a bare rule
    return left + x0, y0 + first, x1 - x0 + 1, last - first + 1


def _underlined(page: Image.Image, rule: tuple[int, int, int, int], word: tuple[int, ...]) -> bool:
    """Whether the rule's rows run on under half the word or more: a table or underline rule
    under a whole row, not a blank between words."""
    _, top, _, thick = rule
    crop = page.crop((word[0], top, word[2], top + thick))
    if crop.width < 1:
        return False
    ink = crop.tobytes()
    return any(
        2 * sum(v < INK for v in ink[y * crop.width : (y + 1) * crop.width]) >= crop.width
        for y in range(crop.height)
    )


def _longest_run(row: list[bool]) -> tuple[int, int]:
    """(first, last) column of the row's longest ink run, holes of HOLE px bridged; (0, -1)
    when the row has no ink."""
    best = (0, -1)
    start = end = -1
    for x, has in enumerate(row):
        if not has:
            continue
        if start < 0 or x - end > HOLE + 1:
            start = x
        end = x
        if end - start > best[1] - best[0]:
            best = (start, end)
    return best


def _merge(line: list[Row], blanks: list[tuple[int, int, int, int]], pitch: float) -> list[Row]:
    """Words and blanks in reading order; marks on a blank dropped, underscores glued cut.

    A blank's underscores: its length over the advance of one underscore, taken as 0.85 of the
    line's mean character pitch (an underscore is half an em in the usual document faces,
    Times, Arial, DejaVu, Liberation; running text averages about 0.55-0.6 em a character)."""
    kept: list[Row] = []
    for row in line:
        left, _, right, _ = _box(row)
        on = [b for b in blanks if left <= b[0] + b[2] + HOLE and right + HOLE >= b[0]]
        text = str(row["text"])
        if on and set(text.strip()) <= ON_RULE:
            continue
        if on and text.strip("_") != text:
            row = {**row, "text": text.strip("_")}
        kept.append(row)
    template = line[0]
    for left, top, width, thick in blanks:
        count = max(1, round(width / (UNDERSCORE * pitch))) if pitch > 0 else 1
        kept.append(
            {
                **template,
                "left": left,
                "top": top,
                "width": width,
                "height": thick,
                "conf": -1,
                "text": "_" * count,
            }
        )
    kept.sort(key=lambda r: int(r["left"]))  # type: ignore[call-overload]
    return kept
