"""Street addresses: "вул. Шевченка, 12, кв. 5", "ул. Ленина 3", "12 Main Street, Apt 4"."""

from __future__ import annotations

import re

from sestry.extractors.entities.base import Pattern, PatternRecognizer
from sestry.extractors.entities.chars import CAP

_STREET_UA_RU = (
    r"(?:вул\.|вулиц[яііюею]\w*|ул\.|улиц[аеыуой]\w*|просп\.|проспект\w*|пр-т|пр\.|"
    r"пров\.|провул\w*|пер\.|переул\w*|бульв\.|бульвар\w*|б-р|пл\.|площ[аіуеи]\w*|"
    r"шосе|ш\.|наб\.|набережн\w+|узвіз\w*|тупик\w*|мкр\.?|мікрорайон\w*|микрорайон\w*)"
)
_NAME = rf"(?:\d{{1,2}}(?:-?(?:го|ї|й|а|я))?\s+)?{CAP}(?:\s+{CAP}){{0,2}}"
# A house letter ("12а", "12 а,") but not a following preposition ("д. 7 с мамой").
_HOUSE = (
    r"(?:,?\s*(?:буд\.|будинок|будинку|дом|д\.)?\s*\d{1,4}"
    r"(?:(?:[а-яa-z]|-[а-яіїєґА-ЯІЇЄҐa-zA-Z]|\s[а-яa-z](?=[,.;)]|$))(?!\w))?(?:/\d{1,4})?)"
)
_FLAT = r"(?:,?\s*(?:кв\.|квартира|квартир[іиеу]|кв)\s*\d{1,4})"
# a building's block or section between house and flat: "буд. 12, корп. 2, кв. 5", "д. 3, стр. 1"
_BLOCK = r"(?:,?\s*(?:корп\.|корпус|секція|секция|строение|стр\.|літ\.|лит\.)\s*\d{1,3}[а-яa-z]?)"
_EN_TYPES = (
    r"(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Lane|Ln\.?|Boulevard|Blvd\.?|Drive|Dr\.?|"
    r"Square|Sq\.?|Place|Pl\.?|Way|Court|Ct\.?)"
)


_LATIN = r"[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*"
# "Myru Avenue 7", "St., No. 5", and a translated Ukrainian form's "St., bldg. 160, apt. 33"
_EN_HOUSE = (
    r"(?:,?\s*(?:(?:No\.?|bldg\.?|bld\.|building|house)\s*)?\d{1,4}[A-Za-z]?(?![\w.,]\d)"
    r"(?:/\d{1,4})?)"
)
_EN_FLAT = r"(?:,?\s*(?:Apt\.?|Apartment|Flat|Unit|apt\.?|flat)\s*\w{1,5})"
# Transliterated Ukrainian street words in English text ("vul. Shevchenka 12").
_UA_LATIN = r"(?:vul\.|vulytsia|vulytsya|prosp\.|prospekt|provulok|prov\.|bulvar|ploshcha)"
# A capitalised word that opens a sentence is no street name ("The Street was empty").
_NOT_STREET = r"(?!(?:The|A|An|This|That|Our|My|Their|His|Her|On|In|At)\s)"
# Without a leading number only unambiguous street types ("Court", "Place", "Way" also
# end the names of institutions and phrases: "International Criminal Court").
_EN_STREET_TYPES = (
    r"(?:Street|St\.|Avenue|Ave\.|Road|Rd\.|Lane|Boulevard|Blvd\.|Square|Drive|Prospekt|"
    r"Highway|Embankment)"
)


# Addresses abroad, where people who fled now live, in the local form: the street type is the
# end of one word ("Sveavägen 20", "Lindenlaan 12", "Kirkegata 3 A", "Hauptstraße 5") or a
# lower-case word after the name ("Karl Johans gate 14"), and the house number follows.
_SUFFIX = (
    r"(?:vägen|väg|gatan|gata|gaten|gate|gränd|torget|torg|veien|vei|vegen|veg|gade|vej|"
    r"stræde|plads|straße|strasse|str\.|weg|platz|allee|allé|gasse|damm|ufer|straat|laan|"
    r"gracht|plein|kade|dijk|singel|steeg|tie|katu)"
)
_FOREIGN_HOUSE = r"\s+\d{1,4}(?:\s?[A-Za-z](?!\w)(?!\.\s*\d))?(?:[-/]\d{1,4})?"
# a flat: "Apt 4", "m. 4" (Polish "mieszkanie"), "lgh 1102" (Swedish "lägenhet")
_FOREIGN_FLAT = rf"(?:{_EN_FLAT}|,?\s*(?:m\.|lgh\.?|leil\.)\s*\d{{1,5}})"
# Street types before the name ("ul. Marszałkowska 12", "Via Roma 5", "Calle Mayor 3"): with a
# house number only.
_PREFIX = r"(?:ul\.|ulica|ulicy|al\.|aleja|Via|Viale|Piazza|Corso|Calle|Avenida|Rua|Rue)"
_LATIN_ANY = r"[A-ZÀ-ÖØ-Þ][a-zß-öø-ÿąćęłńóśźżčěřšťůž'’-]+"


class AddressRecognizer(PatternRecognizer):
    """Street + house (+ flat). A street named without a house number is still an ADDRESS."""

    name = "address"
    version = "3"
    label = "ADDRESS"
    labels = frozenset({"ADDRESS"})
    PATTERNS = (
        Pattern(
            "street_house",
            rf"(?<![\w.])(?P<ent>{_STREET_UA_RU}\s*{_NAME}{_HOUSE}?{_BLOCK}?{_FLAT}?)",
            0.85,
        ),
        Pattern(
            "en_number_street",
            rf"(?<![\w])(?P<ent>\d{{1,5}}[A-Za-z]?\s+(?:{CAP}\s+){{1,3}}{_EN_TYPES}"
            rf"{_EN_FLAT}?)(?![\w])",
            0.85,
        ),
        Pattern(
            "en_street",
            rf"(?<![\w])(?P<ent>{_NOT_STREET}{_LATIN}(?:\s+{_LATIN}){{0,2}}\s+{_EN_STREET_TYPES}"
            rf"(?![\w]){_EN_HOUSE}?{_EN_FLAT}?)(?![\w])",
            0.75,
        ),
        Pattern(
            "ua_latin",
            rf"(?<![\w.])(?P<ent>{_UA_LATIN}\s*{_LATIN}(?:\s+{_LATIN}){{0,2}}{_EN_HOUSE}?"
            rf"{_EN_FLAT}?)(?![\w])",
            0.85,
            re.IGNORECASE,
        ),
    )

    NEEDS = {  # noqa: RUF012 (speed only: a text without these skips the scan)
        "foreign_suffix": re.compile(_SUFFIX + r"\s+\d"),
        "foreign_prefix": re.compile(_PREFIX + r"\s"),
    }
    PATTERNS += (
        Pattern(
            "foreign_suffix",
            rf"(?<![\w])(?=[A-ZÀ-ÖØ-Þ])(?P<ent>{_NOT_STREET}(?:(?:{_LATIN_ANY}[ \t]+){{0,2}}"
            rf"[A-ZÀ-ÖØ-Þ][\w'’-]*"
            rf"{_SUFFIX}|(?:{_LATIN_ANY}[ \t]+){{1,2}}(?:gate|gata|vei|veien|vej|gade|straße"
            rf"|strasse|weg|laan|allee|allé)){_FOREIGN_HOUSE}{_FOREIGN_FLAT}?)(?![\w])",
            0.8,
        ),
        Pattern(
            "foreign_prefix",
            rf"(?<![\w.])(?P<ent>{_PREFIX}\s+(?:(?:de|del|della|di|da|do|la|le|du|des)\s+)?"
            rf"{_LATIN_ANY}(?:[ \t]+{_LATIN_ANY}){{0,2}},?{_FOREIGN_HOUSE}{_FOREIGN_FLAT}?)"
            r"(?![\w])",
            0.8,
        ),
    )

    def normalize(self, match: re.Match[str]) -> str | None:
        """Lower-case, single spaces."""
        return " ".join(match.group("ent").lower().split())
