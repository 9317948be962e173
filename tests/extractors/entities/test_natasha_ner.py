"""Natasha as the Russian NER detector: real Slovnet weights from the wheel, gap-filling merge."""

from __future__ import annotations

import pytest

pytest.importorskip("natasha")

from sestry.extractors.entities import natasha_ner  # noqa: E402
from sestry.extractors.entities.base import Span  # noqa: E402
from sestry.extractors.entities.pipeline import find_entities  # noqa: E402

pytestmark = pytest.mark.nlp


def test_natasha_finds_russian_people_places_and_organisations() -> None:
    text = "Вчера Пётр Ильич Завьялов прилетел из Новосибирска в офис компании Роснефть."
    got = {(s.label, s.text) for s in natasha_ner.natasha_spans(text)}
    assert ("PERSON", "Пётр Ильич Завьялов") in got
    assert ("LOC", "Новосибирска") in got
    assert any(label == "ORG" and "Роснефть" in t for label, t in got)
    assert all(s.detector.startswith("natasha@") for s in natasha_ner.natasha_spans(text))


def test_natasha_fills_gaps_and_never_reshapes_a_rule_span(monkeypatch) -> None:
    assert natasha_ner.enabled()
    text = "Гражданин Иванов сказал, что Роснефть закрыта."
    spans = find_entities(text, "ru")
    people = [s for s in spans if s.label == "PERSON"]
    assert [(s.text, s.detector.split("@")[0]) for s in people] == [("Иванов", "names")]
    monkeypatch.setenv(natasha_ner.ENV, "0")
    assert not natasha_ner.enabled()


def _span(start: int, end: int, label: str, text: str, detector: str) -> Span:
    return Span(start, end, label, text[start:end], text[start:end].lower(), detector, 0.7)


def test_natasha_never_relabels_a_rule_person_or_call_sign() -> None:
    """Fail closed: profiles keep LOC and ORG, so a call sign («Север») or a given name that is
    also a place ("Александрию") relabelled by the model would be released in clear."""
    text = "Делегация Эквадора прибыла."
    rule = _span(10, 18, "PERSON", text, "names@9:single")
    model = [_span(10, 18, "LOC", text, "natasha@1:LOC")]
    got = natasha_ner.merge(text, [rule], model)
    assert [(s.label, s.text, s.detector) for s in got] == [
        ("PERSON", "Эквадора", "names@9:single")
    ]
    quoted = "Нас пытал «Север»."
    call = _span(11, 16, "CALLSIGN", quoted, "names@9:quoted")
    got = natasha_ner.merge(quoted, [call], [_span(11, 16, "ORG", quoted, "natasha@1:ORG")])
    assert [(s.label, s.text) for s in got] == [("CALLSIGN", "Север")]


def test_a_run_keeps_a_first_word_that_is_also_a_name() -> None:
    """Review finding: "Израиль" is a country and a given name; the run must not lose it."""
    text = "Нас допрашивал Израиль Моисеевич Гольдберг."
    rules = [_span(15, 42, "PERSON", text, "names@9:run")]
    model = [_span(23, 42, "PERSON", text, "natasha@1:PER")]
    got = natasha_ner.merge(text, rules, model)
    assert [s.text for s in got if s.label == "PERSON"] == ["Израиль Моисеевич Гольдберг"]
    start = "Победа Ивановна Крылова дала показания."  # a common noun that is also a given name
    rules = [_span(0, 23, "PERSON", start, "names@9:run")]
    model = [_span(7, 23, "PERSON", start, "natasha@1:PER")]
    got = natasha_ner.merge(start, rules, model)
    assert [s.text for s in got if s.label == "PERSON"] == ["Победа Ивановна Крылова"]


def test_natasha_completes_a_name_the_rules_found_part_of() -> None:
    text = "Министр Нгуен Ван Тхань заявил."
    rules = [_span(8, 13, "PERSON", text, "names@9:single")]
    model = [_span(8, 23, "PERSON", text, "natasha@1:PER")]
    got = natasha_ner.merge(text, rules, model)
    assert ("PERSON", "Нгуен Ван Тхань") in {(s.label, s.text) for s in got}
    titled = "Гражданин Иванов пришел."
    rules = [_span(10, 16, "PERSON", titled, "names@9:single")]
    model = [_span(0, 16, "PERSON", titled, "natasha@1:PER")]
    assert [s.text for s in natasha_ner.merge(titled, rules, model)] == ["Иванов"]


def test_a_rule_run_starting_with_a_country_keeps_natashas_person_only() -> None:
    text = "Президент России Борис Николаевич Сомов уехал."
    rules = [_span(10, 39, "PERSON", text, "names@9:run")]
    model = [_span(17, 39, "PERSON", text, "natasha@1:PER")]
    got = natasha_ner.merge(text, rules, model)
    assert [s.text for s in got if s.label == "PERSON"] == ["Борис Николаевич Сомов"]
    assert got[0].norm == "борис николаевич сомов"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Министр финансов Вьетнама Нгуен Ван Тхань заявил журналистам.", "Нгуен Ван Тхань"),
        ("В понедельник нас допрашивал Андрей Сомов.", "Андрей Сомов"),
    ],
)
def test_whole_names_in_the_pipeline(text: str, name: str) -> None:
    assert name in [s.text for s in find_entities(text, "ru") if s.label == "PERSON"]


@pytest.mark.parametrize(
    ("text", "start", "end", "expected"),
    [
        ("Выдан: ПЕТРОВ Иван\n", 0, 5, False),  # a form label before a colon
        ("Подпись\nМ.П.", 8, 12, False),  # a stamp's place on a form
        ("Заходил О. К., сосед.", 8, 13, True),  # other initials alone stay (fail closed)
        ("Иван: мы пошли.", 0, 4, True),  # a speaker's name before a colon stays
        ("Сказал Иван Петров.", 7, 18, True),
    ],
)
def test_name_like_drops_labels_and_the_stamp_place(
    text: str, start: int, end: int, expected: bool
) -> None:
    span = Span(start, end, "PERSON", text[start:end], "", "natasha@x:PER", 0.5)
    assert natasha_ner._name_like(text, span) is expected


def test_an_abbreviation_after_a_name_is_not_grown_into_it() -> None:
    text = "Лечащий врач Сидоренко Э. Р. Зав. отделением Ковтун С. И."
    names = [s.text for s in find_entities(text, "ru") if s.label == "PERSON"]
    assert "Сидоренко Э. Р." in names
    assert not any("Зав" in n for n in names)
