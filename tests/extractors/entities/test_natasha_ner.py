"""Natasha as the Russian NER detector: real Slovnet weights from the wheel, gap-filling merge."""

from __future__ import annotations

import pytest

pytest.importorskip("natasha")

from sestry.extractors.entities import natasha_ner  # noqa: E402
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
