"""Image redaction: opaque labelled boxes over the OCR words of redacted entities, an OCR recheck.

The boxes come from the `words` table (presidio-image-redactor's OCR → boxes → pixels design),
measured on the very pixels `extractors.pages.render_pages` yields. A redacted span that no word
box covers cannot be located, so its whole page (or, if even the page is unknown, every page) is
blanked: fail closed. Each box carries the entity's replacement (pseudonym or `[LABEL]`, as in
the text table) in white on black, so a prosecutor can tell a witness's box from a call sign's;
what is drawn is returned (`Drawn`) so that re-OCR ignores exactly that text. Nothing here logs
text.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PIL import Image, ImageDraw

from sestry.redaction.drawn import FILL, Drawn, check_image, fit_label, render_box
from sestry.redaction.terms import TermMatcher, as_int

if TYPE_CHECKING:
    from sestry.extractors.ocr_cache import OcrCache

# Boxes are opaque black with a white label (`redaction.drawn.FILL`/`INK`): high contrast on grey
# scans. Re-OCR reads a copy where each box still exactly as drawn is plain paper (check_image).
PAD_MIN = 3
PAD_RATIO = 0.2


@dataclass(frozen=True)
class Box:
    """A rectangle in page pixels: left, top, width, height."""

    left: int
    top: int
    width: int
    height: int
    label: str = ""  # drawn inside the box: the replacement as the text table releases it


@dataclass(frozen=True)
class PagePlan:
    """What to paint: boxes per page (1-based), pages to blank entirely."""

    boxes: dict[int, list[Box]]
    blank_pages: frozenset[int]
    blank_all: bool


def plan_boxes(
    words: Sequence[Mapping[str, object]],
    ranges: Iterable[tuple[int, int]],
    segments: Sequence[Mapping[str, object]] = (),
    labels: Sequence[str] = (),
) -> PagePlan:
    """Boxes over every word overlapping a redacted character range [start, end): the words of
    one range on one line become one box, labelled `labels[i]` (the range's replacement)."""
    ordered = sorted(words, key=lambda w: as_int(w["start"]))
    starts = [as_int(w["start"]) for w in ordered]
    boxes: dict[int, list[Box]] = {}
    blank: set[int] = set()
    blank_all = False
    for number, (start, end) in enumerate(ranges):
        label = labels[number] if number < len(labels) else ""
        index = max(bisect.bisect_right(starts, start) - 1, 0)
        found = False
        hit: dict[int, list[Box]] = {}
        while index < len(ordered) and as_int(ordered[index]["start"]) < end:
            word = ordered[index]
            if as_int(word["end"]) > start:
                hit.setdefault(as_int(word["page"]), []).append(_box(word, label))
                found = True
            index += 1
        for page, line_boxes in hit.items():
            boxes.setdefault(page, []).extend(_per_line(line_boxes))
        if not found:
            page = _page_of(start, ordered, starts, segments)
            if page is None:
                blank_all = True
            else:
                blank.add(page)
    return PagePlan(boxes, frozenset(blank), blank_all)


def paint(image: Image.Image, boxes: Iterable[Box], blank: bool = False) -> Image.Image:
    """A copy of `image` with opaque labelled boxes (padded) or entirely filled."""
    return paint_drawn(image, boxes, blank)[0]


def paint_drawn(
    image: Image.Image, boxes: Iterable[Box], blank: bool = False
) -> tuple[Image.Image, list[Drawn]]:
    """`paint`, plus every rectangle painted with the label text drawn in it ("" when none fit)."""
    out = image.convert("RGB") if image.mode not in ("L", "RGB") else image.copy()
    fill: int | tuple[int, int, int] = FILL if out.mode == "L" else (FILL, FILL, FILL)
    if blank:
        ImageDraw.Draw(out).rectangle((0, 0, out.width, out.height), fill=fill)
        return out, []
    drawn: list[Drawn] = []
    for box in boxes:
        pad = max(PAD_MIN, int(box.height * PAD_RATIO))
        rect = (
            max(0, box.left - pad),
            max(0, box.top - pad),
            min(out.width, box.left + box.width + pad),
            min(out.height, box.top + box.height + pad),
        )
        width, height = rect[2] - rect[0], rect[3] - rect[1]
        fitted = fit_label(box.label, width, height) if box.label else None
        label = fitted[0] if fitted else ""
        out.paste(render_box(out.mode, width, height, label), rect[:2])
        drawn.append(Drawn(*rect, label))
    return out, drawn


def recheck_page(
    image: Image.Image,
    matcher: TermMatcher,
    languages: str,
    rounds: int = 2,
    *,
    drawn: Sequence[Drawn] = (),
    cache: OcrCache | None = None,
) -> tuple[Image.Image, int]:
    """OCR a redacted page again and box any word that still matches a leak term.

    Returns the (possibly further painted) image and how many words were boxed. The boxes sestry
    drew (`drawn`), still exactly as drawn, read as paper (`check_image`), nothing else. With
    `cache`, the OCR of the final pixels is kept, so validation of the same page does not OCR it
    again.
    """
    if cache is None:
        from sestry.extractors.ocr_cache import OcrCache

        cache = OcrCache(None)
    boxed = 0
    for _ in range(rounds):
        text, words, _conf = cache.ocr(check_image(image, drawn), languages)
        hits = matcher.find(text)
        if not hits:
            break
        rows = [
            {
                "start": w.start,
                "end": w.end,
                "page": 1,
                "left": w.left,
                "top": w.top,
                "width": w.width,
                "height": w.height,
            }
            for w in words
        ]
        plan = plan_boxes(rows, [(h.start, h.end) for h in hits])
        if plan.blank_all or plan.blank_pages:
            return paint(image, (), blank=True), boxed + len(hits)
        image = paint(image, plan.boxes.get(1, ()))
        boxed += len(plan.boxes.get(1, ()))
    return image, boxed


def _per_line(boxes: list[Box]) -> list[Box]:
    """Boxes of one range's words merged per line (a word whose middle is within the previous
    box's height and that starts to its right continues the line)."""
    merged: list[Box] = []
    for box in boxes:
        last = merged[-1] if merged else None
        middle = box.top + box.height / 2
        if last and last.top <= middle <= last.top + last.height and box.left >= last.left:
            top = min(last.top, box.top)
            bottom = max(last.top + last.height, box.top + box.height)
            right = max(last.left + last.width, box.left + box.width)
            merged[-1] = Box(last.left, top, right - last.left, bottom - top, last.label)
        else:
            merged.append(box)
    return merged


def _box(word: Mapping[str, object], label: str = "") -> Box:
    return Box(
        as_int(word["left"]),
        as_int(word["top"]),
        as_int(word["width"]),
        as_int(word["height"]),
        label,
    )


def _page_of(
    offset: int,
    ordered: Sequence[Mapping[str, object]],
    starts: list[int],
    segments: Sequence[Mapping[str, object]],
) -> int | None:
    for seg in segments:
        page = seg.get("page")
        if page is not None and as_int(seg["start"]) <= offset < as_int(seg["end"]):
            return as_int(page)
    index = bisect.bisect_right(starts, offset) - 1
    if index >= 0:
        return as_int(ordered[index]["page"])
    return None
