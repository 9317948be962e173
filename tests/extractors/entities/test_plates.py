"""VEHICLE_PLATE recognizer: Cyrillic and Latin look-alike letters give one norm."""

from __future__ import annotations

import pytest

from sestry.extractors.entities.plates import PlateRecognizer
from tests.extractors.entities.entity_tables import check_table

ROWS = [
    ("uk", "Машина з номером [АА 1234 ВВ](VEHICLE_PLATE=AA1234BB) поїхала."),
    ("uk", "Номер [АР7731ВХ](VEHICLE_PLATE=AP7731BX) я запам'ятала."),
    ("uk", "Номер [AP 7731 BX](VEHICLE_PLATE=AP7731BX) латиницею."),
    ("ru", "Машина [АН 4521 ЕК](VEHICLE_PLATE=AH4521EK) стояла у входа."),
    ("ru", "Российский номер [А123ВС 77](VEHICLE_PLATE=A123BC77) на грузовике."),
    ("en", "The truck had the plate [AA 1234 BB](VEHICLE_PLATE=AA1234BB)."),
    # Polish plates after a vehicle word (issue 10)
    ("en", "The Polish plate [WX 12345](VEHICLE_PLATE=WX12345), a van [KR 1234A](VEHICLE_PLATE)."),
    ("uk", "Автомобіль з польськими номерами [PO 5CX21](VEHICLE_PLATE=PO5CX21) стояв."),
    ("en", "Our ambulance, registered [WGM 4817K](VEHICLE_PLATE=WGM4817K), was hit near a town."),
    # negatives: not look-alikes, wrong digit count; a Polish shape with no vehicle word
    ("en", "Form WX 12345 was filed, see section BC 1234."),
    ("uk", "Код ЯЯ 1234 ЮЮ не є номером, як і АА 123 ВВ."),
    ("en", "Flight QZ 1234 FF landed."),
]


@pytest.mark.parametrize(("lang", "marked"), ROWS)
def test_plate_table(lang: str, marked: str) -> None:
    check_table(PlateRecognizer(), marked, lang, "VEHICLE_PLATE")
