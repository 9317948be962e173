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
    r"(?:(?:[а-яa-z]|\s[а-яa-z](?=[,.;)]|$))(?!\w))?(?:/\d{1,4})?)"
)
_FLAT = r"(?:,?\s*(?:кв\.|квартира|квартир[іиеу]|кв)\s*\d{1,4})"
_EN_TYPES = (
    r"(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Lane|Ln\.?|Boulevard|Blvd\.?|Drive|Dr\.?|"
    r"Square|Sq\.?|Place|Pl\.?|Way|Court|Ct\.?)"
)


_LATIN = r"[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)*"
_EN_HOUSE = r"(?:,?\s*(?:No\.?\s*)?\d{1,4}[A-Za-z]?(?![\w.,]\d)(?:/\d{1,4})?)"
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


class AddressRecognizer(PatternRecognizer):
    """Street + house (+ flat). A street named without a house number is still an ADDRESS."""

    name = "address"
    version = "2"
    label = "ADDRESS"
    labels = frozenset({"ADDRESS"})
    PATTERNS = (
        Pattern(
            "street_house",
            rf"(?<![\w.])(?P<ent>{_STREET_UA_RU}\s*{_NAME}{_HOUSE}?{_FLAT}?)",
            0.85,
        ),
        Pattern(
            "en_number_street",
            rf"(?<![\w])(?P<ent>\d{{1,5}}[A-Za-z]?\s+(?:{CAP}\s+){{1,3}}{_EN_TYPES}"
            rf"(?:,?\s*(?:Apt\.?|Apartment|Flat|Unit)\s*\w{{1,5}})?)(?![\w])",
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

    def normalize(self, match: re.Match[str]) -> str | None:
        """Lower-case, single spaces."""
        return " ".join(match.group("ent").lower().split())
