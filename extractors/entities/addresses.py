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
_HOUSE = r"(?:,?\s*(?:буд\.|будинок|будинку|дом|д\.)?\s*\d{1,4}(?:\s?[а-яa-z](?!\w))?(?:/\d{1,4})?)"
_FLAT = r"(?:,?\s*(?:кв\.|квартира|квартир[іиеу]|кв)\s*\d{1,4})"
_EN_TYPES = (
    r"(?:Street|St\.?|Avenue|Ave\.?|Road|Rd\.?|Lane|Ln\.?|Boulevard|Blvd\.?|Drive|Dr\.?|"
    r"Square|Sq\.?|Place|Pl\.?|Way|Court|Ct\.?)"
)


class AddressRecognizer(PatternRecognizer):
    """Street + house (+ flat). A street named without a house number is still an ADDRESS."""

    name = "address"
    version = "1"
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
    )

    def normalize(self, match: re.Match[str]) -> str | None:
        """Lower-case, single spaces."""
        return " ".join(match.group("ent").lower().split())
