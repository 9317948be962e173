"""Image redaction: boxes from word offsets (pure), and real scans through real Tesseract."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from PIL import Image, ImageDraw, ImageFont

from sestry.core.settings import Settings
from sestry.redaction.image import FILL, Box, paint, plan_boxes
from sestry.redaction.metadata import save_pdf
from sestry.release.redact_job import redact_dataset
from sestry.release.suites import validate_redaction
from tests.redaction.conftest import AddDocument, Ent

FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
LINES = (
    "Протокол допиту свідка",
    "Свідок Олена Коваленко мешкала в Ізюмі",
    "Телефон свідка 067 123 45 67",
    "Бачила Оксану Мельничук у підвалі",
)
REDACTED = ("Коваленко", "Олена", "Оксану", "Мельничук", "123 45 67")


def _word(start: int, end: int, left: int, page: int = 1) -> dict[str, object]:
    return {
        "start": start,
        "end": end,
        "page": page,
        "left": left,
        "top": 10,
        "width": 30,
        "height": 12,
    }


def test_plan_boxes_takes_every_word_overlapping_a_range() -> None:
    words = [_word(0, 5, 0), _word(6, 11, 40), _word(12, 17, 80), _word(18, 20, 0, page=2)]
    plan = plan_boxes(words, [(7, 14)])
    assert plan.boxes == {1: [Box(40, 10, 70, 12)]}  # one range, one line: one box
    assert not plan.blank_pages
    assert not plan.blank_all


def test_unlocated_range_blanks_its_page_or_everything() -> None:
    words = [_word(0, 5, 0), _word(30, 35, 0, page=2)]
    assert plan_boxes(words, [(31, 33)]).boxes == {2: [Box(0, 10, 30, 12)]}
    assert plan_boxes(words, [(10, 20)]).blank_pages == {1}  # between words: page of the last
    assert plan_boxes([], [(0, 3)]).blank_all
    segments = [{"start": 0, "end": 50, "page": 3}]
    assert plan_boxes([], [(0, 3)], segments).blank_pages == {3}


def test_paint_fills_padded_boxes_and_blank_pages() -> None:
    image = Image.new("L", (100, 60), 255)
    painted = paint(image, [Box(40, 20, 10, 10)])
    assert painted.getpixel((45, 25)) == FILL
    assert painted.getpixel((38, 18)) == FILL  # padding
    assert painted.getpixel((5, 5)) == 255
    assert image.getpixel((45, 25)) == 255  # the input is not modified
    assert plan_boxes([], [(0, 1)]).blank_all
    assert paint(image, (), blank=True).getextrema() == (FILL, FILL)
    rgb = paint(Image.new("RGB", (20, 20), "white"), [Box(5, 5, 5, 5)])
    assert rgb.getpixel((7, 7)) == (FILL, FILL, FILL)


def _scan(path: Path, lines: tuple[str, ...], background: int = 255) -> Path:
    image = Image.new("L", (1700, 120 + 90 * len(lines)), background)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 44)
    for n, line in enumerate(lines):
        draw.text((60, 60 + 90 * n), line, fill=0, font=font)
    image.save(path, dpi=(300, 300))
    return path


def _ocr_document(path: Path) -> tuple[str, list[dict[str, object]], list[tuple]]:
    from sestry.extractors import ocr

    with Image.open(path) as image:
        page = ocr.ocr_page(image, "ukr+rus+eng", page=1)
    text, words, segments = ocr.join_pages([page])
    word_rows = [
        {
            "page": w.page,
            "index": w.index,
            "start": w.start,
            "end": w.end,
            "left": w.left,
            "top": w.top,
            "width": w.width,
            "height": w.height,
            "confidence": w.confidence,
        }
        for w in words
    ]
    seg_rows = [(s.start, s.end, None, s.page) for s in segments]
    return text, word_rows, seg_rows


def _add_scan(add: AddDocument, png: Path, entities: list[Ent], **extra: object) -> tuple[str, str]:
    """OCR a one-page PNG scan and add it as a scanned document: (doc_id, its OCR text)."""
    text, words, segments = _ocr_document(png)
    doc_id = add(
        text,
        entities,
        kind="scan",
        media_type="image/png",
        pages=1,
        method="ocr",
        segments=segments,
        words=words,
        **extra,
    )
    return doc_id, text


@pytest.fixture
def scanned(tmp_path: Path, add_document: AddDocument) -> tuple[str, Path]:
    png = _scan(tmp_path / "scan.png", LINES)
    entities = [
        Ent("Олена Коваленко", "PERSON", "олена коваленко"),
        Ent("Ізюмі", "LOC", "ізюм", "UA63040090010029555", "UA63000000000041885"),
        Ent("067 123 45 67", "PHONE", "+380671234567"),
        Ent("Оксану Мельничук", "PERSON", "оксана мельничук"),
    ]
    doc_id, text = _add_scan(add_document, png, entities)
    for expected in REDACTED:
        assert expected in text, "synthetic scan must OCR cleanly for this test"
    return doc_id, png


@pytest.mark.ocr
@pytest.mark.nlp
def test_scan_pages_are_boxed_and_reocr_finds_nothing(
    ready: Settings, scanned: tuple[str, Path]
) -> None:
    from sestry.extractors.ocr import ocr_image

    doc_id, png = scanned
    result = redact_dataset(ready, "prosecution", original_path=lambda _d: png)
    assert result.passed, result.failed_checks
    assert result.pages == 1
    folder = Path(result.path)
    page = folder / "pages" / doc_id / "page-0001.png"
    pdf = folder / "pages" / f"{doc_id}.pdf"
    assert pdf.is_file()
    with Image.open(page) as image:
        text, _words, _conf = ocr_image(image, ready.ocr_languages)
    for secret in REDACTED:
        assert secret not in text
    assert "Протокол" in text  # the rest of the page is still legible
    assert "ізюмі" in text.casefold()  # prosecution keeps places
    doc_text = pq.read_table(folder / "documents.parquet").column("text")[0].as_py()
    assert "Коваленко" not in doc_text


@pytest.mark.ocr
@pytest.mark.nlp
def test_name_drawn_back_onto_a_page_fails_validation(
    ready: Settings, scanned: tuple[str, Path]
) -> None:
    doc_id, png = scanned
    result = redact_dataset(ready, "prosecution", original_path=lambda _d: png)
    assert result.passed
    folder = Path(result.path)
    page = folder / "pages" / doc_id / "page-0001.png"
    with Image.open(page) as image:
        leaked = image.copy()
    ImageDraw.Draw(leaked).text(
        (60, 60 + 90 * len(LINES) - 40), "Коваленко", fill=0, font=ImageFont.truetype(FONT, 44)
    )
    leaked.save(page)
    report = validate_redaction(folder, ready)
    assert not report.passed
    failed = [r for r in report.failures() if r.check_id == "pages.ocr.no_leak_terms"]
    assert failed
    assert failed[0].where[0].startswith(f"doc_id {doc_id[:16]} file {doc_id}/page-0001.png")
    shown = json.dumps(report.to_json(), ensure_ascii=False) + report.summary()
    assert "Коваленк" not in shown
    assert not report.passed
    assert "Коваленк" not in json.dumps(report.to_json(), ensure_ascii=False)


@pytest.mark.ocr
@pytest.mark.nlp
def test_name_in_the_released_pdf_fails_validation(
    ready: Settings, scanned: tuple[str, Path]
) -> None:
    doc_id, png = scanned
    result = redact_dataset(ready, "prosecution", original_path=lambda _d: png)
    folder = Path(result.path)
    with Image.open(folder / "pages" / doc_id / "page-0001.png") as image:
        leaked = image.convert("RGB")
    ImageDraw.Draw(leaked).text(
        (60, 60 + 90 * len(LINES) - 40), "Мельничук", fill=0, font=ImageFont.truetype(FONT, 44)
    )
    save_pdf([leaked], folder / "pages" / f"{doc_id}.pdf", dpi=300)
    report = validate_redaction(folder, ready)
    failed = [r for r in report.failures() if r.check_id == "pages.ocr.no_leak_terms"]
    assert failed
    assert failed[0].where == (f"doc_id {doc_id[:16]} file {doc_id}.pdf page 1",)


@pytest.mark.ocr
@pytest.mark.nlp
def test_recheck_boxes_a_name_the_word_boxes_missed(tmp_path: Path) -> None:
    from sestry.extractors.ocr import ocr_image
    from sestry.redaction.image import recheck_page
    from sestry.redaction.terms import (
        LeakTerms,
        Origin,
        TermMatcher,
        add_entity,
        default_lemmatizer,
    )

    png = _scan(tmp_path / "page.png", ("Протокол допиту свідка", "Свідок Олена Коваленко"))
    terms = LeakTerms()
    lemmatizer = default_lemmatizer()
    origin = Origin("PERSON", "олена коваленко", None, None)
    add_entity(terms, origin, "Олена Коваленко", lemmatizer)
    with Image.open(png) as image:
        page = image.copy()
    fixed, boxed = recheck_page(page, TermMatcher(terms, lemmatizer), "ukr+rus+eng")
    assert boxed >= 1  # one box per line of a hit
    text = ocr_image(fixed, "ukr+rus+eng")[0]
    assert "Коваленко" not in text
    assert "Олена" not in text
    assert "Протокол" in text
