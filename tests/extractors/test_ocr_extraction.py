"""OCR language per page: the page's own letters choose the order of a second pass."""

from __future__ import annotations

import os
import stat

import pytest

from sestry.core.settings import Settings
from sestry.extractors import ocr
from sestry.extractors.base import ItemInfo
from sestry.extractors.ocr_extraction import ocr_extraction, ocr_func, page_ocr_rows
from tools.synth_scan import degrade, render_page

RU = [
    "ОБЪЯСНЕНИЕ",
    (
        "Я, гражданка, проживающая в посёлке, была задержана военными в марте. Они забрали "
        "телефон и документы, объяснили, что это проверка. Мы сидели в подвале три недели, "
        "было холодно, ели один раз в день."
    ),
    "Съёмка велась тайно. Этот человек называл себя командиром, угрожал нам и бил.",
]
UK = [
    "ПОЯСНЕННЯ",
    (
        "Я, громадянка, що мешкає у селищі, була затримана військовими в березні. Вони забрали "
        "телефон і документи, пояснили, що це перевірка. Ми сиділи в підвалі три тижні."
    ),
]


NOTE = [
    "ЗАЯВЛЕНИЕ",
    (
        "Прошу принять меры по факту задержания моего отца у моста 9 мая. С тех пор я не "
        "знаю, где он находится."
    ),
]


def _item(hint: str | None) -> ItemInfo:
    return ItemInfo("0" * 64, "page.png", 1, "image/png", hint)


@pytest.mark.ocr
def test_russian_page_without_a_hint_is_read_russian_first(cer) -> None:
    clean, lines = render_page(RU, dpi=300)
    image = degrade(clean, skew_deg=1.5, noise=0.002, seed=7)
    settings = Settings.load()
    page = ocr_func(settings, _item(None))(1, image)
    assert page.language == "ru"
    assert page.passes[-1].startswith("rus+")  # the text kept is the Russian-first read
    assert page.passes[0] == settings.ocr_languages
    assert cer("\n".join(lines), page.text) <= 0.01


@pytest.mark.ocr
def test_short_russian_note_is_read_russian_first(cer) -> None:
    clean, lines = render_page(NOTE, dpi=200, font_name="sans")
    image = degrade(clean, skew_deg=-2.5, noise=0.003, seed=11)
    page = ocr_func(Settings.load(), _item(None))(1, image)
    assert page.language == "ru"
    assert page.passes[-1].startswith("rus+")
    assert cer(" ".join(lines), page.text) <= 0.01


@pytest.mark.ocr
def test_ukrainian_page_without_a_hint_is_read_once() -> None:
    settings = Settings.load()
    page = ocr_func(settings, _item(None))(1, render_page(UK, dpi=200)[0])
    assert page.language == "uk"
    assert page.passes == (settings.ocr_languages,)  # "ukr+rus+eng": nothing to read again


@pytest.mark.ocr
def test_two_pages_two_languages_each_recorded(cer) -> None:
    settings = Settings.load()
    images = [(1, render_page(UK, dpi=200)[0]), (2, render_page(RU, dpi=200)[0])]
    # the sidecar says Ukrainian: a hint, not an order, for the Russian second page
    pages = ocr.map_pages(ocr_func(settings, _item("uk")), images, 1)
    assert [p.language for p in pages] == ["uk", "ru"]
    extraction = ocr_extraction("scan", pages, ["ocr", "ocr"], settings)
    assert [p.language for p in extraction.page_info] == ["uk", "ru"]
    assert "page_languages:ru+uk" in extraction.notes
    assert cer(RU[0], pages[1].text) == 0.0
    rows = page_ocr_rows(extraction)
    assert rows is not None
    assert [(r["page"], r["language"], len(r["passes"])) for r in rows] == [
        (1, "uk", 1),
        (2, "ru", 2),
    ]
    assert rows[0]["passes"][0].startswith("ukr+")
    assert rows[1]["passes"][1].startswith("rus+")


@pytest.mark.ocr
def test_second_pass_reads_the_first_pass_cleaned_page(monkeypatch: pytest.MonkeyPatch) -> None:
    """Despeckling, deskew and the page file run once a page, and the second pass reads what
    a fresh Russian-first OCR of the same page reads (same text, same boxes, same skew)."""
    from sestry.extractors import ocr_extraction

    clean, _ = render_page(RU, dpi=300)
    image = degrade(clean, skew_deg=-2.0, noise=0.002, seed=5)
    calls = []
    real = ocr.prepared

    def counted(*args, **kwargs):  # the real preparation, counted
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(ocr_extraction.ocr, "prepared", counted)
    settings = Settings.load()
    page = ocr_func(settings, _item(None))(1, image)
    assert len(page.passes) == 2
    assert len(calls) == 1
    monkeypatch.undo()
    fresh = ocr.ocr_page(image, page.passes[-1], 1)
    assert page.skew == fresh.skew != 0
    assert (page.text, page.words, page.confidence) == (fresh.text, fresh.words, fresh.confidence)


@pytest.mark.ocr
def test_prepared_page_file_is_private_and_removed() -> None:
    clean, _ = render_page(UK, dpi=200)
    with ocr.prepared(clean) as ready:
        folder_mode = stat.S_IMODE(os.stat(os.path.dirname(ready.path)).st_mode)
        assert folder_mode == 0o700
        assert os.path.getsize(ready.path) > 0
        first = ocr.read_prepared(ready, "ukr+rus+eng")
        again = ocr.read_prepared(ready, "ukr+rus+eng")
    assert not os.path.exists(ready.path)
    assert first == again
    assert (first.width, first.height) == clean.size
