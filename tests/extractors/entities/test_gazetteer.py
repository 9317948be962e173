"""Gazetteer indexes: KATOTTG names, Latin transliteration, Russian skeletons, admin stems."""

from __future__ import annotations

import pytest

from sestry.extractors.entities import places
from sestry.extractors.entities.gazetteer import (
    adjective_stem,
    gazetteer,
    latin,
    pair_skeleton,
    pick,
    skeleton,
)

pytestmark = pytest.mark.nlp


@pytest.mark.parametrize(
    ("uk", "lat"),
    [("Мелітополь", "melitopol"), ("Київ", "kyiv"), ("Запоріжжя", "zaporizhzhia"),
     ("Ізюм", "izium"), ("Згурівка", "zghurivka"), ("Яготин", "yahotyn")],
)  # fmt: skip
def test_official_transliteration(uk: str, lat: str) -> None:
    assert latin(uk) == lat


def test_skeleton_joins_russian_and_ukrainian_spellings() -> None:
    assert skeleton("Харьков") == skeleton("Харків")
    assert skeleton("Васильевка") == skeleton("Василівка")


def test_pair_skeleton_ignores_doubled_consonants() -> None:
    assert pair_skeleton("русская лозовая") == pair_skeleton("руська лозова")
    assert pair_skeleton("великая новоселка") == pair_skeleton("велика новосілка")


@pytest.mark.parametrize(
    ("words", "name"),
    [
        (("великой", "новосёлке"), "велика новосілка"),
        (("русской", "лозовой"), "руська лозова"),
        (("часов", "яр"), "часів яр"),
    ],
)
def test_russian_spelling_of_a_two_word_settlement(words: tuple[str, str], name: str) -> None:
    hits = places.lookup(words, "ru", russian_skeleton=True)
    assert hits
    assert hits[0].name == name
    assert not places.lookup(words, "ru")  # only with a place context (the caller's flag)


def test_plural_adjective_reaches_a_two_word_country() -> None:
    assert places.lookup(("сполучених", "штатах"), "uk")[0].name == "сполучені штати"


def test_adjective_stem() -> None:
    assert adjective_stem("Запорізькій") == adjective_stem("запорізька") == "запорізьк"
    assert adjective_stem("Київ") is None


def test_oblast_raion_and_city_lookups() -> None:
    gaz = gazetteer()
    assert gaz.admin_unit("O", "Херсонської")[0].name == "херсонська"
    assert gaz.admin_unit("P", "Мелітопольського")[0].category == "P"
    city = pick(gaz.settlement("мелітополь"))
    assert city.code == "UA23080070010092407"


@pytest.mark.parametrize(
    ("lang", "word", "name"),
    [
        ("uk", "василівці", "василівка"),
        ("uk", "мелітополя", "мелітополь"),
        ("uk", "харкові", "харків"),
        ("uk", "бучі", "буча"),
        ("ru", "мелитополе", "мелітополь"),
        ("ru", "харькове", "харків"),
    ],
)
def test_inflected_place_reaches_the_codifier(lang: str, word: str, name: str) -> None:
    hits = places.lookup((word,), lang)
    assert hits
    assert hits[0].name == name


def test_pick_prefers_an_oblast_named_nearby() -> None:
    gaz = gazetteer()
    hits = gaz.settlement("василівка")
    zaporizka = gaz.admin_unit("O", "запорізька")[0].code
    assert pick(hits, frozenset({zaporizka})).oblast == zaporizka
