"""Countries, continents and historical regions in uk/ru/en, from CLDR and a short list.

Why: testimony names where people were taken or fled to ("до Швеції", "в Италии", "Європи"),
and a place name missed is a place name leaked. Country and continent names come from CLDR
through Babel (the same names in every language, maintained elsewhere); inflected forms reach
them through pymorphy3 lemmas like every other place. Historical regions of Ukraine are not in
any codifier, so they are the short documented list below; "-щина" names of oblasts
("Тернопільщина") are derived from the codifier's oblast names by rule (gazetteer.py).
"""

from __future__ import annotations

from functools import lru_cache

from sestry.extractors.entities import morph

# CLDR region codes kept besides the two-letter countries: continents and Europe's parts.
_REGIONS = ("002", "005", "009", "019", "021", "142", "150", "151")
# CLDR pseudo-territories that are no place ("Unknown Region", pseudo-locales, unions).
_SKIP = frozenset({"ZZ", "XA", "XB", "EU", "EZ", "UN", "QO", "XK"})
# Historical and geographic regions (uk lemma → ru, en): not in KATOTTG, named in testimony
# as places of origin. Kept short on purpose; add a region here with its three spellings.
HISTORICAL_REGIONS: dict[str, tuple[str, ...]] = {
    "галичина": ("галиция", "galicia", "halychyna"),
    "волинь": ("волынь", "volhynia", "volyn"),
    "поділля": ("подолье", "podolia"),
    "слобожанщина": ("слобожанщина", "slobozhanshchyna", "sloboda ukraine"),
    "буковина": ("буковина", "bukovina", "bukovyna"),
    "закарпаття": ("закарпатье", "transcarpathia", "zakarpattia"),
    "полісся": ("полесье", "polesia", "polissia"),
    "таврія": ("таврия", "tavria", "taurida"),
    "бессарабія": ("бессарабия", "bessarabia"),
    "приазов'я": ("приазовье", "pryazovia"),
    "сибір": ("сибирь", "siberia"),
    "урал": ("урал", "urals", "the urals"),
    "кавказ": ("кавказ", "caucasus", "the caucasus"),
    "далекий схід": ("дальний восток", "russian far east"),
    # former states, named as where someone was born or deported to
    "срср": ("ссср", "ussr"),
    "урср": ("усср", "ukrainian ssr"),
    "усрр": ("усрр",),
    "рсфср": ("рсфср", "rsfsr"),
    "австро-угорщина": ("австро-венгрия", "austria-hungary"),
}


@lru_cache(maxsize=1)
def territory_names() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """(uk name, spellings to index) for every CLDR country and continent, lower case.

    The uk name is the norm; it is indexed only when it is among the spellings.

    A one-word Cyrillic name that is also a stop word or has a reading other than a noun
    ("Того", "Малі") is left out: it would turn "Того дня" into Togo.
    """
    from babel import Locale

    names = {lang: Locale.parse(lang).territories for lang in ("uk", "ru", "en")}
    out: list[tuple[str, tuple[str, ...]]] = []
    for code, uk_name in names["uk"].items():
        if code in _SKIP or not (len(code) == 2 and code.isalpha() or code in _REGIONS):
            continue
        ru_name, en_name = names["ru"].get(code), names["en"].get(code)
        spellings = [n.lower() for n in (uk_name, ru_name, en_name) if n]
        if any(("(" in n or "," in n) for n in spellings):
            continue
        kept = [n for n, lang in zip(spellings, ("uk", "ru", "en"), strict=False)
                if lang == "en" or " " in n or _place_word(lang, n)]  # fmt: skip
        if kept:
            out.append((spellings[0], tuple(kept)))
    return tuple(out)


def _place_word(lang: str, low: str) -> bool:
    """A Cyrillic one-word name whose every reading is a noun and that is no stop word."""
    from sestry.extractors.entities.function_words import stop_words

    if low in stop_words("uk") or low in stop_words("ru"):
        return False
    return all(p.tag.POS == "NOUN" for p in morph.parses(lang, low))
