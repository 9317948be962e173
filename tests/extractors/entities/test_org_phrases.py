# ruff: noqa: E501  (marked sentences read best on one line)
"""Institution phrases as ORG: adjectives + institution noun + genitive complement, legal forms."""

from __future__ import annotations

import pytest

from sestry.extractors.entities.org_phrases import OrgPhraseRecognizer
from sestry.extractors.entities.pipeline import find_entities
from tests.extractors.entities.entity_tables import check_table

pytestmark = pytest.mark.nlp

ROWS = [
    ("uk", "Справу передали до [Шевченківського районного суду міста Києва](ORG)."),
    ("uk", "Його відвезли до [Балаклійської центральної районної лікарні](ORG)."),
    ("uk", "Вона працювала у [Куп'янському відділі поліції](ORG)."),
    ("uk", "Допитували в [Управлінні ФСБ по Херсонській області](ORG)."),
    ("uk", "Документи зберігалися в [Апеляційному суді Харківської області](ORG)."),
    ("uk", "Він був директором [ТОВ Агросвіт](ORG) до війни."),
    ("ru", "Дело рассматривал [Ленинский районный суд города Донецка](ORG)."),
    ("ru", "Его доставили в [Мелитопольскую городскую больницу](ORG=мелитопольский городской больница)."),
    ("ru", "Жалобу направили в [прокуратуру Запорожской области](ORG)."),
    ("en", "The case went to the [Kharkiv District Court](ORG) and the [Regional Prosecutor's Office](ORG)."),
    ("en", "He was taken to [Izium Central District Hospital](ORG) by [Kupiansk Police Department](ORG) officers."),
    ("en", "She worked for [Agrosvit LLC](ORG), then for the [Svitanok Foundation](ORG)."),
    ("uk", "Його забрали співробітники [МВС](ORG=мвс), потім [ОМОН](ORG)."),
    ("ru", "Задержали сотрудники [ОВД](ORG), потом передали во [ФСИН](ORG); ООО закрыли."),
    ("uk", "Працювала в [Херсонському обласному центрі екстреної медичної допомоги](ORG)."),
    ("uk", "Гроші йшли через [ПриватБанк](ORG) та [Ощадбанк](ORG), посилки — [Укрпоштою](ORG=укрпошта)."),
    ("en", "He was held at the [Izium Temporary Detention Facility](ORG)."),
    ("uk", "У [Херсонській лікарні](ORG) минулого тижня лікували дітей."),
    # negatives: a building or a generic body as context, a place centre, rule by a country
    ("uk", "Нас тримали у лікарні, потім відвезли до центру міста, де був суд."),
    ("uk", "Центр Києва був порожній. Під управлінням Росії місто жило три місяці."),
    ("uk", "Районний суд не працював. Відділ поліції згорів."),
    ("ru", "В больнице не было света, суд закрыли, отдел полиции уехал."),
    ("en", "The hospital was shelled. Police Department staff fled. The court did not sit."),
    ("uk", "[Верховна Рада](ORG) ухвалила закон, а Північна частина села згоріла."),
    ("ru", "[Государственная Дума](ORG) приняла закон."),
]  # fmt: skip


@pytest.mark.parametrize(("lang", "marked"), ROWS)
def test_org_phrase_table(lang: str, marked: str) -> None:
    check_table(OrgPhraseRecognizer(), marked, lang, "ORG")


def test_an_org_phrase_wins_over_the_place_inside_it() -> None:
    text = "Справу розглядав Шевченківський районний суд міста Києва."
    spans = find_entities(text, "uk")
    assert [(s.label, s.text) for s in spans] == [
        ("ORG", "Шевченківський районний суд міста Києва")
    ]


def test_a_quoted_word_is_a_company_a_call_sign_or_a_name() -> None:
    text = "Він працював на «Укрметалпромі», командував ним «Граф», а медсестру звали «Марія»."
    labels = {s.text: s.label for s in find_entities(text, "uk")}
    assert labels == {"Укрметалпромі": "ORG", "Граф": "CALLSIGN", "Марія": "PERSON"}


def test_the_country_and_a_surname_are_never_company_words() -> None:
    text = "Слава Україні! Він бачив Кормашова в Російській Федерації, а «Кормашові» писав."
    assert [s for s in find_entities(text, "uk") if s.label == "ORG"] == []


def test_a_role_at_a_sentence_start_is_no_institution() -> None:
    spans = find_entities("Слідчий відділу поліції склав протокол.", "uk")
    assert [s.label for s in spans] == []
