"""PDFs: each page's text layer where it has one, else the page rendered at 300 dpi and OCRed.

`pdf_text_layer` reads text-layer pages and OCRs the others (mixed PDFs exist; page_info records
the method per page); when no page has a text layer it raises NoTextLayer and the registry falls
back to `pdf_ocr`. Word boxes are always in the pixels of the 300-dpi rendering
(`pages.render_pages`), text-layer pages included, so image redaction can black them out.
"""

from __future__ import annotations

import math
import unicodedata
from pathlib import Path
from typing import Any, ClassVar

from sestry.core.errors import CorruptItem, NoTextLayer
from sestry.extractors import ocr, pages, sniff
from sestry.extractors.base import Extraction, Extractor, ItemInfo, Segment, Word
from sestry.extractors.ocr_extraction import ocr_extraction, ocr_func, run_settings
from sestry.extractors.textbuild import TextBuilder

MIN_LAYER_CHARS = 3  # fewer visible characters than this: the page is treated as an image
MAX_GARBAGE_SHARE = 0.05  # more unmappable/control characters than this: the layer is garbled
IMAGE_PAGE_SHARE = 0.10  # images covering this much of a page: OCR the rendered page


class PdfTextLayer(Extractor):
    """Text layer per page (PDFium), OCR for pages without one."""

    name: ClassVar[str] = "pdf_text_layer"
    version: ClassVar[str] = "2"
    media_types: ClassVar[frozenset[str]] = frozenset({sniff.PDF})
    score: ClassVar[int] = 10
    needs_bins: ClassVar[tuple[str, ...]] = ("tesseract",)
    needs_langs: ClassVar[tuple[str, ...]] = ("ukr", "rus", "eng")

    def extract(self, path: Path, item: ItemInfo) -> Extraction:
        """Read text layers; NoTextLayer when no page has one; OCR the pages that lack one."""
        settings = run_settings(self)
        with pages.open_pdf(path, settings) as pdf:
            read = [_text_layer(pdf, i) for i in range(len(pdf))]
            layers = [layer for layer, _ in read]
            if all(layer is None for layer in layers):
                why = ",".join(sorted({str(w) for _, w in read}))
                raise NoTextLayer(f"none of {len(layers)} pages has a usable text layer ({why})")
            missing = [i for i, layer in enumerate(layers) if layer is None]
            rendered = ((i + 1, pages.render_pdf_page(pdf, i, settings)) for i in missing)
            ocred = ocr.map_pages(ocr_func(settings, item), rendered, settings.ocr_workers)
        by_page = dict(zip(missing, ocred, strict=True))
        page_texts = [layer if layer is not None else by_page[i] for i, layer in enumerate(layers)]
        methods = ["text_layer" if layer is not None else "ocr" for layer in layers]
        reasons: dict[str, int] = {}
        for _, why in read:
            if why is not None:
                reasons[why] = reasons.get(why, 0) + 1
        extra = tuple(f"ocr_reason:{why}:{n}" for why, n in sorted(reasons.items()))
        return ocr_extraction("pdf", page_texts, methods, settings, extra)


class PdfOcr(Extractor):
    """Every page rendered at 300 dpi and OCRed: the fallback for scanned PDFs."""

    name: ClassVar[str] = "pdf_ocr"
    version: ClassVar[str] = "2"
    media_types: ClassVar[frozenset[str]] = frozenset({sniff.PDF})
    score: ClassVar[int] = 5
    needs_bins: ClassVar[tuple[str, ...]] = ("tesseract",)
    needs_langs: ClassVar[tuple[str, ...]] = ("ukr", "rus", "eng")

    def extract(self, path: Path, item: ItemInfo) -> Extraction:
        """OCR every page; EncryptedItem / CorruptItem / TooLarge / OcrFailed on bad input."""
        settings = run_settings(self)
        rendered = enumerate(pages.render_pages(path, sniff.PDF, settings), start=1)
        page_texts = ocr.map_pages(ocr_func(settings, item), rendered, settings.ocr_workers)
        return ocr_extraction("pdf", page_texts, ["ocr"] * len(page_texts), settings)


def _text_layer(pdf: Any, index: int) -> tuple[ocr.PageText | None, str | None]:
    """(the page's text layer as words with 300-dpi pixel boxes, None) or (None, why not).

    Why not: "no_layer"; "rotated" (boxes would need rotating); "garbled" (a font without a
    usable ToUnicode map gives control characters or unmappable glyphs: names hidden in that
    garbage would escape entity detection); "image_area" (images cover a tenth of the page or
    more: text inside a scanned image is not in the layer, so the whole rendered page is OCRed).
    OCR reads all of those.
    """
    import pypdfium2 as pdfium

    try:
        chars, unmapped, geometry = _read_layer(pdf, index)
    except pdfium.PdfiumError:
        raise CorruptItem(f"PDF page {index + 1} cannot be read") from None
    if isinstance(chars, str):
        return None, chars
    width, height, crop_left, crop_top = geometry
    visible = [code for code, _ in chars if code > 32 and not chr(code).isspace()]
    if len(visible) < MIN_LAYER_CHARS:
        return None, "no_layer"
    bad = unmapped + sum(1 for code in visible if _garbage(code))
    if bad > MAX_GARBAGE_SHARE * len(visible):
        return None, "garbled"
    return _assemble(chars, index + 1, crop_left, crop_top, width, height), None


def _read_layer(pdf: Any, index: int) -> tuple[Any, int, tuple[int, int, float, float]]:
    """(chars as (code, box) or a reason string, unmapped count, page geometry); PDFium calls
    only, under the lock."""
    import pypdfium2.raw as pdfium_c

    with pages.PDFIUM_LOCK:
        page = pdf[index]
        try:
            width, height = pages.pdf_page_pixels(page)
            crop = page.get_bbox()  # inherited crop box, as rendered
            geometry = (width, height, crop[0], crop[3])
            if page.get_rotation() != 0:
                return "rotated", 0, geometry
            if _image_share(page, crop, pdfium_c.FPDF_PAGEOBJ_IMAGE) >= IMAGE_PAGE_SHARE:
                return "image_area", 0, geometry
            textpage = page.get_textpage()
            try:
                chars = []
                unmapped = 0
                for i in range(textpage.count_chars()):
                    code = pdfium_c.FPDFText_GetUnicode(textpage, i)
                    generated = pdfium_c.FPDFText_IsGenerated(textpage, i)
                    unmapped += bool(pdfium_c.FPDFText_HasUnicodeMapError(textpage, i) == 1)
                    box = None
                    if not generated:
                        try:
                            box = textpage.get_charbox(i, loose=True)
                        except Exception:  # noqa: BLE001 - a char without a box: text only
                            box = None
                    chars.append((code, box))
            finally:
                textpage.close()
        finally:
            page.close()
    return chars, unmapped, geometry


def _image_share(page: Any, crop: tuple[float, float, float, float], image_type: int) -> float:
    """Share of the page area covered by image objects (clipped to the page; overlaps add)."""
    left, bottom, right, top = crop
    area = max(1e-6, (right - left) * (top - bottom))
    covered = 0.0
    for obj in page.get_objects(filter=[image_type], max_depth=4):
        x0, y0, x1, y1 = obj.get_bounds()
        w = max(0.0, min(x1, right) - max(x0, left))
        h = max(0.0, min(y1, top) - max(y0, bottom))
        covered += w * h
    return covered / area


def _garbage(code: int) -> bool:
    """A character no real text layer should hold: controls, private use, unassigned, U+FFFD."""
    if code == 0xFFFD or not 0 < code < 0x110000:
        return True
    return unicodedata.category(chr(code)) in ("Cc", "Co", "Cn", "Cs")


def _assemble(
    chars: list[tuple[int, tuple[float, float, float, float] | None]],
    page: int,
    crop_left: float,
    crop_top: float,
    width: int,
    height: int,
) -> ocr.PageText:
    """Group PDFium chars into words (split on spaces) and lines (split on line breaks)."""
    lines: list[list[tuple[str, list]]] = [[]]
    word_chars: list[str] = []
    boxes: list = []

    def flush() -> None:
        if word_chars:
            lines[-1].append(("".join(word_chars), list(boxes)))
        word_chars.clear()
        boxes.clear()

    for code, box in chars:
        ch = chr(code) if 0 < code < 0x110000 else ""
        if ch in ("\r", "\n", "\x02", "\x03"):
            flush()
            if ch != "\r" and lines[-1]:
                lines.append([])
        elif not ch or ch.isspace() or code in (0xFFFE, 0xFFFF) or _garbage(code):
            flush()  # a stray control character never reaches the text
        else:
            word_chars.append(ch)
            if box is not None:
                boxes.append(box)
    flush()
    out = TextBuilder()
    words: list[Word] = []
    segments: list[Segment] = []
    for line in (ln for ln in lines if ln):
        if len(out):
            out.add("\n")
        line_start = len(out)
        for n, (token, token_boxes) in enumerate(line):
            if n:
                out.add(" ")
            start, end = out.add(token)
            left, top, right, bottom = _pixels(token_boxes, crop_left, crop_top, width, height)
            words.append(
                Word(page, len(words), start, end, left, top, right - left, bottom - top, None)
            )
        segments.append(Segment(line_start, len(out), page))
    return ocr.PageText(out.text(), tuple(words), tuple(segments), None, width, height)


def _pixels(
    boxes: list[tuple[float, float, float, float]],
    crop_left: float,
    crop_top: float,
    width: int,
    height: int,
) -> tuple[int, int, int, int]:
    """Union of PDF-point char boxes (l, b, r, t) as 300-dpi pixels (left, top, right, bottom),
    rounded outward and clipped to the page. A word with no box gets the whole page (fail closed:
    redacting it blacks out the page rather than nothing)."""
    if not boxes:
        return 0, 0, width, height
    left = min(b[0] for b in boxes)
    bottom = min(b[1] for b in boxes)
    right = max(b[2] for b in boxes)
    top = max(b[3] for b in boxes)
    scale = pages.PDF_SCALE
    px_left = max(0, math.floor((left - crop_left) * scale))
    px_top = max(0, math.floor((crop_top - top) * scale))
    px_right = min(width, math.ceil((right - crop_left) * scale))
    px_bottom = min(height, math.ceil((crop_top - bottom) * scale))
    return px_left, px_top, max(px_left, px_right), max(px_top, px_bottom)
