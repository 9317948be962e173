"""Page images exactly as sestry sees them: the one rendering that OCR boxes refer to.

Images: each frame, EXIF orientation applied. PDFs: each page rendered by PDFium at 300 dpi.
Image redaction calls `render_pages` too, so its pixels are the pixels the boxes were measured on.
Size limits are checked from headers before any pixel is decoded (decompression-bomb guard).
"""

from __future__ import annotations

import math
import struct
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sestry.core.errors import CorruptItem, EmptyItem, EncryptedItem, TooLarge, UnsupportedFormat
from sestry.extractors import sniff

if TYPE_CHECKING:
    from PIL import Image

    from sestry.core.settings import Settings

PDF_DPI = 300
PDF_SCALE = PDF_DPI / 72
IMAGE_TYPES = frozenset({sniff.PNG, sniff.JPEG, sniff.TIFF, sniff.BMP, sniff.WEBP, sniff.GIF})
# PDFium is not thread-safe; every call into it holds this lock (the flow may run items in threads).
PDFIUM_LOCK = threading.RLock()


def render_pages(path: Path, media_type: str, settings: Settings) -> Iterator[Image.Image]:
    """Yield page images in page order (page 1 first); raise an ItemError for bad input.

    Images are EXIF-transposed; PDF pages are rendered at 300 dpi (RGB).
    """
    if media_type in IMAGE_TYPES:
        yield from image_frames(path, settings)
    elif media_type == sniff.PDF:
        with open_pdf(path, settings) as pdf:
            for index in range(len(pdf)):
                yield render_pdf_page(pdf, index, settings)
    else:
        raise UnsupportedFormat(f"no page rendering for {media_type}")


def _pil() -> Any:
    from PIL import Image, ImageOps

    return Image, ImageOps


def image_frames(path: Path, settings: Settings) -> Iterator[Image.Image]:
    """Yield each frame of an image file, orientation applied, after header-only size checks."""
    image_mod, image_ops = _pil()
    _align_pil_guard(image_mod, settings.max_pixels)
    if path.stat().st_size == 0:
        raise EmptyItem("zero bytes")
    try:
        with image_mod.open(path) as im:
            frames = getattr(im, "n_frames", 1)
            if frames > settings.max_pages:
                raise TooLarge(f"{frames} frames > max_pages {settings.max_pages}")
            for index in range(frames):
                im.seek(index)
                _check_pixels(im.width, im.height, settings)
                im.load()
                frame = image_ops.exif_transpose(im)
                yield frame if frame is not im else im.copy()
    except (image_mod.DecompressionBombError, image_mod.DecompressionBombWarning) as exc:
        raise TooLarge(f"image over PIL's pixel limit ({type(exc).__name__})") from None
    except image_mod.UnidentifiedImageError:
        raise CorruptItem("image header not recognised") from None
    except (
        OSError,
        SyntaxError,
        ValueError,
        EOFError,
        IndexError,
        TypeError,  # PIL on a truncated TIFF: "Missing dimensions"
        KeyError,
        struct.error,
        ZeroDivisionError,
    ) as exc:
        raise CorruptItem(f"image cannot be decoded ({type(exc).__name__})") from None


def _align_pil_guard(image_mod: Any, max_pixels: int) -> None:
    """Let PIL's own bomb guard (process-wide) admit what settings.max_pixels admits.

    Only ever raised, never lowered: other code in the process opens images too, and our own
    header check (below) is the guard that enforces settings.max_pixels.
    """
    current = image_mod.MAX_IMAGE_PIXELS
    if current is not None and current < max_pixels:
        image_mod.MAX_IMAGE_PIXELS = max_pixels


def _check_pixels(width: int, height: int, settings: Settings) -> None:
    if width <= 0 or height <= 0:
        raise CorruptItem("image declares no pixels")
    if width * height > settings.max_pixels:
        raise TooLarge(f"{width}x{height} pixels > max_pixels {settings.max_pixels}")


@contextmanager
def open_pdf(path: Path, settings: Settings) -> Iterator[Any]:
    """Open a PDF with PDFium; EncryptedItem / CorruptItem / TooLarge on bad input."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    if path.stat().st_size == 0:
        raise EmptyItem("zero bytes")
    with PDFIUM_LOCK:
        try:
            pdf = pdfium.PdfDocument(str(path))
        except pdfium.PdfiumError as exc:
            if getattr(exc, "err_code", None) == pdfium_c.FPDF_ERR_PASSWORD:
                raise EncryptedItem("PDF needs a password") from None
            raise CorruptItem(f"PDF cannot be opened (pdfium error {exc.err_code})") from None
    try:
        with PDFIUM_LOCK:
            pages = len(pdf)
        if pages == 0:
            raise EmptyItem("PDF has no pages")
        if pages > settings.max_pages:
            raise TooLarge(f"{pages} pages > max_pages {settings.max_pages}")
        yield pdf
    finally:
        with PDFIUM_LOCK:
            pdf.close()


def pdf_page_pixels(page: Any) -> tuple[int, int]:
    """Size in pixels of a page rendered at 300 dpi, computed as pypdfium2's render does."""
    width, height = page.get_size()
    return math.ceil(width * PDF_SCALE), math.ceil(height * PDF_SCALE)


def render_pdf_page(pdf: Any, index: int, settings: Settings) -> Image.Image:
    """Render page `index` (0-based) at 300 dpi after a pixel-count check."""
    import pypdfium2 as pdfium

    with PDFIUM_LOCK:
        try:
            page = pdf[index]
            try:
                width, height = pdf_page_pixels(page)
                _check_pixels(width, height, settings)
                bitmap = page.render(scale=PDF_SCALE)
                image = bitmap.to_pil()
            finally:
                page.close()
        except pdfium.PdfiumError:
            raise CorruptItem(f"PDF page {index + 1} cannot be rendered") from None
    return image
