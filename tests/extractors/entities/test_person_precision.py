"""Non-names taken for names (entities-0.13.0): general rules, synthetic sentences.

A lone sentence-initial word whose name readings are only oblique or plural while a common noun
reads it in the nominative ("Люди.", "Бабця сиділа"), or an imperative ("Іди!"), is no name;
a country after "громадянин" is a place; an acronym before a quoted name makes it a company;
initials tokenised with a space before the dot ("О . Ткаченко") are still initials; a short
acronym next to a name ("від ППР Олега X") is the organisation, not part of the name.
"""

from __future__ import annotations

import pytest

from sestry.extractors.entities.pipeline import find_entities

pytestmark = pytest.mark.nlp


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("uk", "Було темно. Люди. Крики. Ми бігли."),
        ("uk", "Вона стояла біля хати. Бабця плакала."),
        ("uk", "Він закричав. Іди! Я не пішла."),
    ],
)
def test_a_common_word_at_a_sentence_start_is_no_person(lang: str, text: str) -> None:
    assert [s.text for s in find_entities(text, lang) if s.label == "PERSON"] == []


@pytest.mark.parametrize(
    ("lang", "text", "name"),
    [
        ("uk", "Було темно. Олену забрали вранці.", "Олену"),
        ("uk", "Нас зустріла сусідка. Галя плакала.", "Галя"),
        ("ru", "Мы ждали. Валю увезли ночью.", "Валю"),
    ],
)
def test_a_name_at_a_sentence_start_stays_a_person(lang: str, text: str, name: str) -> None:
    assert name in [s.text for s in find_entities(text, lang) if s.label == "PERSON"]


@pytest.mark.parametrize(
    ("lang", "text", "place"),
    [
        ("uk", "Слідчий сказав, що він громадянин Білорусі.", "Білорусі"),
        ("ru", "Задержанная — гражданка Казахстана.", "Казахстана"),
        ("uk", "Дід народився ще в СРСР.", "СРСР"),
    ],
)
def test_a_country_after_a_citizen_word_is_a_place(lang: str, text: str, place: str) -> None:
    spans = {s.text: s.label for s in find_entities(text, lang)}
    assert spans.get(place) == "LOC"


def test_an_acronym_before_a_quoted_name_makes_it_an_org() -> None:
    spans = find_entities("Він працював у СТО «Тарас» і грав за ФК «Зоря».", "uk")
    assert [(s.label, s.text) for s in spans] == [
        ("ORG", "СТО «Тарас»"),
        ("ORG", "ФК «Зоря»"),
    ]


def test_tokenised_initials_are_one_person() -> None:
    spans = find_entities("Лист підписав В . І . Мороз , а відповіла О . Гнатюк .", "uk")
    assert [(s.text, s.norm) for s in spans if s.label == "PERSON"] == [
        ("В . І . Мороз", "в. і. мороз"),
        ("О . Гнатюк", "о. гнатюк"),
    ]


def test_a_short_acronym_next_to_a_name_is_not_part_of_it() -> None:
    text = "Це був депутат від ППР Олега Шевчука, а слідчий Ігор ЛИС мовчав."
    spans = [s.text for s in find_entities(text, "uk") if s.label == "PERSON"]
    assert spans == ["Олега Шевчука", "Ігор ЛИС"]
