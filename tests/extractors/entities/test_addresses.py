"""ADDRESS recognizer: street + house (+ flat) in uk/ru, number + street in en."""

from __future__ import annotations

import pytest

from sestry.extractors.entities.addresses import AddressRecognizer
from tests.extractors.entities.entity_tables import check_table

ROWS = [
    ("uk", "Я жила за адресою [вул. Шевченка, 12, кв. 5](ADDRESS=вул. шевченка, 12, кв. 5)."),
    ("uk", "На будинку по [вулиці Миру 7](ADDRESS) стояла вантажівка."),
    ("uk", "Мешкала на [просп. Соборному, буд. 101/2](ADDRESS)."),
    ("ru", "Мы жили по адресу [ул. Ленина 3](ADDRESS), это в центре."),
    ("ru", "Адрес: [улица Садовая, д. 15, кв. 40](ADDRESS)."),
    ("en", "I lived at [12 Main Street](ADDRESS) before the war."),
    ("en", "Send it to [221 Baker Street, Apt. 4](ADDRESS=221 baker street, apt. 4)."),
    # negatives: a street word without a name, a bare number
    ("uk", "На вулиці було 12 людей."),
    ("en", "We walked down the street for 12 minutes."),
]


@pytest.mark.parametrize(("lang", "marked"), ROWS)
def test_address_table(lang: str, marked: str) -> None:
    check_table(AddressRecognizer(), marked, lang, "ADDRESS")
