"""What sestry draws on released pages (labelled boxes, Bates stamps) and how re-OCR ignores it.

Every box is recorded with its rectangle and label in `pages/<doc_id>/marks.json`, and drawing is
deterministic (`render_box`). Before a page is OCRed again (recheck, validation), each recorded
box whose pixels are *exactly* a fresh rendering of that box is whitened (`check_image`): the OCR
then reads neither the label nor anything else there, because there is nothing else there. A box
whose pixels differ (a name drawn over it) is OCRed as it is. Where pixels cannot be compared (a
PDF that is not the rebuild of its PNG pages), a word is dropped only when it lies inside a
recorded rectangle and reads like the string drawn there (`without_drawn`). Nothing here logs
text.
"""

from __future__ import annotations

import difflib
import json
import re
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PIL import Image, ImageDraw, ImageFont

from sestry.core.errors import MissingDependency
from sestry.extractors.base import Word

FONT_PATHS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",  # Debian fonts-dejavu-core
    "/usr/share/fonts/dejavu/DejaVuSans-Bold.ttf",
)
MARKS_FILE = "marks.json"
MARKS_FORMAT = "sestry-page-marks/1"
MIN_FONT_PX = 9
FILL = 0  # opaque black: high contrast on grey scans (light grey boxes almost vanished)
INK = 255  # the label, white on black
PAPER = 255  # what a verified box becomes in the image re-OCR reads
SIMILAR = 0.6  # difflib ratio above which an OCR word reads as (part of) the drawn string
_ALNUM = re.compile(r"[^\W_]", re.UNICODE)
_FONTS = threading.local()


@dataclass(frozen=True)
class Drawn:
    """A rectangle sestry painted (left, top, right, bottom, page pixels) and the text in it."""

    left: int
    top: int
    right: int
    bottom: int
    text: str


def font(size: int) -> ImageFont.FreeTypeFont:
    """DejaVu Sans Bold (has Cyrillic) at `size` px; MissingDependency without fonts-dejavu-core.

    One font object per thread and size: pages are painted and checked in worker threads, and a
    FreeType face is not to be shared between threads.
    """
    cache: dict[int, ImageFont.FreeTypeFont] = _FONTS.__dict__.setdefault("by_size", {})
    if size not in cache:
        path = next((p for p in FONT_PATHS if Path(p).is_file()), None)
        if path is None:
            raise MissingDependency("DejaVu fonts missing: apt-get install fonts-dejavu-core")
        cache[size] = ImageFont.truetype(path, size)
    return cache[size]


def short_label(replacement: str) -> str:
    """The shorter form of a replacement: `[LOC: Львівська обл.]` → `[LOC]`; else unchanged."""
    match = re.fullmatch(r"\[([A-Z_]+)[:\]].*", replacement, re.DOTALL)
    return f"[{match.group(1)}]" if match else replacement


def fit_label(text: str, width: int, height: int) -> tuple[str, int] | None:
    """The label and font size that fit a `width` x `height` box: the full text, else its short
    form, each at the largest size ≥ MIN_FONT_PX; None when neither fits (the box stays plain)."""
    top = max(MIN_FONT_PX, int(height * 0.7))
    for candidate in dict.fromkeys((text, short_label(text))):
        if not candidate:
            continue
        for size in range(top, MIN_FONT_PX - 1, -1):
            face = font(size)
            left, upper, right, lower = face.getbbox(candidate)
            if right - left <= width - 2 and lower - upper <= height - 2:
                return candidate, size
    return None


def render_box(mode: str, width: int, height: int, label: str) -> Image.Image:
    """The pixels of one box: opaque FILL with `label` (already fitted, may be "") centred."""
    colour = (lambda v: v) if mode == "L" else (lambda v: (v, v, v))
    patch = Image.new(mode, (max(1, width), max(1, height)), colour(FILL))
    if label:
        fitted = fit_label(label, width, height)
        if fitted is not None:
            ImageDraw.Draw(patch).text(
                (width / 2, height / 2),
                fitted[0],
                fill=colour(INK),
                font=font(fitted[1]),
                anchor="mm",
            )
    return patch


def check_image(image: Image.Image, drawn: Iterable[Drawn]) -> Image.Image:
    """`image` with every box that is exactly as sestry drew it turned to plain paper: what the
    leak checks OCR. A box whose pixels differ from a fresh rendering stays as it is."""
    mode = image.mode if image.mode in ("L", "RGB") else "RGB"
    out = image.convert(mode) if image.mode != mode else image.copy()
    blank = (lambda: PAPER) if mode == "L" else (lambda: (PAPER,) * 3)
    for box in drawn:
        rect = (box.left, box.top, box.right, box.bottom)
        if not (0 <= box.left < box.right <= out.width and 0 <= box.top < box.bottom):
            continue
        if box.bottom > out.height:
            continue
        expected = render_box(mode, box.right - box.left, box.bottom - box.top, box.text)
        if out.crop(rect).tobytes() == expected.tobytes():
            out.paste(blank(), rect)
    return out


def visible_text(text: str, words: Sequence[Word], dropped: set[int]) -> str:
    """`text` with the dropped words blanked (same length: offsets and hits stay valid)."""
    if not dropped:
        return text
    chars = list(text)
    for index in dropped:
        word = words[index]
        chars[word.start : word.end] = " " * (word.end - word.start)
    return "".join(chars)


def without_drawn(
    text: str, words: Sequence[Word], drawn: Iterable[Drawn], scale: float = 1.0
) -> str:
    """OCR text of a page minus exactly the text sestry drew on it."""
    boxes = [d for d in drawn if d.text]
    if not boxes:
        return text
    dropped: set[int] = set()
    for index, word in enumerate(words):
        cx = (word.left + word.width / 2) / scale
        cy = (word.top + word.height / 2) / scale
        for box in boxes:
            if box.left <= cx <= box.right and box.top <= cy <= box.bottom:
                if _reads_as(text[word.start : word.end], box.text):
                    dropped.add(index)
                break
    return visible_text(text, words, dropped)


def _reads_as(word: str, drawn: str) -> bool:
    """True when an OCR word is (a misread of) a token of the drawn string, or punctuation."""
    folded = word.casefold().strip()
    if not _ALNUM.search(folded):
        return True  # "[", "·", "|": no letters, nothing to leak
    tokens = [t.casefold() for t in drawn.split()] + [drawn.casefold().replace(" ", "")]
    for token in tokens:
        if folded in token:
            return True
        if difflib.SequenceMatcher(None, folded, token).ratio() >= SIMILAR:
            return True
    return False


# --- marks.json: what was drawn on each page of a document -----------------------------------


def marks_json(pages: Mapping[int, Mapping[str, Any]]) -> dict[str, Any]:
    """The marks file's content: per page, its size, the labelled boxes and the stamp (if any)."""
    return {"format": MARKS_FORMAT, "pages": {str(n): dict(p) for n, p in sorted(pages.items())}}


def page_marks(size: tuple[int, int], drawn: Iterable[Drawn]) -> dict[str, Any]:
    """One page's entry: its size and every box drawn ("" for a box too small for its label)."""
    return {
        "width": size[0],
        "height": size[1],
        "boxes": [[d.left, d.top, d.right, d.bottom, d.text] for d in drawn],
        "stamp": None,
    }


def read_marks(path: Path) -> dict[int, dict[str, Any]]:
    """Page number → entry of a marks file; {} when absent. ValueError when malformed."""
    if not path.is_file():
        return {}
    data = json.loads(path.read_bytes())
    if not isinstance(data, dict) or data.get("format") != MARKS_FORMAT:
        raise ValueError("not a marks file")
    return {int(n): dict(p) for n, p in data["pages"].items()}


def drawn_of(entry: Mapping[str, Any]) -> list[Drawn]:
    """The boxes of one page entry (without the stamp band; see `stamp_of`)."""
    return [Drawn(int(a), int(b), int(c), int(d), str(t)) for a, b, c, d, t in entry["boxes"]]


def stamp_of(entry: Mapping[str, Any]) -> Drawn | None:
    """The stamp band of one page entry as a rectangle reaching the page's bottom, or None."""
    stamp = entry.get("stamp")
    if not stamp:
        return None
    return Drawn(0, int(stamp["top"]), int(entry["width"]), 10**9, str(stamp["text"]))
