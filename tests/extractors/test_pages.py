"""Page rendering: the pixels OCR boxes refer to, and the size guards that come before decoding."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from sestry.core.errors import CorruptItem, EmptyItem, EncryptedItem, TooLarge, UnsupportedFormat
from sestry.core.settings import Settings
from sestry.extractors.pages import render_pages

A4_300DPI = (2481, 3508)  # 595.28 x 841.89 pt at 300/72, rounded up as PDFium does


def test_png_renders_as_stored(samples: Path, settings: Settings) -> None:
    pages = list(render_pages(samples / "scan_uk_clean.png", "image/png", settings))
    assert len(pages) == 1
    assert pages[0].size == Image.open(samples / "scan_uk_clean.png").size


def test_exif_orientation_is_applied(samples: Path, settings: Settings) -> None:
    stored = Image.open(samples / "scan_en_exif_rotated.jpg")
    assert stored.width < stored.height  # a wide text block, stored on its side
    (page,) = render_pages(samples / "scan_en_exif_rotated.jpg", "image/jpeg", settings)
    assert page.size == (stored.height, stored.width)  # upright again
    # orientation 6 means "turn 90 degrees clockwise to view" (the OCR test reads the text)
    assert page.tobytes() == stored.transpose(Image.Transpose.ROTATE_270).tobytes()


def test_tiff_pages_in_order(samples: Path, settings: Settings) -> None:
    pages = list(render_pages(samples / "scan_uk_2pages.tif", "image/tiff", settings))
    assert len(pages) == 2
    assert all(p.width == A4_300DPI[0] for p in pages)


def test_pdf_pages_are_rendered_at_300_dpi(samples: Path, settings: Settings) -> None:
    pages = list(render_pages(samples / "statement_en_mixed.pdf", "application/pdf", settings))
    assert [p.size for p in pages] == [A4_300DPI, A4_300DPI]
    assert all(p.mode == "RGB" for p in pages)


def test_rendering_is_repeatable(samples: Path, settings: Settings) -> None:
    """Redaction renders again later: the pixels must be identical."""
    path = samples / "statement_uk_textlayer.pdf"
    first = next(render_pages(path, "application/pdf", settings))
    second = next(render_pages(path, "application/pdf", settings))
    assert first.tobytes() == second.tobytes()


def test_bomb_png_is_refused_from_its_header(samples: Path, settings: Settings) -> None:
    with pytest.raises(TooLarge) as info:
        list(render_pages(samples / "bad" / "bomb.png", "image/png", settings))
    assert info.value.reason == "too_large"


def test_pixel_limit_comes_from_settings(samples: Path, data_dir: Path) -> None:
    small = Settings.load(data_dir, max_pixels=1_000_000)
    with pytest.raises(TooLarge):
        list(render_pages(samples / "scan_uk_clean.png", "image/png", small))
    with pytest.raises(TooLarge):
        list(render_pages(samples / "statement_uk_textlayer.pdf", "application/pdf", small))


def test_page_limit_comes_from_settings(samples: Path, data_dir: Path) -> None:
    one = Settings.load(data_dir, max_pages=1)
    with pytest.raises(TooLarge):
        list(render_pages(samples / "scan_uk_2pages.tif", "image/tiff", one))
    with pytest.raises(TooLarge):
        list(render_pages(samples / "statement_en_mixed.pdf", "application/pdf", one))


@pytest.mark.parametrize(
    ("name", "media_type", "error"),
    [
        ("bad/corrupt.png", "image/png", CorruptItem),
        ("bad/truncated.jpg", "image/jpeg", CorruptItem),
        ("bad/truncated.pdf", "application/pdf", CorruptItem),
        ("bad/encrypted.pdf", "application/pdf", EncryptedItem),
        ("bad/empty.txt", "application/pdf", EmptyItem),
        ("bad/empty.txt", "image/png", EmptyItem),
        ("interview_uk.txt", "text/plain", UnsupportedFormat),
    ],
)
def test_bad_pages(samples: Path, settings: Settings, name: str, media_type: str, error) -> None:
    with pytest.raises(error):
        list(render_pages(samples / name, media_type, settings))


def test_pil_guard_is_never_lowered_for_the_rest_of_the_process(
    samples: Path, data_dir: Path
) -> None:
    before = Image.MAX_IMAGE_PIXELS
    tiny = Settings.load(data_dir, max_pixels=10)
    with pytest.raises(TooLarge):
        list(render_pages(samples / "scan_uk_clean.png", "image/png", tiny))
    assert before == Image.MAX_IMAGE_PIXELS
    with Image.open(samples / "scan_uk_clean.png") as other:  # other code in the process
        other.load()  # would raise DecompressionBombError if the guard had been lowered
