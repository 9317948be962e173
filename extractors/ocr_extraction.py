"""What image and PDF OCR share: the run's settings, the page OCR call, and assembling pages into
one Extraction (method, confidence, notes, the Tesseract versions for the ledger)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from sestry.core.settings import Settings
from sestry.extractors import ocr, tesseract
from sestry.extractors.base import Extraction, Extractor, ItemInfo, PageInfo
from sestry.extractors.ocr_language import page_language
from sestry.extractors.ocr_script import latin_twins
from sestry.extractors.textbuild import require_text

if TYPE_CHECKING:
    from PIL import Image


def run_settings(extractor: Extractor) -> Settings:
    """The run's settings, or defaults when an extractor is used on its own."""
    return extractor.settings if extractor.settings is not None else Settings.load()


def ocr_func(settings: Settings, item: ItemInfo) -> Callable[[int, Image.Image], ocr.PageText]:
    """OCR of one numbered page: first with the sidecar's language first (a hint), then, when
    the page's own letters say another language, again with that language first.

    The second pass is kept: tesseract reads a page best with its language first (never worse
    on the Russian pages of bench/ocr_language, so no confidence vote). The page records the
    language its letters say (None when they do not say) and the orders run (`passes`). The
    second pass reads the first pass's cleaned page file (`ocr.prepared`): despeckling, deskew
    and PNG encoding run once a page.
    """
    first = tesseract.languages_for(settings.ocr_languages, item.language_hint)

    def run(number: int, image: Image.Image) -> ocr.PageText:
        with ocr.prepared(image) as ready:  # cleaned, straightened and encoded once
            page = ocr.read_prepared(ready, first, number)
            lang = page_language(page.text)
            if lang is None:
                return replace(page, passes=(first,))
            order = tesseract.languages_for(settings.ocr_languages, lang)
            if order == first:
                return _in_script(replace(page, language=lang, passes=(first,)))
            page = ocr.read_prepared(ready, order, number)
        lang = page_language(page.text) or lang
        return _in_script(replace(page, language=lang, passes=(first, order)))

    return run


def _in_script(page: ocr.PageText) -> ocr.PageText:
    """An English page's Cyrillic look-alike words between Latin ones in Latin (ocr_script.py);
    letters map one for one, so words and segments keep their offsets."""
    if page.language != "en":
        return page
    return replace(page, text=latin_twins(page.text))


def ocr_extraction(
    kind: str,
    page_texts: list[ocr.PageText],
    methods: list[str],
    settings: Settings,
    extra_notes: tuple[str, ...] = (),
) -> Extraction:
    """Assemble pages into one Extraction; method "ocr" when any page was OCRed."""
    text, words, segments = ocr.join_pages(page_texts)
    require_text(text, kind)
    page_info = tuple(
        PageInfo(
            n,
            method,
            p.confidence,
            p.width,
            p.height,
            p.language or page_language(p.text),
            p.passes,  # () for a text-layer page
        )
        for n, (p, method) in enumerate(zip(page_texts, methods, strict=True), start=1)
    )
    any_ocr = "ocr" in methods
    notes: list[str] = list(extra_notes)
    if any_ocr and "text_layer" in methods:
        notes.append("mixed_pages")
    skewed = sum(1 for p in page_texts if p.skew)
    if skewed:
        notes.append(f"deskewed_pages:{skewed}")
    low = [
        p.page
        for p in page_info
        if p.confidence is not None and p.confidence < settings.low_confidence
    ]
    if low:
        notes.append(f"low_confidence_pages:{len(low)}")
    langs = sorted({p.language for p in page_info if p.language})
    if len(langs) > 1:
        notes.append(f"page_languages:{'+'.join(langs)}")
    return Extraction(
        kind=kind,
        method="ocr" if any_ocr else "text_layer",
        text=text,
        pages=len(page_texts),
        segments=segments,
        words=words,
        page_info=page_info,
        ocr_confidence=ocr.mean_confidence(page_texts) if any_ocr else None,
        versions=tesseract.versions(settings.ocr_languages) if any_ocr else {},
        notes=tuple(notes),
    )


def page_ocr_rows(extraction: Extraction) -> list[dict[str, object]] | None:
    """The `documents.page_ocr` value (schemas.tables.PAGE_OCR): per page, its language and the
    Tesseract orders run; None for an item without pages (transcripts, audio)."""
    if not extraction.page_info:
        return None
    return [
        {"page": p.page, "language": p.language, "passes": list(p.passes)}
        for p in extraction.page_info
    ]
