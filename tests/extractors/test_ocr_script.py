"""Cyrillic look-alike words on English pages read back in Latin (pure)."""

from __future__ import annotations

import pytest

from sestry.extractors.ocr_script import latin_twins


@pytest.mark.parametrize(
    ("read", "meant"),
    [
        ("house 14 В, flat 9", "house 14 B, flat 9"),  # a letter between Latin words
        ("Secretary К. І. Lysenko", "Secretary K. I. Lysenko"),  # initials in a row
        ("Judge О. М.\nnext line", "Judge O. M.\nnext line"),  # line end: one Latin side
        ("write to ор@mail.example now", "write to op@mail.example now"),  # mixed in a word
        ("Case Мо. 7 was", "Case Mo. 7 was"),
    ],
)
def test_look_alikes_between_latin_words_turn_latin(read: str, meant: str) -> None:
    out = latin_twins(read)
    assert out == meant
    assert len(out) == len(read)  # one for one: offsets and boxes stay valid


@pytest.mark.parametrize(
    "text",
    [
        "the sign ВХОД there",  # Д has no Latin twin: Cyrillic for sure
        "from Київ О. М. Петренко",  # look-alikes next to Cyrillic words
        "О. М.",  # no Latin word on the line says which
        "Kyiv, 12 May",
        "",
    ],
)
def test_what_is_not_a_misreading_stays(text: str) -> None:
    assert latin_twins(text) == text


def test_a_look_alike_between_latin_and_cyrillic_stays() -> None:
    assert latin_twins("signed by Олег and А. Коваль") == "signed by Олег and А. Коваль"


@pytest.mark.parametrize(
    "text", ["Witness: КОСАР О. В., born 1985", "Name: ОКСАНА МАКАР", "signed ТОМ at noon"]
)
def test_a_longer_all_look_alike_word_stays_cyrillic(text: str) -> None:
    """A Cyrillic name quoted on an English page must keep matching its other spellings."""
    assert latin_twins(text) == text
