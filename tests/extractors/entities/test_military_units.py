"""MILITARY_UNIT recognizer: keyword + number, norm is the number with a Latin letter."""

from __future__ import annotations

import pytest

from sestry.extractors.entities.military_units import MilitaryUnitRecognizer
from tests.extractors.entities.entity_tables import check_table

ROWS = [
    ("uk", "Нас тримали на території [в/ч А4125](MILITARY_UNIT=A4125)."),
    ("uk", "Він служив у [військовій частині А1234](MILITARY_UNIT=A1234)."),
    ("uk", "Адреса [в/ч 12345](MILITARY_UNIT=12345) невідома."),
    ("ru", "Он сказал, что служит в [в/ч 12345](MILITARY_UNIT=12345)."),
    ("ru", "Нас держали у [войсковой части 54321](MILITARY_UNIT=54321)."),
    ("ru", "Это [воинская часть № 71289](MILITARY_UNIT=71289)."),
    ("en", "He served in [military unit 12345](MILITARY_UNIT=12345)."),
    ("en", "The order came from [Military Unit A0000](MILITARY_UNIT=A0000)."),
    # formations (entities-0.13.0): number + adjectives + unit noun, or a quoted name
    ("uk", "Він у [47-й окремій механізованій бригаді](MILITARY_UNIT=47 brigade)."),
    ("uk", "Служив у [110 окремій бригаді](MILITARY_UNIT=110 brigade) ТрО."),
    ("uk", "Їх відбили бійці [3-го батальйону](MILITARY_UNIT=3 battalion)."),
    ("uk", "Прийшли хлопці з [батальйону «Сокіл»](MILITARY_UNIT=battalion «сокіл»)."),
    ("uk", "Це зробили [25 ОПДБр](MILITARY_UNIT=25 опдбр) разом із сусідами."),
    ("ru", "Это были солдаты [237-го гвардейского десантно-штурмового полка](MILITARY_UNIT)."),
    ("ru", "Командир [41-й общевойсковой армии](MILITARY_UNIT=41 army) приезжал."),
    ("ru", "В село вошла [2-я рота](MILITARY_UNIT=2 company)."),
    ("en", "He fought with the [24th Mechanized Brigade](MILITARY_UNIT=24 brigade)."),
    ("en", "Men of the [810th Guards Naval Infantry Brigade](MILITARY_UNIT) came."),
    ("en", "They joined the [Sokil Battalion](MILITARY_UNIT=battalion «sokil»)."),
    # negatives: a number without the keyword, the keyword without a number, counts, years
    ("uk", "У частині міста 12345 людей, військова частина невідома."),
    ("uk", "Там стояли 3 роти і 5 окремих бригад, а полковник мовчав."),
    ("uk", "У 2022 році бригада пішла."),
    ("en", "The 3 brigades left; the company paid the 2nd installment."),
]


@pytest.mark.parametrize(("lang", "marked"), ROWS)
def test_military_unit_table(lang: str, marked: str) -> None:
    check_table(MilitaryUnitRecognizer(), marked, lang, "MILITARY_UNIT")
