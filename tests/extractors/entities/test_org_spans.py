# ruff: noqa: E501  (marked sentences read best on one line)
"""ORG spans through the whole pipeline (entities-0.13.0): the full name of an institution.

The span is the head noun with its modifiers, its name, its number and its complement
("Балаклійській загальноосвітній школі I-III ступенів №2", "СІЗО № 1 міста Сімферополя"),
so a strict score and redaction see one entity, not a part of it. Synthetic sentences.
"""

from __future__ import annotations

import pytest

from sestry.extractors.entities.pipeline import find_entities
from tests.extractors.entities.entity_tables import unmark

pytestmark = pytest.mark.nlp

ROWS = [
    ("uk", "Сина перевели до [Лозівської загальноосвітньої школи I-III ступенів №4](ORG)."),
    ("uk", "Її тримали в [СІЗО № 2 міста Мелітополя](ORG), а потім у [Херсонському СІЗО](ORG)."),
    ("uk", "Він навчався в [Сумському державному університеті імені А. С. Макаренка](ORG)."),
    ("uk", "Звернулися до [Міністерства з питань стратегічних галузей промисловості](ORG)."),
    (
        "uk",
        "Допомагала [міжнародна благодійна організація «Сонячне коло»](ORG) і [Національна гвардія України](ORG).",
    ),
    ("ru", "Справку выдал [отдел МВД России по городу Севастополю](ORG)."),
    (
        "ru",
        "Её отвезли в [больницу № 4 г. Энергодара](ORG) и передали в [общественную организацию «Вектор»](ORG).",
    ),
    ("ru", "Ответ пришёл из [Министерства цифрового развития Российской Федерации](ORG)."),
    ("en", "The file went to the [Main Directorate of the National Police in Sumy Oblast](ORG)."),
    ("en", "Volunteers of the [Danish Refugee Council](ORG) visited [Lyceum No. 12](ORG)."),
    ("en", "We wrote to the [Office of the Prosecutor General of Ukraine](ORG) twice."),
    ("en", "He spent a year in the [Mariupol pre-trial detention centre](ORG)."),
    ("uk", "Лист надіслали до [Офісу Генерального прокурора України](ORG)."),
    # negatives: a generic institution word, a count of schools, a person after a ministry
    ("uk", "Він лежав у лікарні, а три школи в районі закрили."),
]


@pytest.mark.parametrize(("lang", "marked"), ROWS)
def test_org_span_table(lang: str, marked: str) -> None:
    text, gold = unmark(marked)
    got = [(s.start, s.end) for s in find_entities(text, lang) if s.label == "ORG"]
    assert got == [(a, b) for a, b, _, _ in gold], [text[a:b] for a, b in got]


def test_a_named_brigade_is_a_military_unit_not_an_org() -> None:
    text = "Їх звільнили бійці бригади «Сині Птахи» та [93-ї окремої механізованої бригади]."
    spans = find_entities(text.replace("[", "").replace("]", ""), "uk")
    assert [(s.label, s.text) for s in spans if s.label in ("ORG", "MILITARY_UNIT")] == [
        ("MILITARY_UNIT", "бригади «Сині Птахи»"),
        ("MILITARY_UNIT", "93-ї окремої механізованої бригади"),
    ]
