"""Image redaction: opaque boxes over the OCR words of redacted entities, then an OCR recheck.

The boxes come from the `words` table (presidio-image-redactor's OCR → boxes → pixels design),
measured on the very pixels `extractors.pages.render_pages` yields. A redacted span that no word
box covers cannot be located, so its whole page (or, if even the page is unknown, every page) is
blanked: fail closed. Nothing here logs text.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw

from sestry.redaction.terms import TermMatcher, as_int

# Opaque, uniform light grey: the pixels under a box are gone just as with black, but Tesseract
# binarises it to background, so the rest of the page (and every recheck) still OCRs well; solid
# black boxes made Tesseract misread the words next to them (see docs/redaction.md).
FILL = 200
PAD_MIN = 3
PAD_RATIO = 0.2


@dataclass(frozen=True)
class Box:
    """A rectangle in page pixels: left, top, width, height."""

    left: int
    top: int
    width: int
    height: int


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
) -> PagePlan:
    """Boxes of every word overlapping a redacted character range [start, end)."""
    ordered = sorted(words, key=lambda w: as_int(w["start"]))
    starts = [as_int(w["start"]) for w in ordered]
    boxes: dict[int, list[Box]] = {}
    blank: set[int] = set()
    blank_all = False
    for start, end in ranges:
        index = max(bisect.bisect_right(starts, start) - 1, 0)
        found = False
        while index < len(ordered) and as_int(ordered[index]["start"]) < end:
            word = ordered[index]
            if as_int(word["end"]) > start:
                boxes.setdefault(as_int(word["page"]), []).append(_box(word))
                found = True
            index += 1
        if not found:
            page = _page_of(start, ordered, starts, segments)
            if page is None:
                blank_all = True
            else:
                blank.add(page)
    return PagePlan(boxes, frozenset(blank), blank_all)


def paint(image: Image.Image, boxes: Iterable[Box], blank: bool = False) -> Image.Image:
    """A copy of `image` with opaque boxes (padded) or entirely filled."""
    out = image.convert("RGB") if image.mode not in ("L", "RGB") else image.copy()
    draw = ImageDraw.Draw(out)
    fill: int | tuple[int, int, int] = FILL if out.mode == "L" else (FILL, FILL, FILL)
    if blank:
        draw.rectangle((0, 0, out.width, out.height), fill=fill)
        return out
    for box in boxes:
        pad = max(PAD_MIN, int(box.height * PAD_RATIO))
        draw.rectangle(
            (
                max(0, box.left - pad),
                max(0, box.top - pad),
                min(out.width, box.left + box.width + pad),
                min(out.height, box.top + box.height + pad),
            ),
            fill=fill,
        )
    return out


def redact_pages(images: Iterable[Image.Image], plan: PagePlan) -> list[Image.Image]:
    """Apply a plan to page images in order (page 1 first)."""
    return [
        paint(
            image,
            plan.boxes.get(number, ()),
            blank=plan.blank_all or number in plan.blank_pages,
        )
        for number, image in enumerate(images, start=1)
    ]


def recheck_page(
    image: Image.Image, matcher: TermMatcher, languages: str, rounds: int = 2
) -> tuple[Image.Image, int]:
    """OCR a redacted page again and box any word that still matches a leak term.

    Returns the (possibly further painted) image and how many words were boxed. Validation
    OCRs the written page once more; this pass only catches what the original OCR split
    differently.
    """
    from sestry.extractors.ocr import ocr_image

    boxed = 0
    for _ in range(rounds):
        text, words, _conf = ocr_image(image, languages)
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


def _box(word: Mapping[str, object]) -> Box:
    return Box(
        as_int(word["left"]), as_int(word["top"]), as_int(word["width"]), as_int(word["height"])
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
