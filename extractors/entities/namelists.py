"""Person-name gazetteer from Faker's uk_UA, ru_RU and en_US lists (shipped with faker, offline).

Cyrillic names are also transliterated to Latin so "Olena Kovalchuk" is found in English text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from sestry.extractors.entities.chars import words
from sestry.extractors.entities.gazetteer import latin

# Common diminutives and call-sign-like short forms Faker does not list.
DIMINUTIVES = words(
    """
оля олечка лена леся женя саша сашко сашка сергій серьожа сережа таня танюша наташа ната
вова володя вітя витя коля миша мишко петя петро юра юрко діма дима дмитро катя катруся
маша маруся настя ніна іра ира галя ганна аня андрійко толя толик ваня ванько льоша леша
костя славік славик стас рома ромчик гриша грицько сєрьожа серьога сірьожа вася васько
федя федько люба люда людочка галочка наталочка наташка оксанка іринка ірка ірочка света
свєта лєна льоня лёня толік тоня женька валя надя надійка вірочка зоя зіна марійка марічка
дмитрик дімон ігорьок олежка олесь тарасик сашуня микола юрій анатолій олексій зеновій
юлія катерина інна раїса миколка коля толя льоша
"""
)


_RU_LAT = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "е": "e", "ё": "yo", "ж": "zh", "з": "z",
    "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
    "с": "s", "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh",
    "щ": "shch", "ъ": "", "ы": "y", "ь": "", "э": "e", "ю": "yu", "я": "ya", "і": "i", "ї": "i",
    "є": "ye", "ґ": "g",
}  # fmt: skip


def latin_ru(name: str) -> str:
    """Russian-style Latin spelling as in passports and the press: "дмитрий" → "dmitry"."""
    low = name.lower()
    if low.endswith(("ий", "ый")):
        low = low[:-2] + "y"
    return "".join(_RU_LAT.get(ch, ch) for ch in low)


def latin_skeleton(low: str) -> str:
    """Spelling-variant key of a Latin name: "serhiy" and "serhii" share "serhi",
    "yulia" and "yuliia" share "iulia" (the many transliterations of one Cyrillic name)."""
    return re.sub(r"i+", "i", low.replace("y", "i"))


@dataclass(frozen=True)
class NameLists:
    """Lower-cased first names, surnames and patronymics, Cyrillic and Latin."""

    first: frozenset[str]
    last: frozenset[str]
    middle: frozenset[str]
    latin_first: frozenset[str]
    latin_last: frozenset[str]
    latin_first_skeletons: frozenset[str] = frozenset()  # latin_skeleton of latin_first, 4+


def _attr(provider: type, *names: str) -> set[str]:
    out: set[str] = set()
    for name in names:
        value = getattr(provider, name, ())
        items = value.keys() if isinstance(value, dict) else value
        out.update(str(v).lower() for v in items)
    return out


@lru_cache(maxsize=1)
def name_lists() -> NameLists:
    """Build the lists once per process."""
    from faker.providers.person.en_US import Provider as En
    from faker.providers.person.ru_RU import Provider as Ru
    from faker.providers.person.uk_UA import Provider as Uk

    first_keys = ("first_names", "first_names_male", "first_names_female")
    last_keys = ("last_names", "last_names_male", "last_names_female")
    first = _attr(Uk, *first_keys) | _attr(Ru, *first_keys) | set(DIMINUTIVES)
    last = _attr(Uk, *last_keys) | _attr(Ru, *last_keys)
    middle = _attr(Uk, "middle_names", "middle_names_male", "middle_names_female") | _attr(
        Ru, "middle_names", "middle_names_male", "middle_names_female"
    )
    latin_first = _attr(En, *first_keys) | {latin(n) for n in first} | {latin_ru(n) for n in first}
    latin_last = _attr(En, *last_keys) | {latin(n) for n in last} | {latin_ru(n) for n in last}
    return NameLists(
        frozenset(first),
        frozenset(last),
        frozenset(middle),
        frozenset(latin_first),
        frozenset(latin_last),
        frozenset(latin_skeleton(n) for n in latin_first if len(n) >= 4),
    )
