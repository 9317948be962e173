"""Countries and continents from CLDR (Babel), historical regions, "-щина" names of oblasts."""

from __future__ import annotations

import pytest

from sestry.extractors.entities.gazetteer import gazetteer
from sestry.extractors.entities.territories import HISTORICAL_REGIONS, territory_names

pytestmark = pytest.mark.nlp


def test_cldr_gives_countries_and_continents_in_three_languages() -> None:
    names = dict(territory_names())
    assert len(names) > 200
    assert set(names["швеція"]) >= {"швеція", "швеция", "sweden"}
    assert "europe" in names["європа"]


@pytest.mark.parametrize("word", ["того", "малі"])
def test_a_country_name_that_is_also_a_common_word_is_not_indexed(word: str) -> None:
    assert all(p.category != "W" for p in gazetteer().settlement(word))


def test_historical_regions_and_oblast_shchyna_names_are_places() -> None:
    gaz = gazetteer()
    for name in HISTORICAL_REGIONS:
        assert gaz.settlement(name), name
    (ternopil,) = gaz.settlement("тернопільщина")
    assert ternopil.category == "O"
    assert ternopil.code is not None
    assert gaz.settlement("вінниччина")
    assert gaz.settlement("чернівеччина")
