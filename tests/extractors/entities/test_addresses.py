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
    # issue 10: English street names without a leading number, transliterated street words,
    # Ukrainian and Russian locatives
    ("en", "She lived on [Shevchenka Street](ADDRESS) and later at [Myru Avenue 5](ADDRESS)."),
    ("en", "We moved to [Vokzalna Street 7, Apt 3](ADDRESS=vokzalna street 7, apt 3) in May."),
    ("en", "The office on [vul. Hrushevskoho 12](ADDRESS) was closed."),
    ("uk", "Вона жила на [вул. Лісовій, 12](ADDRESS=вул. лісовій, 12) до війни."),
    ("ru", "Жила на [ул. Садовой, д. 7](ADDRESS=ул. садовой, д. 7) с мамой."),
    # address@3 (set 10): a house given as "bldg.", a hyphenated house letter, addresses abroad
    # in their local form (the street type ends the word or follows the name; or comes first)
    ("en", "Address: [Sadova St., bldg. 27, apt. 4](ADDRESS), Mykolaiv."),
    ("uk", "Оглянули квартиру: [вул. Польова, 15-Б, кв. 8](ADDRESS), м. Боярка."),
    ("en", "Address: [Kirkegata 3 A](ADDRESS=kirkegata 3 a), 0153 Oslo."),
    ("en", "She lives at [Lindenlaan 12](ADDRESS), Utrecht, her son at [Hauptstraße 5](ADDRESS)."),
    ("en", "Consulate of Ukraine in Sweden\n[Sveavägen 20](ADDRESS), 113 50 Stockholm."),
    ("en", "A room at [ul. Marszałkowska 12 m. 4](ADDRESS), later at [Via Roma 5](ADDRESS)."),
    ("en", "They met at [Karl Johans gate 14](ADDRESS); he passed the gate 3 times."),
    ("en", "[Drottninggatan 5, lgh 1102](ADDRESS) is the flat. The Gate 3 was shut."),
    ("uk", "Проживає: [вул. Садова, буд. 12, корп. 2, кв. 5](ADDRESS), м. Суми."),
    ("ru", "Адрес: [ул. Мира, д. 3, корп. 1, кв. 40](ADDRESS=ул. мира, д. 3, корп. 1, кв. 40)."),
    ("en", "She lives at [5 Shevchenko St., apt. 12](ADDRESS), Lviv."),
    # negatives: a street word without a name, a bare number; institutions ending in "Court"
    ("en", "The International Criminal Court heard it. The Street was empty."),
    ("uk", "На вулиці було 12 людей."),
    ("en", "We walked down the street for 12 minutes."),
]


@pytest.mark.parametrize(("lang", "marked"), ROWS)
def test_address_table(lang: str, marked: str) -> None:
    check_table(AddressRecognizer(), marked, lang, "ADDRESS")
