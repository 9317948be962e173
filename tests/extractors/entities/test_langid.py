"""Offline language id: letters and stopwords; sentence runs for mixed documents."""

from __future__ import annotations

import pytest

from sestry.extractors.entities.langid import detect_language, split_by_language


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Мене затримали двадцять четвертого лютого у Василівці.", "uk"),
        ("Їх вивезли в ізолятор, і ми більше їх не бачили.", "uk"),
        ("Меня задержали в Мелитополе, это было ужасно.", "ru"),
        ("Мы сидели в подвале и ждали, что нас выпустят.", "ru"),
        ("He was detained in Kherson and held in a basement.", "en"),
        ("Мене затримали вранці. Меня задержали и увезли в подвал, это был ужас.", "mixed"),
        ("12345 67890", "und"),
        ("", "und"),
    ],
)
def test_detect_language(text: str, lang: str) -> None:
    assert detect_language(text) == lang


def test_split_by_language_finds_each_run_and_covers_the_text() -> None:
    text = "Мене затримали вранці. Меня задержали и увезли в подвал. They beat him."
    runs = list(split_by_language(text))
    assert [lang for _, _, lang in runs] == ["uk", "ru", "en"]
    assert runs[0][0] == 0
    assert runs[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(runs, runs[1:], strict=False))


def test_sentence_without_signal_takes_the_previous_language() -> None:
    text = "Меня задержали и увезли. 24.02.2022."
    assert [lang for _, _, lang in split_by_language(text)] == ["ru"]
