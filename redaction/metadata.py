"""Metadata stripping for released images and PDFs: EXIF (incl. GPS), XMP, ICC, PNG text
chunks, PDF Info (Author, Creator, Producer, dates) and XMP streams.

Images are rebuilt from their pixels alone; PDFs are rebuilt from rendered page pixels, which
also drops hidden text layers, annotations, scripts and attachments. `metadata_findings` checks
a file's bytes for what must not be there and is what validation runs on released files.
"""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from pathlib import Path

from PIL import Image

from sestry.core.durable import write_atomic

PDF_DPI = 200
# Byte patterns that betray metadata anywhere in a file (long enough not to occur by chance).
_ANYWHERE: tuple[tuple[str, bytes], ...] = (
    ("exif", rb"Exif\x00\x00"),
    ("xmp", rb"x:xmpmeta|http://ns\.adobe\.com/xap|<\?xpacket"),
)
# PDF dictionary keys, searched outside streams.
_PDF_KEYS = re.compile(
    rb"/(Author|Creator|Producer|Title|Subject|Keywords|CreationDate|ModDate|Metadata|GPS\w*)\b"
)
_PDF_STREAM = re.compile(rb"stream\r?\n.*?endstream", re.DOTALL)
# PNG chunks a pixels-only file needs; anything else (tEXt, iTXt, zTXt, eXIf, iCCP...) is a finding.
_PNG_CHUNKS = frozenset({b"IHDR", b"PLTE", b"IDAT", b"IEND", b"tRNS", b"pHYs", b"gAMA", b"sRGB"})
_PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


def clean_image(image: Image.Image) -> Image.Image:
    """A copy holding only pixels: no info dict, EXIF, XMP or ICC profile."""
    mode = image.mode if image.mode in ("1", "L", "RGB") else "RGB"
    pixels = image.convert(mode)
    return Image.frombytes(mode, pixels.size, pixels.tobytes())


def save_png(image: Image.Image, path: Path) -> Path:
    """Write `image` as a metadata-free PNG (file 0600)."""
    buffer = io.BytesIO()
    clean_image(image).save(buffer, format="PNG", optimize=False)
    return write_atomic(path, buffer.getvalue())


def save_pdf(pages: Sequence[Image.Image], path: Path, dpi: float = PDF_DPI) -> Path:
    """Write page images as one PDF with an empty Info dictionary and no XMP (file 0600)."""
    return write_atomic(path, pdf_bytes(pages, dpi))


def pdf_bytes(pages: Sequence[Image.Image], dpi: float = PDF_DPI) -> bytes:
    """The PDF `save_pdf` writes; deterministic (same pixels, same bytes), so validation can
    tell a released PDF is exactly the rebuild of the validated PNG pages."""
    if not pages:
        raise ValueError("a PDF needs at least one page")
    clean = [clean_image(page).convert("RGB") for page in pages]
    buffer = io.BytesIO()
    clean[0].save(
        buffer,
        format="PDF",
        save_all=True,
        append_images=clean[1:],
        resolution=dpi,
        title=None,
        creationDate=None,
        modDate=None,
    )
    return buffer.getvalue()


def strip_image(src: Path, dst: Path | None = None) -> Path:
    """Rewrite an image file (PNG, JPEG, TIFF...) as a metadata-free PNG; returns the path."""
    with Image.open(src) as image:
        image.load()
        return save_png(image, dst or Path(src).with_suffix(".png"))


def strip_pdf(src: Path, dst: Path | None = None, dpi: float = PDF_DPI) -> Path:
    """Rebuild a PDF from its rendered pages: nothing but pixels survives."""
    import pypdfium2 as pdfium

    from sestry.extractors.pages import PDFIUM_LOCK  # PDFium is not thread-safe

    with PDFIUM_LOCK:
        document = pdfium.PdfDocument(str(src))
        try:
            pages = [page.render(scale=dpi / 72).to_pil() for page in document]
        finally:
            document.close()
    return save_pdf(pages, dst or Path(src), dpi=dpi)


def metadata_findings(path: Path) -> list[str]:
    """Names of metadata kinds present in a PNG or PDF file (empty list = clean)."""
    data = Path(path).read_bytes()
    found = [name for name, pattern in _ANYWHERE if re.search(pattern, data)]
    if data.startswith(_PNG_MAGIC):
        found += [
            f"png:{chunk.decode('latin-1')}"
            for chunk in _png_chunks(data)
            if chunk not in _PNG_CHUNKS
        ]
    elif data.startswith(b"%PDF"):
        outside = _PDF_STREAM.sub(b"", data)
        found += sorted({f"pdf:{m.decode('latin-1')}" for m in _PDF_KEYS.findall(outside)})
    else:
        found.append("unknown_format")
    return found


def _png_chunks(data: bytes) -> list[bytes]:
    chunks, offset = [], len(_PNG_MAGIC)
    while offset + 8 <= len(data):
        length = int.from_bytes(data[offset : offset + 4], "big")
        chunks.append(data[offset + 4 : offset + 8])
        offset += 12 + length
    return chunks
