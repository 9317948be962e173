"""Morphology helpers: cached readings, name keys, patronymic endings."""

from __future__ import annotations

import pytest

from sestry.extractors.entities import morph

pytestmark = pytest.mark.nlp


@pytest.mark.parametrize(
    ("lang", "word", "gender", "case", "lemma"),
    [
        ("uk", "олени", "femn", "gent", "олена"),
        ("uk", "ковальчуком", "masc", "ablt", "ковальчук"),
        ("uk", "петрові", "masc", None, "петро"),
        ("ru", "ивановой", "femn", None, "иванова"),
        ("ru", "петром", "masc", "ablt", "петр"),
        ("uk", "граф", None, None, "граф"),
    ],
)
def test_name_lemma(lang: str, word: str, gender: str | None, case: str | None, lemma: str) -> None:
    tag = "Surn" if word.startswith(("ковальч", "иванов")) else None if word == "граф" else "Name"
    assert morph.name_lemma(lang, word, gender, case, tag) == lemma


@pytest.mark.parametrize(
    ("word", "lemma"),
    [
        ("петровичем", "петрович"),
        ("іванович", "іванович"),
        ("петрівни", "петрівна"),
        ("сергеевной", "сергеевна"),
        ("ковальчук", None),
    ],
)
def test_patronymic_lemma(word: str, lemma: str | None) -> None:
    assert morph.patronymic_lemma(word) == lemma


def test_word_info_is_cached() -> None:
    morph.word_info("uk", "олена")
    before = morph.word_info.cache_info().hits
    morph.word_info("uk", "олена")
    assert morph.word_info.cache_info().hits == before + 1


def test_readings_of_a_name_carry_gender_and_case() -> None:
    assert ("femn", "gent") in morph.readings("uk", "олени")
    assert morph.readings("uk", "стіл") == frozenset()
