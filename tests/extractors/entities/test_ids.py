"""ID_DOC and TAX_ID recognizers: tables per language, including negatives; RNOKPP check digit."""

from __future__ import annotations

import pytest

from sestry.extractors.entities.ids import IdDocRecognizer, TaxIdRecognizer, rnokpp_valid
from tests.extractors.entities.entity_tables import check_table

ID_ROWS = [
    ("uk", "У мене забрали паспорт [СН 123456](ID_DOC=CH123456) і телефон."),
    ("uk", "Паспорт серії [КВ№482913](ID_DOC=KB482913) лишився в них."),
    ("uk", "Номер ID-картки [004512873](ID_DOC=004512873), дата видачі 2019."),
    ("uk", "Запис в реєстрі [20000101-01234](ID_DOC=20000101-01234)."),
    ("ru", "Паспорт [45 12 345678](ID_DOC=4512345678) выдан в Москве."),
    ("ru", "Забрали паспорт [ЕК 123456](ID_DOC=EK123456)."),
    ("en", "They took my passport [FE 123456](ID_DOC=FE123456) and my phone."),
    ("en", "Passport number [N12345678](ID_DOC=N12345678) was issued in 2019."),
    # English prose (issue 10): ID card number after "No.", a passport with a space
    ("en", "My ID card No. [004518273](ID_DOC=004518273) was taken at the checkpoint."),
    ("en", "His passport [EK 4410927](ID_DOC=EK4410927) stayed with them."),
    # entities-0.13.0: birth certificates, military IDs, "No." between series and number
    ("uk", "Свідоцтво про народження [ІІ-КС № 804217](ID_DOC) у мами."),
    ("uk", "Військовий квиток [ВС 3048172](ID_DOC=BC3048172) забрали."),
    ("ru", "Свидетельство о рождении [III-ЮБ 552190](ID_DOC) и паспорт [46 03 № 771204](ID_DOC)."),
    ("ru", "Военный билет № [8821430](ID_DOC=8821430) остался дома."),
    ("en", "Passport series [MK No. 208715](ID_DOC=MK208715), birth cert. [I-KS 804217](ID_DOC)."),
    ("en", "His military ID card No. [3048172](ID_DOC=3048172) was taken."),
    # negatives: too few digits, a plate, a bare 9-digit number with no document word
    ("uk", "Будинок 12, квартира 123456 — це неправда."),
    ("uk", "Машина АА 1234 ВВ стояла поруч."),
    ("en", "The count was 123456789 people."),
]

TAX_ROWS = [
    ("uk", "Мій РНОКПП [3012345670](TAX_ID=3012345670), я можу показати довідку."),
    ("uk", "Вона назвала число [2987654320](TAX_ID=2987654320) без пояснень."),
    ("ru", "Мой ИНН [2987654320](TAX_ID=2987654320) они записали."),
    ("ru", "ИНН: [3012345675](TAX_ID=3012345675) (с ошибкой в контрольной цифре)."),
    ("en", "Tax number [3012345670](TAX_ID=3012345670)."),
    ("en", "Her tax identification number is [3012345678](TAX_ID=3012345678)."),
    # negatives: bad check digit without a keyword; 11 digits
    ("uk", "Номер 3012345675 нічого не значить."),
    ("en", "Reference 30123456701 is an order number."),
]


@pytest.mark.parametrize(("lang", "marked"), ID_ROWS)
def test_id_doc_table(lang: str, marked: str) -> None:
    check_table(IdDocRecognizer(), marked, lang, "ID_DOC")


@pytest.mark.parametrize(("lang", "marked"), TAX_ROWS)
def test_tax_id_table(lang: str, marked: str) -> None:
    check_table(TaxIdRecognizer(), marked, lang, "TAX_ID")


@pytest.mark.parametrize(
    ("digits", "ok"),
    [
        ("3012345670", True),
        ("2987654320", True),
        ("3012345675", False),
        ("301234567", False),
        ("30123456700", False),
        ("30123x5675", False),
    ],
)
def test_rnokpp_check_digit(digits: str, ok: bool) -> None:
    assert rnokpp_valid(digits) is ok


def test_rnokpp_every_check_digit_but_one_is_rejected() -> None:
    valid = [d for d in "0123456789" if rnokpp_valid("301234567" + d)]
    assert valid == ["0"]


def test_tax_id_with_keyword_and_valid_check_digit_scores_higher() -> None:
    rec = TaxIdRecognizer()
    good = [s for s in rec.find("РНОКПП 3012345670", "uk") if s.detector.endswith("context")]
    bad = [s for s in rec.find("РНОКПП 3012345675", "uk") if s.detector.endswith("context")]
    assert good[0].score > bad[0].score
    assert good[0].detector == "tax_id@2:rnokpp_context"


def test_rnokpp_after_tax_number_is_tax_id_in_the_pipeline() -> None:
    from sestry.extractors.entities.pipeline import find_entities

    text = "My tax number: 3012345678, ID card No. 004518273."
    got = [(s.label, s.text) for s in find_entities(text, "en")]
    assert ("TAX_ID", "3012345678") in got
    assert ("ID_DOC", "004518273") in got
    assert not any(label == "ID_DOC" and "3012345678" in t for label, t in got)
