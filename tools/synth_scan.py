"""Render synthetic text as page images: clean "scans" and skewed, noisy ones.

Used by the sample generator (tools/samples.py) and the OCR benchmarks (bench/ocr/), so both
measure the same kind of page. Deterministic for a given seed.
"""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {
    "serif": FONT_DIR / "DejaVuSerif.ttf",
    "sans": FONT_DIR / "DejaVuSans.ttf",
}
A4_INCHES = (8.27, 11.69)


def font_path(name: str = "serif") -> Path:
    """Path of a DejaVu font (Debian package fonts-dejavu-core)."""
    path = FONTS[name]
    if not path.exists():
        raise FileNotFoundError(f"{path} missing: apt-get install fonts-dejavu-core")
    return path


def wrap(text: str, font: ImageFont.FreeTypeFont, width: float) -> list[str]:
    """Greedy word wrap to `width` pixels."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if line and font.getlength(candidate) > width:
            lines.append(line)
            line = word
        else:
            line = candidate
    if line:
        lines.append(line)
    return lines


def render_page(
    paragraphs: list[str] | tuple[str, ...],
    dpi: int = 300,
    font_name: str = "serif",
    points: float = 12,
    full_page: bool = False,
) -> tuple[Image.Image, list[str]]:
    """Render paragraphs on an A4-wide white page; return (image "L", the rendered lines).

    `full_page` keeps the A4 height; otherwise the page is cut to the text (smaller samples).
    """
    px = points / 72 * dpi
    font = ImageFont.truetype(str(font_path(font_name)), round(px))
    width = round(A4_INCHES[0] * dpi)
    margin = round(0.9 * dpi)
    line_h = round(px * 1.5)
    lines: list[str] = []
    layout: list[tuple[int, str]] = []
    y = margin
    for paragraph in paragraphs:
        for line in wrap(paragraph, font, width - 2 * margin):
            layout.append((y, line))
            lines.append(line)
            y += line_h
        y += round(line_h * 0.6)
    height = round(A4_INCHES[1] * dpi) if full_page else y + margin
    image = Image.new("L", (width, max(height, y + margin)), 255)
    draw = ImageDraw.Draw(image)
    for top, line in layout:
        draw.text((margin, top), line, font=font, fill=0)
    return image, lines


def degrade(image: Image.Image, skew_deg: float, noise: float, seed: int) -> Image.Image:
    """Skew (rotate, white fill), blur slightly and add salt-and-pepper noise like a bad scan."""
    rng = random.Random(seed)
    out = image.rotate(skew_deg, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=255)
    out = out.filter(ImageFilter.GaussianBlur(0.6))
    pixels = out.load()
    w, h = out.size
    for _ in range(int(w * h * noise)):
        x, y = rng.randrange(w), rng.randrange(h)
        pixels[x, y] = 0 if rng.random() < 0.5 else 255
    # a faint grey background tint, as paper has
    return out.point(lambda v: min(v, 235) if v > 128 else v)


def fit_text_pages(paragraphs: list[str] | tuple[str, ...], pages: int) -> list[list[str]]:
    """Split paragraphs round-robin into `pages` groups (for multi-page samples)."""
    groups: list[list[str]] = [[] for _ in range(pages)]
    for i, paragraph in enumerate(paragraphs):
        groups[min(pages - 1, i * pages // len(paragraphs))].append(paragraph)
    return groups
