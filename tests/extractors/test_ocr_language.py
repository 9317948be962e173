"""A page's language from its letters (pure): Russian-only, Ukrainian-only, Latin share."""

from __future__ import annotations

import pytest

from sestry.extractors.ocr_language import page_language


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Я была задержана военными, объяснили, что это съёмка и проверка документов.", "ru"),
        ("Мене затримали військові, пояснили, що це перевірка її документів і речей.", "uk"),
        ("I was detained by soldiers who said it was a check of my documents.", "en"),
        # a Ukrainian-first misreading of "ы" as "ьі" still says Russian
        ("Я бьла задержана военньіми в марте, они бьіли в форме и били нас.", "ru"),
        # too few letters, or letters that do not say
        ("Протокол 12", None),
        ("Мама тато сестра брат дома хата вода земля небо", None),
    ],
)
def test_page_language(text: str, expected: str | None) -> None:
    assert page_language(text) == expected
