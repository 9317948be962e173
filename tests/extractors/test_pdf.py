"""PDFs: text layer with 300-dpi boxes, per-page OCR in mixed PDFs, fallback for scanned ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from sestry.core.errors import CorruptItem, EncryptedItem, NoTextLayer
from sestry.core.settings import Settings
from sestry.extractors.ocr import ocr_image
from sestry.extractors.pages import render_pages
from sestry.extractors.pdf import PdfTextLayer

from .conftest import EXPECTED


def test_text_layer_pdf_needs_no_ocr(run, samples: Path) -> None:
    result = run(samples / "statement_uk_textlayer.pdf")
    exp = EXPECTED["statement_uk_textlayer.pdf"]
    assert (result.kind, result.method, result.pages) == ("pdf", "text_layer", 1)
    assert result.attempts == ("pdf_text_layer@2",)
    assert result.ocr_confidence is None
    assert result.versions == {}
    for sentence in exp["sentences"]:
        assert sentence in " ".join(result.text.split())
    assert [result.text[w.start : w.end] for w in result.words[:3]] == ["ЗАЯВА", "СВІДКА", "Я,"]


def _covers(outer: tuple[int, int, int, int], inner: tuple[int, int, int, int], slack: int) -> bool:
    ox, oy, ow, oh = outer
    ix, iy, iw, ih = inner
    return (
        ox - slack <= ix
        and oy - slack <= iy
        and ix + iw <= ox + ow + slack
        and iy + ih <= oy + oh + slack
    )


@pytest.mark.ocr
def test_text_layer_boxes_cover_the_ink_on_the_300_dpi_rendering(
    run, samples: Path, settings: Settings
) -> None:
    """Each text-layer box covers the ink OCR finds for the same word on the rendered page
    (what image redaction needs), and is not much larger than that ink."""
    path = samples / "statement_uk_textlayer.pdf"
    layer = run(path)
    (page,) = render_pages(path, "application/pdf", settings)
    text, words, _ = ocr_image(page, "ukr+rus+eng")
    ocr_tokens = [text[w.start : w.end] for w in words]
    layer_tokens = [layer.text[w.start : w.end] for w in layer.words]
    ocr_boxes = {text[w.start : w.end]: (w.left, w.top, w.width, w.height) for w in words}
    matched = 0
    for w, token in zip(layer.words, layer_tokens, strict=True):
        unique = ocr_tokens.count(token) == 1 and layer_tokens.count(token) == 1
        if unique and len(token) >= 4:
            box = (w.left, w.top, w.width, w.height)
            assert _covers(box, ocr_boxes[token], slack=4), token
            assert w.width * w.height <= 3 * ocr_boxes[token][2] * ocr_boxes[token][3], token
            matched += 1
    assert matched >= 20


@pytest.mark.ocr
def test_scanned_pdf_falls_back_to_ocr(run, samples: Path, cer) -> None:
    result = run(samples / "statement_ru_scanned.pdf")
    assert result.attempts == ("pdf_text_layer@2", "pdf_ocr@2")
    assert (result.kind, result.method) == ("pdf", "ocr")
    assert [p.method for p in result.page_info] == ["ocr"]
    assert cer(EXPECTED["statement_ru_scanned.pdf"]["sentences"][0], result.text) <= 0.02
    assert result.ocr_confidence is not None
    assert result.ocr_confidence > 80


@pytest.mark.ocr
def test_garbled_text_layer_is_not_trusted(run, samples: Path, cer) -> None:
    """A layer of control characters (font without ToUnicode) would hide names from entity
    detection: the page is OCRed instead."""
    result = run(samples / "statement_uk_garbled_layer.pdf")
    assert result.attempts == ("pdf_text_layer@2", "pdf_ocr@2")
    assert [p.method for p in result.page_info] == ["ocr"]
    sentence = EXPECTED["statement_uk_garbled_layer.pdf"]["sentences"][0]
    assert cer(sentence, result.text) <= 0.02
    assert not any(ord(c) < 32 and c not in "\n\f" for c in result.text)


@pytest.mark.ocr
def test_text_over_a_scanned_image_is_ocred_whole(run, samples: Path, cer) -> None:
    """The layer holds only a typed header; the statement is in an image. Trusting the layer
    would miss every name in the image: the rendered page is OCRed (header included)."""
    result = run(samples / "statement_en_header_over_scan.pdf")
    assert result.attempts == ("pdf_text_layer@2", "pdf_ocr@2")
    assert cer("Case file INT-EN-0412, attachment 2", result.text) <= 0.05
    for sentence in EXPECTED["statement_en_header_over_scan.pdf"]["sentences"]:
        assert cer(sentence, result.text) <= 0.02


def test_image_area_reason_is_named(samples: Path, settings: Settings, make_item) -> None:
    path = samples / "statement_en_header_over_scan.pdf"
    with pytest.raises(NoTextLayer, match="image_area"):
        PdfTextLayer(settings).extract(path, make_item(path))


@pytest.mark.ocr
def test_mixed_pdf_reads_each_page_its_own_way(run, samples: Path, cer) -> None:
    result = run(samples / "statement_en_mixed.pdf")
    assert result.attempts == ("pdf_text_layer@2",)
    assert [p.method for p in result.page_info] == ["text_layer", "ocr"]
    assert result.method == "ocr"
    assert "mixed_pages" in result.notes
    assert "ocr_reason:image_area:1" in result.notes
    assert {w.page for w in result.words} == {1, 2}
    page1, page2 = result.text.split("\f")
    assert EXPECTED["statement_en_mixed.pdf"]["sentences"][0] in " ".join(page1.split())
    sentence2 = "They kept me in the basement of the grain store for nineteen days."
    assert cer(sentence2, page2) <= 0.02
    # confidence comes from the OCRed page only
    assert result.page_info[0].confidence is None
    assert result.page_info[1].confidence == pytest.approx(result.ocr_confidence)


def test_text_layer_extractor_alone_raises_no_text_layer(
    samples: Path, settings: Settings, make_item
) -> None:
    path = samples / "statement_ru_scanned.pdf"
    with pytest.raises(NoTextLayer) as info:
        PdfTextLayer(settings).extract(path, make_item(path))
    assert info.value.reason == "no_text_layer"


@pytest.mark.parametrize(
    ("name", "error", "reason"),
    [
        ("bad/encrypted.pdf", EncryptedItem, "encrypted"),
        ("bad/truncated.pdf", CorruptItem, "corrupt"),
    ],
)
def test_bad_pdfs(run, samples: Path, name: str, error, reason: str) -> None:
    with pytest.raises(error) as info:
        run(samples / name)
    assert info.value.reason == reason == EXPECTED[name]["reason"]
