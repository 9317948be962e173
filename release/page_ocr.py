"""The text validation checks on a released page: its re-OCR minus exactly what sestry drew.

A PNG page is OCRed as `redaction.drawn.check_image` makes it: each recorded box still exactly as
drawn reads as paper, anything else is read. With a Bates band (`page_stamp`) that is, pixel for
pixel, the stamp `marks.json` names, only the page area above it is OCRed: the pixels validated
at redaction, so the OCR cache answers and handoff runs no OCR; a band that differs is OCRed with
the page. A PDF that is byte for byte the rebuild of the document's PNG pages
(`page_stamp.pdf_from`) holds the same pixels, so its pages are checked as those PNGs; any other
PDF is rendered and OCRed, words that read as a recorded label or stamp inside its rectangle
ignored. Returns text for the checks only; never logs it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sestry.extractors.ocr_cache import OcrCache
from sestry.redaction.drawn import (
    MARKS_FILE,
    Drawn,
    check_image,
    drawn_of,
    read_marks,
    stamp_of,
    without_drawn,
)
from sestry.release.page_stamp import band_matches, pdf_from

log = logging.getLogger(__name__)
PDF_SCALE = 200 / 72  # rendering of PDF pages that are not the rebuild of the PNG pages


@dataclass(frozen=True)
class PageText:
    """One released page: its number, the text to check (None: unreadable), the labels drawn."""

    number: int
    text: str | None
    labels: str = ""


def is_page_file(path: Path) -> bool:
    """True for files that are released page images (not the marks beside them)."""
    return path.name != MARKS_FILE


def page_texts(path: Path, cache: OcrCache, languages: str) -> list[PageText]:
    """The checked text of every page of a PNG or PDF page file."""
    if path.suffix == ".png":
        return [_png_page(path, cache, languages)]
    if path.suffix == ".pdf":
        pngs = sorted((path.parent / path.stem).glob("page-*.png"))
        if pngs and _is_rebuild(path, pngs):
            return [
                PageText(n, page.text, page.labels)
                for n, page in enumerate((_png_page(p, cache, languages) for p in pngs), 1)
            ]
        return _pdf_pages(path, cache, languages)
    return [PageText(0, None)]


def _png_page(path: Path, cache: OcrCache, languages: str) -> PageText:
    from PIL import Image

    try:
        number = int(path.stem.rsplit("-", 1)[-1])
        with Image.open(path) as opened:
            opened.load()
            image = opened.copy()
    except (OSError, ValueError):
        return PageText(0, None)
    entry = _marks(path.parent).get(number) or {}
    drawn = drawn_of(entry) if entry else []
    stamp = stamp_of(entry) if entry else None
    if stamp is not None:
        if 0 < stamp.top < image.height and band_matches(image, stamp.top, stamp.text):
            image = image.crop((0, 0, image.width, stamp.top))  # the page as redacted
        else:
            log.warning("stamp band of %s is not the stamp recorded; OCRing it", path.name)
    text, _words, _conf = cache.ocr(check_image(image, drawn), languages)
    return PageText(number, text, " ".join(d.text for d in drawn))


def _pdf_pages(path: Path, cache: OcrCache, languages: str) -> list[PageText]:
    import pypdfium2 as pdfium

    from sestry.extractors.pages import PDFIUM_LOCK  # PDFium is not thread-safe

    with PDFIUM_LOCK:
        try:
            document = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError:
            return [PageText(0, None)]
        try:
            images = [page.render(scale=PDF_SCALE).to_pil() for page in document]
        finally:
            document.close()
    marks = _marks(path.parent / path.stem)  # read once for all the PDF's pages
    out = []
    for number, image in enumerate(images, 1):
        entry = marks.get(number)
        drawn: list[Drawn] = drawn_of(entry) if entry else []
        stamp = stamp_of(entry) if entry else None
        labels = " ".join(d.text for d in drawn)
        drawn += [stamp] if stamp else []
        scale = image.width / int(entry["width"]) if entry else 1.0
        text, words, _conf = cache.ocr(image, languages)
        out.append(PageText(number, without_drawn(text, words, drawn, scale), labels))
    return out


def _marks(folder: Path) -> dict[int, dict[str, Any]]:
    try:
        return read_marks(folder / MARKS_FILE)
    except (OSError, ValueError, KeyError, TypeError):
        return {}  # unreadable marks: nothing is ignored (fail closed)


def _is_rebuild(pdf: Path, pngs: list[Path]) -> bool:
    try:
        return pdf.read_bytes() == pdf_from(pngs)
    except (OSError, ValueError):
        return False
