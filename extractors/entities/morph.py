"""pymorphy3 morphology, cached per (language, word): names repeat, parsing is the cost.

Only capitalised tokens are ever parsed by the recognizers, so the caches stay small.
"""

from __future__ import annotations

from functools import lru_cache
from typing import NamedTuple

import pymorphy3

MORPH_LANGS = frozenset({"uk", "ru"})
_NAME_TAGS = ("Name", "Surn", "Patr")
_GENDERS = ("masc", "femn")


@lru_cache(maxsize=4)
def analyzer(lang: str) -> pymorphy3.MorphAnalyzer:
    """One MorphAnalyzer per language (loading a dictionary takes ~0.3 s)."""
    return pymorphy3.MorphAnalyzer(lang=lang)


class WordInfo(NamedTuple):
    """What morphology says about one lower-cased word."""

    given: bool  # a first name (Name)
    surn: bool  # a surname (Surn)
    patr: bool  # a patronymic (Patr)
    geox: bool  # a place name (Geox)
    known: bool  # found in the dictionary (not guessed from its ending)
    common: bool  # also an ordinary word (verb, adjective, inanimate noun...)
    lemmas: tuple[str, ...]  # normal forms, best first, deduplicated
    genders: frozenset[str]  # genders of the name-like readings


@lru_cache(maxsize=200_000)
def word_info(lang: str, low: str) -> WordInfo:
    """Summarise pymorphy3's parses of `low` (already lower-cased)."""
    if lang not in MORPH_LANGS:
        return WordInfo(False, False, False, False, False, False, (low,), frozenset())
    parses = analyzer(lang).parse(low)
    given = surn = patr = geox = known = common = False
    lemmas: list[str] = []
    genders: set[str] = set()
    for p in parses:
        tag = p.tag.grammemes
        if p.normal_form not in lemmas:
            lemmas.append(p.normal_form)
        if type(p.methods_stack[0][0]).__name__ == "DictionaryAnalyzer":
            known = True
        name_like = False
        if "Name" in tag:
            given = name_like = True
        if "Surn" in tag:
            surn = name_like = True
        if "Patr" in tag:
            patr = name_like = True
        if "Geox" in tag:
            geox = True
        if name_like:
            for g in _GENDERS:
                if g in tag:
                    genders.add(g)
            if "ms-f" in tag:
                genders.update(_GENDERS)
        elif "Geox" not in tag and "Abbr" not in tag and "Orgn" not in tag:
            common = True
    return WordInfo(given, surn, patr, geox, known, common, tuple(lemmas), frozenset(genders))


@lru_cache(maxsize=200_000)
def name_lemma(lang: str, low: str, gender: str | None) -> str:
    """Nominative singular of a name-like word, keeping `gender` when it can.

    "олени" → "олена", "ковальчуком" → "ковальчук", "ивановой" → "иванова".
    """
    if lang not in MORPH_LANGS:
        return low
    parses = analyzer(lang).parse(low)
    ranked = sorted(
        parses,
        key=lambda p: (
            not any(t in p.tag.grammemes for t in _NAME_TAGS),
            gender is not None and gender not in p.tag.grammemes and "ms-f" not in p.tag.grammemes,
            -p.score,
        ),
    )
    for p in ranked:
        gr = p.tag.grammemes
        if not any(t in gr for t in _NAME_TAGS):
            break
        wanted = {"nomn", "sing"}
        if gender in _GENDERS and "ms-f" not in gr and "Fixd" not in gr:
            wanted.add(gender)
        form = p.inflect(wanted) or p.inflect({"nomn"})
        if form is not None:
            return form.word
        return p.normal_form
    return ranked[0].normal_form if ranked else low


@lru_cache(maxsize=100_000)
def lemmas(lang: str, low: str) -> tuple[str, ...]:
    """All normal forms of `low` (the word itself when morphology is not available)."""
    return word_info(lang, low).lemmas


@lru_cache(maxsize=50_000)
def adjective_forms(lang: str, low: str) -> tuple[str, ...]:
    """Nominative singular forms (masc, femn, neut) of an adjective: "запорізькій" → ...ька."""
    if lang not in MORPH_LANGS:
        return (low,)
    out: list[str] = []
    for p in analyzer(lang).parse(low):
        if p.tag.POS not in ("ADJF", "NOUN"):
            continue
        for g in ("masc", "femn", "neut"):
            form = p.inflect({"nomn", "sing", g}) if p.tag.POS == "ADJF" else None
            if form is not None and form.word not in out:
                out.append(form.word)
        if p.normal_form not in out:
            out.append(p.normal_form)
    return tuple(out) or (low,)
