"""ORG recognizer: known bodies in every case, and "ТОВ «Назва»" names."""

from __future__ import annotations

import pytest

from sestry.extractors.entities.orgs import OrgRecognizer
from tests.extractors.entities.entity_tables import check_table

ROWS = [
    ("uk", "Приїхали військові [ФСБ](ORG=фсб) і [Росгвардії](ORG=росгвардія)."),
    ("uk", "Прийшли представники [Червоного Хреста](ORG=мкчх)."),
    ("uk", "Я звернулася до [Національної поліції](ORG=національна поліція)."),
    ("uk", "Він працював у [ТОВ «Зоря-Агро»](ORG=тов «зоря-агро»)."),
    ("ru", "Пришли люди из [Росгвардии](ORG=росгвардія) и [ФСБ России](ORG=фсб)."),
    ("en", "I later spoke to the [Red Cross](ORG=мкчх) and the [OSCE](ORG=обсє)."),
    # negatives: ordinary words and capitalised non-organisations
    ("uk", "Хрест стояв на пагорбі, поліцейських не було."),
    ("en", "The unit was fine."),
]


@pytest.mark.parametrize(("lang", "marked"), ROWS)
def test_org_table(lang: str, marked: str) -> None:
    check_table(OrgRecognizer(), marked, lang, "ORG")
