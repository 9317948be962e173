"""PHONE (phonenumbers, E.164 norm) and EMAIL recognizers: tables per language with negatives."""

from __future__ import annotations

import pytest

from sestry.extractors.entities.contacts import EmailRecognizer, PhoneRecognizer
from tests.extractors.entities.entity_tables import check_table

PHONE_ROWS = [
    ("uk", "Її номер [+380 67 431 22 90](PHONE=+380674312290), дзвоніть."),
    ("uk", "Телефонуйте [067 215 48 33](PHONE=+380672154833) або пишіть."),
    ("uk", "Номер [(050) 123-45-67](PHONE=+380501234567) не відповідав."),
    ("uk", "Дзвоніть на [+380501234567](PHONE=+380501234567). Потім 23 лютого."),
    ("ru", "Позвоните по номеру [+7 924 211-75-96](PHONE=+79242117596)."),
    ("ru", "Мой номер [+380 50 123 45 67](PHONE=+380501234567)."),
    ("en", "Call my sister at [+380 63 777 12 34](PHONE=+380637771234)."),
    ("en", "The office line is [+44 20 7946 0958](PHONE=+442079460958)."),
    # negatives: dates, a time, a passport number, a short number
    ("uk", "Це сталося 24.02.2022 о 14:30."),
    ("uk", "Паспорт СН 123456."),
    ("en", "Room 1234 on 3/3/22."),
]

EMAIL_ROWS = [
    ("uk", "Пишіть на [halyna.melnyk74@ukr.net](EMAIL=halyna.melnyk74@ukr.net)."),
    ("ru", "Почта [Tanya.K@Mail.ru](EMAIL=tanya.k@mail.ru), пишите."),
    ("en", "Reach me at [sister.k+news@proton.me](EMAIL=sister.k+news@proton.me)."),
    ("en", "Not an address: user@localhost or @handle."),
    # an initial and a dot first, a Cyrillic look-alike initial, a Cyrillic mailbox (issue 10)
    ("uk", "Моя пошта: [o.petrenko.kyiv@ukr.net](EMAIL=o.petrenko.kyiv@ukr.net), пишіть."),
    ("uk", "Пишіть на [О.Petrenko.kyiv@ukr.net](EMAIL=o.petrenko.kyiv@ukr.net)."),
    ("ru", "Почта: [в.и.шевчук@почта.рф](EMAIL=в.и.шевчук@почта.рф) или ничего."),
    ("ru", "Это не адрес: 5@6 и т.п., а.б@в тоже."),
]


@pytest.mark.parametrize(("lang", "marked"), PHONE_ROWS)
def test_phone_table(lang: str, marked: str) -> None:
    check_table(PhoneRecognizer(), marked, lang, "PHONE")


@pytest.mark.parametrize(("lang", "marked"), EMAIL_ROWS)
def test_email_table(lang: str, marked: str) -> None:
    check_table(EmailRecognizer(), marked, lang, "EMAIL")


def test_bare_local_number_scores_below_a_prefixed_one() -> None:
    rec = PhoneRecognizer()
    prefixed = next(iter(rec.find("тел. 0671234567", "uk")))
    bare = next(iter(rec.find("код 671234567", "uk")), None)
    assert bare is None or bare.score < prefixed.score
