"""Places pymorphy3's dictionary knows (its ``Geox`` tag): foreign cities, rivers, regions.

Why: the KATOTTG codifier holds only Ukrainian settlements, CLDR only countries, and the built-in
list only a few foreign cities, so "у Каїрі", "в Бейруте", "над Дунаєм", "в Соликамске" were
missed (testimony names deportation and transit places abroad). pymorphy3's Russian dictionary
tags geographic proper names ``Geox``; a Ukrainian word is checked through its lemma in Russian
spelling ("каїр" → "каир"). Only capitalised words right after a place preposition ("у", "до",
"біля", "в", "из"…), never a word with a given name, surname or patronymic reading (fail closed:
a name is PERSON). Norm: the lemma, lower case. English: a capitalised word after "in / near /
through / via" that no name list knows ("in Toronto"), not a month or a language ("in Russian"),
not a modifier of the next word ("in Tigr vehicles").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import ClassVar

from sestry.extractors.entities import morph
from sestry.extractors.entities.base import Recognizer, Span
from sestry.extractors.entities.chars import APOS, LOW, UP, words
from sestry.extractors.entities.dates import MONTHS
from sestry.extractors.entities.function_words import stop_words
from sestry.extractors.entities.gazetteer import gazetteer, norm_key
from sestry.extractors.entities.namelists import name_lists

_PREP_WORD = re.compile(
    r"(?<![\w'’])(?i:у|в|во|до|з|із|зі|від|біля|через|під|над|на|по|за|от|из|к|ко|около|возле|"
    rf"под|из-под)\s+(?P<w>[{UP}][{LOW}{APOS}]{{2,}}(?:-[{UP}][{LOW}{APOS}]+)?)(?![\w'’ʼ-])"
)
_EN_PLACE = re.compile(
    r"(?<![\w'’])(?:in|near|through|via|outside|towards)\s+"
    r"(?P<ent>[A-Z][a-zß-öø-ÿĀ-ž]{2,}(?:-[a-z]+-[A-Z][a-z]+)?)(?![\w'’-])"
)
_NEXT_WORD = re.compile(r"[ \t]+([a-z]+)\b")
_DEMONYM = re.compile(r"(?:ian|ish|ese|an|ch|ic|ly)$")
_EN_NOT_PLACES = words(
    "monday tuesday wednesday thursday friday saturday sunday god christ heaven hell the this "
    "that these those his her their our my your its spring summer autumn winter fall christmas "
    "easter march may august"
)
_UK_TO_RU = str.maketrans({"і": "и", "ї": "и", "є": "е", "'": "", "’": "", "ʼ": ""})


class GeoxRecognizer(Recognizer):
    """LOC: dictionary geographic names (uk/ru); unknown capitalised words after "in" (en)."""

    name = "geox"
    version = "1"
    labels: ClassVar[frozenset[str]] = frozenset({"LOC"})

    def find(self, text: str, lang: str, nlp: object | None = None) -> Iterator[Span]:
        """Yield low-score LOC spans after a preposition; a longer or surer span wins."""
        if lang == "en":
            yield from self._english(text)
            return
        for m in _PREP_WORD.finditer(text):  # places follow a preposition: few lookups
            word = m.group("w")
            lemma = geox_lemma(word.lower(), lang)
            if lemma:
                yield Span(m.start("w"), m.end("w"), "LOC", word, lemma, self.detector("geox"), 0.6)

    def _english(self, text: str) -> Iterator[Span]:
        """ "in Toronto", "through Przemyśl": a capitalised word after a place preposition that
        no name list knows, not a month, weekday or language/demonym ("in Russian")."""
        lists = name_lists()
        for m in _EN_PLACE.finditer(text):
            word = m.group("ent")
            low = word.lower()
            if (
                low in lists.latin_first
                or low in lists.latin_last
                or low in MONTHS
                or low in _EN_NOT_PLACES
                or _DEMONYM.search(low)
                or _modifies_next(text, m.end("ent"))
            ):
                continue
            yield Span(m.start("ent"), m.end("ent"), "LOC", word, low,
                       self.detector("after_preposition_en"), 0.5)  # fmt: skip


def _modifies_next(text: str, end: int) -> bool:
    """ "in Tigr vehicles": a lower-case content word right after makes the word a modifier."""
    nxt = _NEXT_WORD.match(text, end)
    return bool(nxt and nxt.group(1) not in stop_words("en"))


@lru_cache(maxsize=50_000)
def geox_lemma(low: str, lang: str) -> str | None:
    """The lemma of a dictionary place name, or None (also for anything that can be a name)."""
    if lang not in morph.MORPH_LANGS:
        return None
    info = morph.word_info(lang, low)
    if info.given or info.surn or info.patr or not info.known:
        return None  # a guessed word is a village or a surname for the other rules
    if lang == "ru":
        return _ru_geox(low)
    lists, places = name_lists(), gazetteer()
    for p in morph.parses(lang, low):
        lemma = p.normal_form
        if p.tag.POS != "NOUN" or lemma in lists.first or lemma in lists.last:
            continue
        if places.settlement(norm_key(lemma)):
            return None  # a Ukrainian settlement: the codifier rules name it, with its code
        if _ru_geox(lemma.translate(_UK_TO_RU)):
            return lemma
    return None


@lru_cache(maxsize=50_000)
def _ru_geox(low: str) -> str | None:
    """A known (not guessed) Russian Geox reading of `low`, as its lemma."""
    info = morph.word_info("ru", low)
    if info.given or info.surn or info.patr or not info.known:
        return None
    for p in morph.parses("ru", low):
        if "Geox" in p.tag.grammemes and p.is_known:
            return p.normal_form
    return None
