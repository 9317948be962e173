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
    # negatives: a number without the keyword, the keyword without a number
    ("uk", "У частині міста 12345 людей, військова частина невідома."),
]


@pytest.mark.parametrize(("lang", "marked"), ROWS)
def test_military_unit_table(lang: str, marked: str) -> None:
    check_table(MilitaryUnitRecognizer(), marked, lang, "MILITARY_UNIT")
