"""Dictionary place names (pymorphy3 Geox) as LOC: foreign cities, rivers, regions."""

from __future__ import annotations

import pytest

from sestry.extractors.entities.geonames import GeoxRecognizer, geox_lemma
from tests.extractors.entities.entity_tables import check_table

pytestmark = pytest.mark.nlp

ROWS = [
    ("uk", "Син зараз у [Каїрі](LOC=каїр), а донька в [Бейруті](LOC=бейрут)."),
    ("uk", "Ми жили біля [Дунаю](LOC=дунай), а брат поїхав до [Англії](LOC=англія)."),
    ("ru", "Нас отправили в [Соликамск](LOC=соликамск), потом в [Амман](LOC=амман)."),
    ("en", "My son lives in [Toronto](LOC=toronto); we went via [Przemyśl](LOC)."),
    # negatives: sentence-initial capitals, names that are also words, languages, months, names,
    # a modifier of the next word
    ("en", "He spoke in Russian, in March, in Olena's house, near Maria, in Tigr vehicles."),
    ("uk", "Каїр далеко. Марія поїхала, Надія приходила."),
    ("ru", "Надежда пришла, Любовь Петровна звонила, Вера осталась."),
]


@pytest.mark.parametrize(("lang", "marked"), ROWS)
def test_geox_table(lang: str, marked: str) -> None:
    check_table(GeoxRecognizer(), marked, lang, "LOC")


def test_a_word_that_can_be_a_name_is_never_a_place() -> None:
    assert geox_lemma("надежда", "ru") is None
    assert geox_lemma("каира", "ru") == "каир"
