"""pymorphy3 morphology, cached per (language, word): names repeat, parsing is the cost.

Only capitalised tokens are ever parsed by the recognizers, so the caches stay small.
"""

from __future__ import annotations

import re
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
    surn_nomn: bool = False  # a surname reading in the nominative
    given_nomn: bool = False  # a first-name reading in the nominative
    given_sing: bool = False  # a first-name reading in the singular
    noun: bool = False  # some reading is a noun
    role: bool = False  # an animate common noun ("сусідка", "слідчий"): a role, not a name


@lru_cache(maxsize=200_000)
def parses(lang: str, low: str) -> tuple[pymorphy3.analyzer.Parse, ...]:
    """pymorphy3's parses of `low`, cached: every helper below shares one parse per word."""
    return tuple(analyzer(lang).parse(low))


@lru_cache(maxsize=200_000)
def word_info(lang: str, low: str) -> WordInfo:
    """Summarise pymorphy3's parses of `low` (already lower-cased)."""
    if lang not in MORPH_LANGS:
        return WordInfo(False, False, False, False, False, False, (low,), frozenset())
    found = parses(lang, low)
    given = surn = patr = geox = known = common = surn_nomn = given_nomn = noun = False
    given_sing = False
    role = False
    lemmas: list[str] = []
    genders: set[str] = set()
    for p in found:
        tag = p.tag.grammemes
        if p.normal_form not in lemmas:
            lemmas.append(p.normal_form)
        if type(p.methods_stack[0][0]).__name__ == "DictionaryAnalyzer":
            known = True
        name_like = False
        if "NOUN" in tag:
            noun = True
            if "anim" in tag and not any(t in tag for t in _NAME_TAGS):
                role = True
        if "Name" in tag:
            given = name_like = True
            given_nomn = given_nomn or "nomn" in tag
            given_sing = given_sing or "plur" not in tag
        if "Surn" in tag:
            surn = name_like = True
            surn_nomn = surn_nomn or "nomn" in tag
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
    return WordInfo(
        given,
        surn,
        patr,
        geox,
        known,
        common,
        tuple(lemmas),
        frozenset(genders),
        surn_nomn,
        given_nomn,
        given_sing,
        noun,
        role,
    )


_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct")
_PATR_MASC = re.compile(r"(ович|евич|йович|ьович|ич)(?:а|у|ем|ом|і|е|ю)?$")
_PATR_FEMN = re.compile(r"(івн|ївн|овн|евн|ичн|інічн)(?:а|и|і|у|ою|ой|ы|е)$")


@lru_cache(maxsize=200_000)
def reading_scores(lang: str, low: str) -> dict[tuple[str, str], float]:
    """(gender, case) → best pymorphy3 score among the name-like parses of `low`."""
    if lang not in MORPH_LANGS:
        return {}
    out: dict[tuple[str, str], float] = {}
    for p in parses(lang, low):
        gr = p.tag.grammemes
        if not any(t in gr for t in _NAME_TAGS):
            continue
        genders = _GENDERS if "ms-f" in gr else tuple(g for g in _GENDERS if g in gr)
        cases = tuple(c for c in _CASES if c in gr) or ("nomn",)
        for pair in ((g, c) for g in genders for c in cases):
            out[pair] = max(out.get(pair, 0.0), p.score)
    return out


def readings(lang: str, low: str) -> frozenset[tuple[str, str]]:
    """(gender, case) pairs of the name-like parses of `low` ("ms-f" counts as both)."""
    return frozenset(reading_scores(lang, low))


def patronymic_lemma(low: str) -> str | None:
    """Nominative of a patronymic by its ending: "петровичем" → "петрович", "івни" → "івна"."""
    m = _PATR_FEMN.search(low)
    if m:
        return low[: m.start()] + m.group(1) + "а"
    m = _PATR_MASC.search(low)
    if m:
        return low[: m.start()] + m.group(1)
    return None


@lru_cache(maxsize=200_000)
def name_lemma(
    lang: str, low: str, gender: str | None, case: str | None = None, tag: str | None = None
) -> str:
    """Nominative singular of a name-like word in the reading (`gender`, `case`) when given.

    "олени" → "олена", "ковальчуком" → "ковальчук", "ивановой" → "иванова". A word that is
    already nominative in that reading is kept as written (call signs, indeclinable names).
    `tag` ("Name", "Surn", "Patr") prefers readings of that kind ("Петрові" is Петро, not Петров).
    """
    if lang not in MORPH_LANGS:
        return low
    every = parses(lang, low)
    named = [p for p in every if any(t in p.tag.grammemes for t in _NAME_TAGS)]
    named = named or [p for p in every if "NOUN" in p.tag.grammemes]
    if not named:
        return low

    def fits(p: pymorphy3.analyzer.Parse) -> tuple[bool, bool]:
        gr = p.tag.grammemes
        g_ok = gender is None or gender in gr or "ms-f" in gr
        c_ok = case is None or case in gr or (case == "nomn" and not any(c in gr for c in _CASES))
        return g_ok, c_ok

    ranked = sorted(
        named,
        key=lambda p: (
            not all(fits(p)),
            not fits(p)[0],
            tag is not None and tag not in p.tag.grammemes,
            case is None and not _nominative(p.tag.grammemes),
            -p.score,
        ),
    )
    best = ranked[0]
    gr = best.tag.grammemes
    if _nominative(gr) and all(fits(best)):
        return _yo(lang, low)
    if (
        ("Name" in gr or "Patr" in gr or "masc" in gr)
        and "Surn" not in gr
        or ("Surn" in gr and "masc" in gr and "femn" not in gr)
    ):
        return _yo(lang, best.normal_form)  # same lexeme, same gender: no inflection needed
    wanted = {"nomn"}
    if gender in _GENDERS and "ms-f" not in gr and "Fixd" not in gr:
        wanted.add(gender)
    form = best.inflect(wanted) or best.inflect({"nomn"})
    return _yo(lang, form.word if form is not None else best.normal_form)


def _nominative(grammemes: frozenset[str]) -> bool:
    """Nominative, or a form without case (indeclinable)."""
    return "nomn" in grammemes or not any(c in grammemes for c in _CASES)


def _yo(lang: str, word: str) -> str:
    """Russian keys spell ё as е (pymorphy3 restores ё; texts mostly do not write it)."""
    return word.replace("ё", "е") if lang == "ru" else word


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
    for p in parses(lang, low):
        if p.tag.POS not in ("ADJF", "NOUN"):
            continue
        for g in ("masc", "femn", "neut"):
            form = p.inflect({"nomn", "sing", g}) if p.tag.POS == "ADJF" else None
            if form is not None and form.word not in out:
                out.append(form.word)
        if p.normal_form not in out:
            out.append(p.normal_form)
    return tuple(out) or (low,)
