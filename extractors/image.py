"""Scanned images (PNG, JPEG, TIFF multi-page, ...): Tesseract OCR of every frame, in parallel."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from sestry.extractors import ocr, pages
from sestry.extractors.base import Extraction, Extractor, ItemInfo
from sestry.extractors.ocr_extraction import ocr_extraction, ocr_func, run_settings


class ImageOcr(Extractor):
    """OCR of each frame of an image, EXIF orientation applied; boxes in those pixels."""

    name: ClassVar[str] = "image_ocr"
    version: ClassVar[str] = "2"
    media_types: ClassVar[frozenset[str]] = pages.IMAGE_TYPES
    score: ClassVar[int] = 10
    needs_bins: ClassVar[tuple[str, ...]] = ("tesseract",)
    needs_langs: ClassVar[tuple[str, ...]] = ("ukr", "rus", "eng")

    def extract(self, path: Path, item: ItemInfo) -> Extraction:
        """OCR every frame; CorruptItem / TooLarge / OcrFailed / EmptyItem on bad input."""
        settings = run_settings(self)
        frames = enumerate(pages.render_pages(path, item.media_type, settings), start=1)
        page_texts = ocr.map_pages(ocr_func(settings, item), frames, settings.ocr_workers)
        return ocr_extraction("scan", page_texts, ["ocr"] * len(page_texts), settings)
