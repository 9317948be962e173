"""Name tokens: token kinds, neighbour fixes, (gender, case) agreement and name keys."""

from __future__ import annotations

import pytest

from sestry.extractors.entities.name_tokens import (
    agreement,
    diminutive,
    kind,
    person_norm,
    refine,
)

pytestmark = pytest.mark.nlp


@pytest.mark.parametrize(
    ("lang", "token", "expected"),
    [
        ("uk", "Олена", "G"),
        ("uk", "Петрівна", "P"),
        ("uk", "Ковальчук", "S"),
        ("uk", "О.", "I"),
        ("uk", "КОВАЛЕНКО", "A"),
        ("uk", "Потім", "C"),
        ("ru", "Тихонов", "S"),
        ("en", "Mykola", "G"),
        ("en", "Hnatiuk", "S"),
        ("en", "Kherson", "U"),
    ],
)
def test_kind(lang: str, token: str, expected: str) -> None:
    assert kind(token, lang) == expected


@pytest.mark.parametrize(
    ("tokens", "before", "after"),
    [
        (["КОВАЛЕНКО", "Наталія", "Олегівна"], "AGP", "SGP"),
        (["ЗСУ"], "A", "C"),
        (["Охримович", "Ольга", "Соломонівна"], "PGP", "SGP"),
        (["Світлани", "Данькевич"], "GP", "GS"),
        (["Марина", "Ткачишин"], "GC", "GS"),
        (["Розповідь", "Світлани", "Данькевич"], "CGP", "CGS"),
    ],
)
def test_refine_fixes_kinds_by_neighbours(tokens: list[str], before: str, after: str) -> None:
    kinds = list(before)
    refine(kinds, tokens, "uk")
    assert "".join(kinds) == after


def test_agreement_prefers_the_patronymic() -> None:
    lows = ["гайдай", "павла", "давидовича"]
    assert agreement(lows, ["S", "G", "P"], "uk")[0] == "masc"


def test_person_norm_orders_given_patronymic_surname() -> None:
    toks = [(0, 9, "Ковальчук"), (10, 15, "Петро"), (16, 24, "Іванович")]
    assert person_norm(toks, ["S", "G", "P"], "uk") == "петро іванович ковальчук"


@pytest.mark.parametrize(
    ("word", "expected"),
    [("тарасик", True), ("olenka", True), ("ivanko", True), ("banka", False),
     ("troika", False), ("гривка", False)],
)  # fmt: skip
def test_diminutive_of_a_listed_given_name(word: str, expected: bool) -> None:
    assert diminutive(word) is expected


def test_an_unknown_diminutive_is_a_given_name() -> None:
    assert kind("Тарасик", "uk") == "G"
    assert kind("Olenka", "en") == "G"


def test_capitals_next_to_initials_are_a_surname() -> None:
    kinds = ["I", "A"]
    refine(kinds, ["В. П.", "СИДОРЕНКО"], "uk")
    assert kinds == ["I", "S"]
