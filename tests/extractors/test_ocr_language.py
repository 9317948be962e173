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
        # a short Russian note read Ukrainian-first: its one "ы" became "ь", but 80+ Cyrillic
        # letters with no і ї є ґ say Russian
        (
            (
                "Прошу принять мерь по факту задержания моего мужа на блокпосту у моста. С тех "
                "пор я не знаю, где он находится."
            ),
            "ru",
        ),
        # too short a text, or one Ukrainian letter in under 100, does not say
        ("Прошу принять мерь по факту задержания.", None),
        (
            (
                "Прошу принять мерь по факту задержания моего мужа на блокпосту у моста. С тех "
                "пор я не знаю, где он находится, і все."
            ),
            None,
        ),
        # too few letters, or letters that do not say
        ("Протокол 12", None),
        ("Мама тато сестра брат дома хата вода земля небо", None),
    ],
)
def test_page_language(text: str, expected: str | None) -> None:
    assert page_language(text) == expected
