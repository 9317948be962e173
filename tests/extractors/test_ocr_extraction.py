"""OCR language per page: the page's own letters choose the order of a second pass."""

from __future__ import annotations

import pytest

from sestry.core.settings import Settings
from sestry.extractors import ocr
from sestry.extractors.base import ItemInfo
from sestry.extractors.ocr_extraction import ocr_extraction, ocr_func
from tools.synth_scan import degrade, render_page

RU = [
    "ОБЪЯСНЕНИЕ",
    ("Я, гражданка, проживающая в посёлке, была задержана военными в марте. Они забрали "
    "телефон и документы, объяснили, что это проверка. Мы сидели в подвале три недели, "
    "было холодно, ели один раз в день."),
    "Съёмка велась тайно. Этот человек называл себя командиром, угрожал нам и бил.",
]
UK = [
    "ПОЯСНЕННЯ",
    ("Я, громадянка, що мешкає у селищі, була затримана військовими в березні. Вони забрали "
    "телефон і документи, пояснили, що це перевірка. Ми сиділи в підвалі три тижні."),
]


def _item(hint: str | None) -> ItemInfo:
    return ItemInfo("0" * 64, "page.png", 1, "image/png", hint)


@pytest.mark.ocr
def test_russian_page_without_a_hint_is_read_russian_first(cer) -> None:
    clean, lines = render_page(RU, dpi=300)
    image = degrade(clean, skew_deg=1.5, noise=0.002, seed=7)
    page = ocr_func(Settings.load(), _item(None))(1, image)
    assert page.language == "ru"
    assert cer("\n".join(lines), page.text) <= 0.01


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
