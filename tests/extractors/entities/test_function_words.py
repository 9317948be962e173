"""Words capitalised by position: function words, greetings and plural subjects, not names."""

from __future__ import annotations

import pytest

from sestry.extractors.entities.function_words import plural_subject, positional_capital
from sestry.extractors.entities.pipeline import find_entities

pytestmark = pytest.mark.nlp


@pytest.mark.parametrize(
    ("word", "lang", "expected"),
    [
        ("тому", "uk", True),
        ("далі", "uk", True),
        ("немає", "uk", True),
        ("потом", "ru", True),
        ("здесь", "ru", True),
        ("good", "en", True),
        ("then", "en", True),
        # names, also when another reading is a function word ("Влад" is also an adverb)
        ("влад", "uk", False),
        ("віра", "uk", False),
        ("олена", "uk", False),
        ("надежда", "ru", False),
        ("olena", "en", False),
    ],
)
def test_positional_capital(word: str, lang: str, expected: bool) -> None:
    assert positional_capital(word, lang) is expected


@pytest.mark.parametrize(
    ("word", "verb", "lang", "expected"),
    [
        ("люди", "стояли", "uk", True),
        ("люди", "молчали", "ru", True),
        ("солдаты", "пришли", "ru", True),
        # a family in the plural is a name (the lemma has a surname reading): fail closed
        ("ковальчуки", "прийшли", "uk", False),
        ("мельники", "прийшли", "uk", False),
        # no plural verb to agree with: a dative name stays a name
        ("олені", "було", "uk", False),
    ],
)
def test_plural_subject(word: str, verb: str, lang: str, expected: bool) -> None:
    assert plural_subject(word, verb, lang) is expected


@pytest.mark.parametrize(
    ("lang", "text"),
    [("uk", "Північна частина села згоріла."), ("ru", "Северная часть села сгорела.")],
)
def test_a_sentence_initial_adjective_before_its_noun_is_no_name(lang: str, text: str) -> None:
    assert [s for s in find_entities(text, lang) if s.label == "PERSON"] == []
