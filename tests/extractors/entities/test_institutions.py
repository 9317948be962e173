"""Institutions as ORG: numbered institutions, power plants, administrations, ministries."""

from __future__ import annotations

import pytest

from sestry.extractors.entities.institutions import InstitutionRecognizer
from tests.extractors.entities.entity_tables import check_table

pytestmark = pytest.mark.nlp

ROWS = [
    ("uk", "Нас тримали у [школі № 12](ORG=школа № 12), потім у [СІЗО-3](ORG=сізо-3)."),
    ("uk", "Її перевели до [ліцею №3](ORG=ліцей №3), а в [Херсонському СІЗО](ORG) було гірше."),
    ("uk", "Біля [Запорізької АЕС](ORG=запорізький аес) стояли танки."),
    ("uk", "[Дніпровська ГЕС](ORG) і [Херсонська ОВА](ORG) — теж."),
    ("uk", "Мене викликали в [Мелітопольську райдержадміністрацію](ORG) двічі."),
    ("uk", "Лист з [Міністерства охорони здоров'я України](ORG) прийшов пізно."),
    ("uk", "Тримали у [виправній колонії №7](ORG=виправний колонія №7) три місяці."),
    ("uk", "Нас вивезли бійці [Національної гвардії](ORG) і [ДСНС](ORG)."),
    ("ru", "Держали в [СИЗО №2](ORG=сизо №2), потом в [больнице №4](ORG=больница №4)."),
    ("ru", "Повестку прислал [горисполком](ORG), подписал [Министерство внутренних дел РФ](ORG)."),
    ("ru", "Его увезли в [ИК-7](ORG) под охраной [Национальной гвардии](ORG)."),
    ("en", "We were held in [SIZO No. 2](ORG) and then in [School No. 5](ORG)."),
    ("en", "The [State Border Guard Service](ORG) and the [National Guard](ORG) arrived."),
    ("en", "Near the [Zaporizhzhia Nuclear Power Plant](ORG) the [Kherson City Council](ORG) met."),
    ("en", "A letter from the [Ministry of Foreign Affairs of Ukraine](ORG) came."),
    # negatives: a building as context, a number that is not an institution number
    ("uk", "Нас тримали в ізоляторі, потім у підвалі школи, а школа 5 років стояла порожня."),
    ("ru", "Школа 5 лет была закрыта, в больнице было 40 человек."),
    ("en", "The school had 5 classes; the hospital was 3 km away."),
]


@pytest.mark.parametrize(("lang", "marked"), ROWS)
def test_institution_table(lang: str, marked: str) -> None:
    check_table(InstitutionRecognizer(), marked, lang, "ORG")


def test_every_case_of_a_numbered_institution_shares_a_key() -> None:
    rec = InstitutionRecognizer()
    keys = {s.norm for t in ("У школі №5.", "Школа №5 горіла.", "До школи №5.") for s in
            rec.find(t, "uk")}  # fmt: skip
    assert keys == {"школа №5"}
