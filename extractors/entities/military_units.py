"""Military units: "в/ч 12345", "military unit 12345", and formations by number or name.

A formation is a unit noun (brigade, regiment, battalion, division, corps, army, company,
detachment in uk/ru/en) with an ordinal number before it and any adjectives between ("55-та
окрема артилерійська бригада", "331-го гвардейского парашютно-десантного полка", "72nd Separate
Mechanized Brigade"), a Ukrainian abbreviation ("55 ОАБр"), or a quoted name after the noun
("бригада «Холодний Яр»", "батальйону «Айдар»"). The nouns are the grammar's; no unit is listed.
"""

from __future__ import annotations

import re
from typing import ClassVar

from sestry.extractors.entities.base import Pattern, PatternRecognizer
from sestry.extractors.entities.chars import TO_LATIN

_KEY = (
    r"в/ч|в\.\s?ч\.|військов\w+\s+частин\w+|воинск\w+\s+част\w+|войсков\w+\s+част\w+|"
    r"military\s+unit|\bMU\b"
)

# Unit noun stem (any case ending) -> the key's noun, one per formation type across languages.
_NOUNS: tuple[tuple[str, str], ...] = (
    ("бригад", "brigade"),
    ("полк", "regiment"),
    ("батальйон", "battalion"),
    ("батальон", "battalion"),
    ("дивізіон", "battalion"),
    ("дивизион", "battalion"),
    ("дивізі", "division"),
    ("дивизи", "division"),
    ("корпус", "corps"),
    ("армі", "army"),
    ("арми", "army"),
    ("рот", "company"),
    ("загін", "detachment"),
    ("загон", "detachment"),
    ("отряд", "detachment"),
)
# Endings kept short so that "полковник", "ротація", "армійський" are not unit nouns.
_CY_NOUN = (
    r"(?P<noun>бригад[аиіуеоюя]?\w{0,2}|полк(?:а|у|ом|і|е)?|батальй?он(?:а|у|ом|і|е)?|"
    r"дивізіон(?:а|у|ом|і)?|дивизион(?:а|у|ом|е)?|дивізі[яїюєі]\w?|дивизи[яиюе]\w?|"
    r"корпус(?:а|у|ом|і|е)?|армі[яїюєі]\w?|арми[яиюе]\w?|рот[аиіуое]\w?|"
    r"заг(?:ін|он)(?:а|у|ом|і|е)?|отряд(?:а|у|ом|е)?)(?![\w'’-])"
)
_ORD_SUFFIX = r"(?P<suf>\s?-\s?[а-яіїєґ]{1,3})"
# Lower-case adjectives (or a capitalised place adjective), hyphenated compounds allowed.
_CY_ADJ = (
    r"[А-ЯІЇЄҐа-яіїєґё][а-яіїєґё'’]+(?:-[а-яіїєґё'’]+)*"
    r"(?:ий|ій|ої|ого|ому|ою|им|их|а|ая|ой|ую|ый|ое|ее|ої|і|е|ей|ым)"
)
_PLURAL_ADJ = ("их", "ых", "ими", "ыми", "і", "ые", "ие")
_QUOTE = r"(?:\s*[«\"„“](?P<q>[^»\"“”\n]{1,40})[»\"“”])"
_EN_ADJ = r"[A-Z][a-z]+(?:-[A-Za-z][a-z]+)*"
_EN_NOUN = r"(?P<en>Brigade|Regiment|Battalion|Division|Corps|Army|Company|Detachment)"


class MilitaryUnitRecognizer(PatternRecognizer):
    """The span covers keyword and number; norm is the number ("A1234", "12345").

    Formations: norm "<number> <noun>" ("55 brigade") or the quoted name after the noun
    ("brigade «холодний яр»"), so every case and language of one unit shares a key.
    """

    name = "military_unit"
    version = "2"
    label = "MILITARY_UNIT"
    labels = frozenset({"MILITARY_UNIT"})
    NEEDS: ClassVar[dict[str, re.Pattern[str]]] = {
        "formation": re.compile(r"\d"),
        "formation_abbr": re.compile(r"Бр"),
        "formation_en": re.compile(r"\d"),
        "named": re.compile('[«"„“]'),
    }
    PATTERNS = (
        Pattern(
            "keyword_number",
            rf"(?P<ent>(?:{_KEY})\s*(?:№\s*|No\.?\s*)?(?P<num>[АAВB]?[ -]?\d{{4}}\d?))(?!\d)",
            0.95,
            re.IGNORECASE,
        ),
        Pattern(
            "formation",
            rf"(?<![\w/.,-])(?P<ent>(?P<num>\d{{1,4}}){_ORD_SUFFIX}?\s+"
            rf"(?:(?P<adj>{_CY_ADJ})\s+(?:{_CY_ADJ}\s+){{0,4}})?{_CY_NOUN}{_QUOTE}?)",
            0.85,
        ),
        Pattern(
            "formation_abbr",
            r"(?<![\w/.,-])(?P<ent>(?P<num>\d{1,4})(?:\s?-\s?[а-яі]{1,3})?\s+"
            r"(?P<abbr>[А-ЯІ]{1,4}Бр(?:ТрО)?)(?![\w]))",
            0.85,
        ),
        Pattern(
            "formation_en",
            rf"(?<![\w/.,-])(?P<ent>(?P<num>\d{{1,4}})(?:st|nd|rd|th)\s+(?:{_EN_ADJ}\s+){{0,5}}"
            rf"{_EN_NOUN}{_QUOTE}?)(?![\w])",
            0.85,
        ),
        Pattern(
            "named",
            rf"(?<![\w'’-])(?P<ent>(?:(?i:{_CY_NOUN})|{_EN_NOUN}){_QUOTE})",
            0.8,
        ),
        Pattern(
            "named_en",
            r"(?<=the\s)(?P<ent>(?P<qn>[A-Z][a-z]+)\s+(?P<en2>Brigade|Regiment|Battalion))(?![\w])",
            0.8,
        ),
    )

    def validate(self, match: re.Match[str]) -> bool | None:
        """A number with neither an ordinal ending nor a singular adjective is a count.

        "55 окрема бригада" is a unit; "3 роти", "5 окремих бригад" are counts."""
        groups = match.groupdict()
        if "suf" not in groups or groups["suf"] is not None or groups.get("q"):
            return None
        adj = groups.get("adj")
        if adj is None or 1900 <= int(groups["num"]) < 2100 or adj.lower().endswith(_PLURAL_ADJ):
            return False
        return None

    def normalize(self, match: re.Match[str]) -> str | None:
        """Keyword units: upper-case Latin letter + digits; formations: number or name + noun."""
        groups = match.groupdict()
        if "abbr" in groups:
            return f"{int(groups['num'])} {groups['abbr'].lower()}"
        noun = _noun_key(groups.get("noun"), groups.get("en") or groups.get("en2"))
        if noun is None:
            return re.sub(r"[\s-]", "", match.group("num")).upper().translate(TO_LATIN)
        if groups.get("num"):
            return f"{int(groups['num'])} {noun}"
        name = groups.get("q") or groups.get("qn") or ""
        return f"{noun} «{' '.join(name.lower().split())}»"


def _noun_key(noun: str | None, en: str | None) -> str | None:
    """The formation type of a unit noun in any case and language."""
    if en is not None:
        return en.lower()  # the English noun is its own key
    if noun is None:
        return None
    low = noun.lower()
    for stem, key in _NOUNS:
        if low.startswith(stem):
            return key
    return None
