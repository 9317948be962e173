"""LOC from the gazetteer: inflected Ukrainian/Russian forms reach the codifier by lemma,
suffix rules (villages pymorphy does not know) and, for Russian spellings, a consonant skeleton.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sestry.extractors.entities import morph
from sestry.extractors.entities.function_words import stop_words
from sestry.extractors.entities.gazetteer import Place, gazetteer, norm_key, skeleton

# (ending, replacements) tried on unknown words: "Василівці" → "василівка".
_SUFFIX_RULES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("івці", ("івка",)), ("івки", ("івка",)), ("івку", ("івка",)), ("івкою", ("івка",)),
    ("евке", ("евка", "івка")), ("овке", ("овка", "івка")), ("евки", ("евка",)),
    ("ці", ("ка", "ця")), ("ки", ("ка", "ки")), ("ку", ("ка", "к")), ("кою", ("ка",)),
    ("ому", ("е", "ий", "е")), ("ого", ("е", "ий")), ("ім", ("е", "ий")), ("ій", ("а", "я")),
    ("ої", ("а",)), ("ою", ("а", "я")), ("ях", ("і", "и")), ("ах", ("и", "і")),
    ("ове", ("ове",)), ("еві", ("ів", "їв")), ("ові", ("ів", "")), ("єві", ("їв",)),
    ("і", ("ь", "а", "я", "", "е")), ("ю", ("ь", "я")), ("у", ("", "а")), ("а", ("", "ь")),
    ("я", ("ь", "я")), ("е", ("е",)), ("ом", ("",)), ("ем", ("ь",)), ("им", ("ий",)),
)  # fmt: skip
_ALTERNATION = re.compile(r"([оеє])([^аеєиіїоуюяь']{1,2})$")


@lru_cache(maxsize=100_000)
def candidates(lang: str, low: str) -> tuple[str, ...]:
    """Possible nominative forms of a place word, best first."""
    low = low.replace("ё", "е") if lang == "ru" else low
    out: list[str] = [low]
    for lemma in morph.lemmas(lang, low):
        if lemma not in out:
            out.append(lemma)
    for end, reps in _SUFFIX_RULES:
        if low.endswith(end) and len(low) - len(end) >= 3:
            stem = low[: -len(end)]
            for rep in reps:
                for form in (stem + rep, _alternate(stem) + rep):
                    if form not in out:
                        out.append(form)
    return tuple(out)


def _alternate(stem: str) -> str:
    """Closed-syllable і: "харков" → "харків", "миколаєв" → "миколаїв"."""
    m = _ALTERNATION.search(stem)
    if not m:
        return stem
    vowel = "ї" if m.group(1) == "є" else "і"
    return stem[: m.start()] + vowel + m.group(2)


def lookup(words: tuple[str, ...], lang: str, russian_skeleton: bool = False) -> list[Place]:
    """Places named by `words` (one or two capitalised tokens, lower-cased)."""
    gaz = gazetteer()
    if len(words) == 1 and words[0] in stop_words(lang):
        return []  # "Мені" is a pronoun before it is the town Мена
    if lang == "en":
        key = " ".join(words)
        return list(gaz.latin.get(key, ())) or list(gaz.names.get(key, ()))
    if len(words) == 1:
        best: list[Place] = []
        for form in candidates(lang, words[0]):
            hits = gaz.names.get(norm_key(form))
            if hits and (not best or _rank(hits[0]) < _rank(best[0])):
                best = hits  # "Львове": the city Львів before a village named Львове
        if best:
            return best
        if russian_skeleton:
            for form in candidates(lang, words[0])[:2]:
                sk = skeleton(form)
                if len(sk) >= 4 and sk in gaz.skeletons:
                    return gaz.skeletons[sk]
        return []
    first, second = words[0], words[-1]
    firsts = [f for f in (first, *morph.adjective_forms(lang, first), *candidates(lang, first))]
    for f in dict.fromkeys(firsts):
        if f not in gaz.first_words:
            continue
        for s in candidates(lang, second):
            hits = gaz.names.get(f"{f} {s}")
            if hits:
                return hits
    return []


def _rank(place: Place) -> int:
    return (
        ("K", "M", "W", "O", "T", "X", "C").index(place.category)
        if place.category in ("K", "M", "W", "O", "T", "X", "C")
        else 9
    )


