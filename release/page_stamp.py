"""Bates stamps on released pages: `<control number> · p. 3/7` in a band added below each page.

Control numbers are made at handoff (`partner_files.control_number`, the release id is new
there), so stamping happens in the staged payload, after `documents.csv` is written and before
re-validation. The band is *added* under the page (the page's own pixels are untouched and
nothing covers evidence); its height and text go into the document's `marks.json`, so re-OCR
checks the page area (whose pixels, hence OCR cache key, are those validated at redaction) and
compares the band with a fresh rendering of the stamp it should hold. The PDF is rebuilt from
the stamped PNGs. Never logs text.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

from PIL import Image, ImageDraw

from sestry.core.durable import write_atomic, write_json
from sestry.redaction.drawn import MARKS_FILE, font, marks_json, read_marks
from sestry.redaction.metadata import pdf_bytes, save_png

BAND_RATIO = 0.03  # band height as a share of the page width (≈74 px on an A4 page at 300 dpi)
BAND_MIN = 28
PAPER = 255
INK = 0


def stamp_text(control_number: str, page: int, pages: int) -> str:
    """The stamp of one page, e.g. `prosecution-20261129T…-a1b2c3-000012 · p. 3/7`."""
    return f"{control_number} · p. {page}/{pages}"


def band_height(width: int) -> int:
    """Height of the stamp band for a page `width` pixels wide."""
    return max(BAND_MIN, round(width * BAND_RATIO))


def render_band(width: int, text: str, mode: str = "L") -> Image.Image:
    """The band alone: white, the stamp right-aligned in black (deterministic pixels)."""
    height = band_height(width)
    band = Image.new(mode, (width, height), PAPER if mode == "L" else (PAPER,) * 3)
    draw = ImageDraw.Draw(band)
    size = max(10, int(height * 0.5))
    face = font(size)
    while size > 10 and face.getlength(text) > width - 2 * height:
        size -= 1
        face = font(size)
    ink = INK if mode == "L" else (INK,) * 3
    draw.text((width - height // 2, height // 2), text, fill=ink, font=face, anchor="rm")
    return band


def stamped(page: Image.Image, text: str) -> Image.Image:
    """`page` with the stamp band added below it."""
    mode = page.mode if page.mode in ("L", "RGB") else "RGB"
    base = page if page.mode == mode else page.convert(mode)
    band = render_band(base.width, text, mode)
    out = Image.new(mode, (base.width, base.height + band.height))
    out.paste(base, (0, 0))
    out.paste(band, (0, base.height))
    return out


def band_matches(image: Image.Image, top: int, text: str) -> bool:
    """True when the pixels below `top` are exactly the stamp band for `text`."""
    expected = render_band(image.width, text, "L")
    if image.height - top != expected.height:
        return False
    band = image.crop((0, top, image.width, image.height)).convert("L")
    return band.tobytes() == expected.tobytes()


def write_pdf(pngs: Sequence[Path], path: Path) -> Path:
    """The document's PDF rebuilt from its PNG pages (deterministic bytes, see `pdf_bytes`)."""
    return write_atomic(path, pdf_from(pngs))


def pdf_from(pngs: Sequence[Path]) -> bytes:
    """The PDF bytes `write_pdf` would write for these PNG pages."""
    images = [Image.open(p) for p in pngs]
    try:
        return pdf_bytes(images)
    finally:
        for image in images:
            image.close()


def stamp_pages(pages_dir: Path, numbers: Mapping[str, str]) -> int:
    """Stamp every PNG page of every document under `pages_dir` with its control number and
    page number, record the band in `marks.json` and rebuild the PDF; return pages stamped.

    A page folder of a document without a control number is left unstamped (validation then
    fails it as a page of a document not released).
    """
    count = 0
    folders = sorted(p for p in pages_dir.iterdir() if p.is_dir()) if pages_dir.is_dir() else []
    for folder in folders:
        control = numbers.get(folder.name)
        if control is None:
            continue
        pngs = sorted(folder.glob("page-*.png"))
        marks = read_marks(folder / MARKS_FILE)
        for number, png in enumerate(pngs, start=1):
            with Image.open(png) as image:
                image.load()
                text = stamp_text(control, number, len(pngs))
                entry = marks.setdefault(
                    number, {"width": image.width, "height": image.height, "boxes": []}
                )
                entry["stamp"] = {"text": text, "top": image.height}
                save_png(stamped(image, text), png)
            count += 1
        write_json(folder / MARKS_FILE, marks_json(marks))
        if pngs:
            write_pdf(pngs, pages_dir / f"{folder.name}.pdf")
    return count
