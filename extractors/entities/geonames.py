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

Since version 3 also: a state's long form with its country ("Республика Беларусь", "Автономної
Республіки Крим", "Republic of Moldova"); a two-word world-list country after any capitalised
word ("Громадянин Російської Федерації"); a "-щина" region of a city or town ("на
Старобільщині"; not "Батьківщина": Батьків is a village); a capitalised cardinal direction
mid-sentence ("на Сході", "на Близькому Сході", "на Восток"); a river, lake, mountain or
island's name after its kind ("річка Полтва", "озеро Світязь", "реки Славянки": the name only,
not a given name or an adjective).

Since version 2 also, with GeoNames' cities (worldcities.py) and the gazetteer:
- uk/ru: a lone capitalised word (no capitalised neighbour) whose readings are mostly ``Geox``
  ("Израиля", "в Риме": a first name that is also a city loses to the city when the dictionary
  says the place reading is far likelier; after a preposition such a word also beats a company
  word: "в Ростове"), a country or region of the gazetteer's world list
  ("Россией", never a company), a city abroad after a place preposition ("у Хелмі") or, with
  100,000 people or more, anywhere mid-sentence ("Бейрута"); a "край" with its adjective
  ("Пермського краю", "Krasnodar Krai"); an adjective before a landmark noun ("Стрийському
  парку", "Азовського моря", "Сейшельських островів").
- en: a run of capitalised words that is exactly a GeoNames city, after a place preposition or a
  comma ("to Tallinn", "Lisburn Road, Belfast"), or mid-sentence when 100,000 people or more
  live there; a Ukrainian settlement in the official transliteration after a comma
  ("Street 22, Hostomel"). A word that a name list holds needs "in / near / via" and a large
  city ("in Vladimir"); one that is a stop word or a month never counts ("March", "Of").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import ClassVar

from sestry.extractors.entities import morph, places
from sestry.extractors.entities.base import Recognizer, Span
from sestry.extractors.entities.chars import APOS, LOW, UP, words
from sestry.extractors.entities.dates import MONTHS
from sestry.extractors.entities.function_words import stop_words
from sestry.extractors.entities.gazetteer import gazetteer, norm_key, pick
from sestry.extractors.entities.namelists import name_lists
from sestry.extractors.entities.worldcities import City, cyrillic_city, latin_city

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
_UK_TO_RU = str.maketrans({"і": "и", "ї": "и", "є": "е", "ґ": "г", "'": "", "’": "", "ʼ": ""})
# uk → ru spelling differences a translated lemma may still carry: "архангельськ" →
# "архангельск", "дніпропетровськ" → "днепропетровск", "карпати" → "карпаты"; "-'я" and a doubled
# consonant before "я" are "-ье" ("поволжя" → "поволжье"), "під-" is "под-".
_RU_VARIANTS: tuple[tuple[str, str], ...] = (("ськ", "ск"), ("цьк", "цк"), ("зьк", "зк"))
_LONE_CYR = re.compile(
    rf"(?<![\w'’ʼ.-])[{UP}][{LOW}{APOS}]{{2,}}(?:-[{UP}][{LOW}{APOS}]+)?(?![\w'’ʼ-])(?!\s+[{UP}][{LOW}])"
)
_KRAI = re.compile(
    rf"(?<![\w'’])(?P<ent>[{UP}][{LOW}]+(?:ськ|цьк|зьк|ск|цк|зк)(?:ий|ого|ому|им|ім|ий|ый|ом)"
    r"\s+кра(?:й|ю|ї|єм|ем|е|я)|[A-Z][a-z]+\s+Kra[iy])(?![\w'’])"
)
# "Херсонську, Запорізьку та Донецьку області": the oblast rules see only the last adjective.
_ADJ = rf"[{UP}][{LOW}{APOS}]+(?:-[{UP}][{LOW}{APOS}]+)?"
_OBLAST_LIST = re.compile(
    rf"(?<![\w'’])(?P<list>{_ADJ}(?:\s*(?:,|та|і|й|и|and)\s+{_ADJ})+)\s+(?i:област\w*|обл\.)"
)
_LIST_ITEM = re.compile(_ADJ)
# Natural features and landmarks named by an adjective: "Стрийському парку", "Азовського моря",
# "Сейшельських островів", "Чорний ліс", "Черёмушкинского леса". Lower-case head noun, uk/ru.
_LANDMARK = re.compile(
    rf"(?<![\w'’.-])(?P<ent>[{UP}][{LOW}{APOS}]+(?:-[{UP}]?[{LOW}{APOS}]+)?\s+"
    r"(?:парк(?:у|і|ом|а|е)?|сквер(?:у|і|ом|а|е)?|озер(?:о|а|і|ом|ах|е)|мор(?:е|я|і|ю|ем)|"
    r"остр[іо]в(?:а|у|і|ом|и|ів|ах|е|ов)?|півостр[іо]в\w*|полуостров\w*|"
    r"гор(?:а|и|і|у|ою|ы|е|ой)|ліс(?:у|і|ом)?|лес(?:а|у|е|ом)?|балк(?:а|и|у|ою|е|ой)|балці|"
    r"урочищ(?:е|а|і|ем|у)|пустир(?:я|і|ем)?|передмість?(?:я|і|ям|е)|замк(?:у|а|і|ом|е)|замок|"
    r"водосховищ(?:е|а|і|ем)|водохранилищ(?:е|а|у|ем)|затоц[іи]|заток(?:а|и|у|ою)|"
    r"залив(?:а|е|у|ом)?|долин(?:а|и|і|у|ою|ы|е|ой)|печер(?:а|и|і|у|ою)|пещер(?:а|ы|е|у|ой))"
    r")(?![\w'’-])"
)
# A state's long form: a form-of-state noun and a country of the world list ("Республика
# Беларусь", "Республіці Польща", "Kingdom of Sweden", "Federal Republic of Germany").
_STATE_FORM = re.compile(
    rf"(?<![\w'’-])(?P<ent>(?P<adj>[{UP}{LOW}][{LOW}]+(?:ої|ой|ая|а|ій|ому|ую|у|ою)\s+)?(?:[РрКк](?:еспубл[іи]\w*|оролівств\w*|оролевств\w*)|"
    rf"[Кк]нязівств\w*|[Кк]няжеств\w*)\s+(?P<c>[{UP}][{LOW}{APOS}]+(?:[ -][{UP}][{LOW}{APOS}]+)?)|"
    r"(?:(?:Federal|Islamic|Democratic|Socialist|Hellenic|Arab|Czech|Slovak|Kyrgyz|People's)\s+)?"
    r"(?:Republic|Kingdom|Principality|Grand\s+Duchy|Commonwealth|State)\s+of\s+(?:the\s+)?"
    r"(?P<e>[A-Z][a-z]+(?:\s+[A-Z][a-z]+)?))(?![\w'’-])"
)
# A region named after its town with "-щина / -ччина" ("на Старобільщині", "Калущини").
_SHCHYNA = re.compile(
    rf"(?<![\w'’-])[{UP}][{LOW}{APOS}]{{2,}}(?:щин|ччин)(?:а|и|і|у|ою|ой|е|ы)(?![\w'’-])"
)
_SHCHYNA_TOWN = ("ськ", "ш", "", "с", "щ", "цьк")
# A capitalised cardinal direction mid-sentence names a region ("на Сході", "із Заходу").
_DIRECTION = re.compile(
    r"(?<![\w'’-])(?P<ent>(?:(?:Близьк|Далек|Ближн|Дальн)\w+\s+)?(?:Схід|Сход(?:у|і|ом)|Захід|Заход(?:у|і|ом)|Південь|Півдн(?:я|і|ем)|"
    r"Північ(?:і|чю)?|Восток(?:а|у|е|ом)?|Запад(?:а|у|е|ом)?|Юг(?:а|у|е|ом)?|Север(?:а|у|е|ом)?))"
    r"(?![\w'’-])"
)
# A natural feature's name after its kind: "річка Полтва", "ріки Либідь", "озеро Світязь",
# "гору Говерла", "реки Нарвы"; the name alone is the place (as after "с." / "м.").
_FEATURE = re.compile(
    r"(?<![\w'’-])(?:річк(?:а|и|і|у|ою)|рік(?:а|и|і|у|ою)|рек(?:а|и|е|у|ой)|"
    r"озер(?:о|а|і|ом|е)|гор(?:а|и|і|у|ою|ы|е|ой)|вершин(?:а|и|і|у|ою|ы|е|ой)|"
    r"остр[оі]в(?:а|і|у|е)?|пагорб(?:а|і|у)?|холм(?:а|е|у)?|мис(?:у|і|а|е)?|"
    rf"протоки?)\s+(?P<ent>[{UP}][{LOW}{APOS}]{{2,}}(?:-[{UP}][{LOW}{APOS}]+)?)"
    r"(?![\w'’-])"
)
# Two capitalised words (overlapping pairs): a multi-word country or region of the world list
# in any case ("Російської Федерації", "Объединённых Арабских Эмиратов" by its last two words).
_PAIR = re.compile(
    rf"(?<![\w'’-])(?=(?P<a>[{UP}][{LOW}]{{2,}})\s+(?P<b>[{UP}][{LOW}]{{2,}})(?![\w'’-]))"
)
_EN_RUN = re.compile(
    r"(?<![\w'’.-])[A-Z][a-zà-öø-ÿĀ-ž'’]+(?:(?:[ -]|-(?:on|upon|am|de|la)-)[A-Z][a-zà-öø-ÿĀ-ž'’]+)*"
    r"(?![\w'’-])"
)
_EN_CUES = words("in near through via outside towards toward to from at into around across")
_EN_STRONG_CUES = words("in near through via outside")
_CAP_BEFORE = re.compile(rf"[{UP}][{LOW}{APOS}]*[ \t]+$")
_SENTENCE_START = re.compile(r"(?:^|[.!?\n:;\"«“(]|[—–-]\s)\s*$")
_QUOTES = frozenset("«\"„“'")
_LARGE = 100_000  # people: a city this large is a place without a preposition (uk/ru)
_HUGE = 1_000_000  # people: in English, where brands and names are capitalised too
_DOMINANT = 0.75  # share of pymorphy3's parse score that must be Geox for a lone word


class GeoxRecognizer(Recognizer):
    """LOC: dictionary geographic names (uk/ru); unknown capitalised words after "in" (en)."""

    name = "geox"
    version = "3"
    labels: ClassVar[frozenset[str]] = frozenset({"LOC"})

    def find(self, text: str, lang: str, nlp: object | None = None) -> Iterator[Span]:
        """Yield low-score LOC spans after a preposition; a longer or surer span wins."""
        yield from self._krai(text)
        yield from self._oblast_list(text)
        yield from self._state_forms(text, lang)
        if lang in morph.MORPH_LANGS:
            yield from self._landmarks(text, lang)
            yield from self._world_pairs(text, lang)
            yield from self._regions(text, lang)
        if lang == "en":
            yield from self._english(text)
            yield from self._english_cities(text)
            return
        for m in _PREP_WORD.finditer(text):  # places follow a preposition: few lookups
            word = m.group("w")
            low = word.lower()
            lemma = geox_lemma(low, lang)
            if lemma:
                share = geox_share(low, lang)  # "в Риме": not Рима; "в Ростове": no company
                score = 0.92 if share >= _DOMINANT else 0.75 if share >= 0.5 else 0.6
                yield Span(m.start("w"), m.end("w"), "LOC", word, lemma, self.detector("geox"),
                           score)  # fmt: skip
                continue
            city = _cyrillic_city(low, lang)
            if city is not None and _noun_only(low, lang):  # "в Белом доме": an adjective
                yield Span(m.start("w"), m.end("w"), "LOC", word, city.name,
                           self.detector("city_after_preposition"), 0.7)  # fmt: skip
        if lang in morph.MORPH_LANGS:
            yield from self._lone(text, lang)

    def _krai(self, text: str) -> Iterator[Span]:
        """ "Пермського краю", "Krasnodar Krai": a Russian region the oblast rules lack."""
        for m in _KRAI.finditer(text):
            ent = m.group("ent")
            yield Span(m.start("ent"), m.end("ent"), "LOC", ent, norm_key(ent),
                       self.detector("krai"), 0.85)  # fmt: skip

    def _state_forms(self, text: str, lang: str) -> Iterator[Span]:
        """ "Республика Беларусь", "Republic of Moldova": the whole long form is the place."""
        for m in _STATE_FORM.finditer(text):
            country = m.group("c") or m.group("e")
            hits = places.lookup(tuple(norm_key(country).split()), "en" if m.group("e") else lang)
            if not hits and " " in country:  # "Республіці Польща та": the first word only
                country = country.split()[0]
                hits = places.lookup((norm_key(country),), lang)
            if hits and hits[0].category == "W":
                end = m.start("c" if m.group("c") else "e") + len(country)
                start = m.start("ent")
                adj = m.group("adj")
                if adj and not _adjective(adj.strip().lower(), lang):
                    start += len(adj)  # "Посольство Республіки X": only "Автономної" joins
                yield Span(start, end, "LOC", text[start:end], hits[0].name,
                           self.detector("state_form"), 0.9)  # fmt: skip

    def _regions(self, text: str, lang: str) -> Iterator[Span]:
        """ "-щина" regions of a town, cardinal regions mid-sentence, a feature after its kind."""
        for m in _SHCHYNA.finditer(text):
            if text[max(0, m.start() - 2) : m.start()].strip()[-1:] in _QUOTES:
                continue  # «Житомирщина»: a newspaper's name
            low = m.group().lower()
            town = _shchyna_town(low, lang)
            if town:
                yield Span(m.start(), m.end(), "LOC", m.group(), town,
                           self.detector("shchyna"), 0.8)  # fmt: skip
        for m in _DIRECTION.finditer(text):
            before = text[max(0, m.start() - 6) : m.start()]
            if not _SENTENCE_START.search(before) and before.strip()[-1:] not in _QUOTES:
                low = m.group().lower()
                norm = norm_key(low) if " " in low else _lemma(low, lang)
                yield Span(m.start(), m.end(), "LOC", m.group(), norm, self.detector("direction"),
                           0.7)  # fmt: skip
        for m in _FEATURE.finditer(text):
            word = m.group("ent")
            low = word.lower()
            if low in stop_words(lang) or _named(low, lang) or _adjective(low, lang):
                continue  # "гора Марія": a name (fail closed: PERSON); "горою Високий Замок"
            # below a rule PERSON's score: profiles keep LOC in clear, a person must stay one
            yield Span(m.start("ent"), m.end("ent"), "LOC", word, _lemma(low, lang),
                       self.detector("feature"), 0.65)  # fmt: skip

    def _world_pairs(self, text: str, lang: str) -> Iterator[Span]:
        """A two-word country or region of the world list ("Російської Федерації"), whatever
        capitalised word comes before it; only pairs whose second word starts like the second
        word of such a name are looked up."""
        prefixes = _world_second_prefixes()
        for m in _PAIR.finditer(text):
            a, b = m.group("a").lower(), m.group("b").lower()
            if b[:4] not in prefixes:
                continue
            hits = places.lookup((a, b), lang)
            if hits and hits[0].category == "W":
                end = m.end("b")
                yield Span(m.start("a"), end, "LOC", text[m.start("a") : end], hits[0].name,
                           self.detector("world_pair"), 0.9)  # fmt: skip

    def _oblast_list(self, text: str) -> Iterator[Span]:
        """Every oblast adjective of a list that ends in "області" but the last (names.py)."""
        gaz = gazetteer()
        for m in _OBLAST_LIST.finditer(text):
            items = list(_LIST_ITEM.finditer(m.group("list")))
            for item in items[:-1]:
                hits = gaz.admin_unit("O", item.group())
                if hits:
                    o = hits[0]
                    start = m.start("list") + item.start()
                    yield Span(start, start + len(item.group()), "LOC", item.group(),
                               f"{o.name} область", self.detector("oblast_list"), 0.85, o.code,
                               o.oblast)  # fmt: skip

    def _landmarks(self, text: str, lang: str) -> Iterator[Span]:
        """An adjective (some reading ADJF, no first-name reading) before a landmark noun."""
        for m in _LANDMARK.finditer(text):
            adj = m.group("ent").split()[0].lower()
            info = morph.word_info(lang, adj)
            if _adjective(adj, lang) and not (info.given or info.patr):  # "Чорного лісу"
                ent = m.group("ent")
                yield Span(m.start("ent"), m.end("ent"), "LOC", ent, norm_key(ent),
                           self.detector("landmark"), 0.7)  # fmt: skip

    def _lone(self, text: str, lang: str) -> Iterator[Span]:
        """A capitalised word with no capitalised neighbour: a country or region of the world
        list, a word mostly read as Geox, or a large city abroad (not at a sentence start)."""
        for m in _LONE_CYR.finditer(text):
            word = m.group()
            low = word.lower()
            if low in stop_words(lang) or _CAP_BEFORE.search(
                text, max(0, m.start() - 30), m.start()
            ):
                continue  # a capitalised neighbour: part of a longer name the rules weigh
            if text[max(0, m.start() - 2) : m.start()].strip()[-1:] in _QUOTES:
                continue  # «Колумбия», «Таврия»: a name of a thing (a shuttle, a car)
            world = _world_place(low, lang)
            if world:
                yield Span(m.start(), m.end(), "LOC", word, world, self.detector("world"), 0.92)
                continue
            if _named(low, lang):
                continue
            starts = bool(_SENTENCE_START.search(text[max(0, m.start() - 6) : m.start()]))
            lemma = None if starts else geox_lemma(low, lang)  # "Зав.: Горобец" is a name
            if lemma and geox_share(low, lang) >= _DOMINANT and _noun_only(low, lang):
                yield Span(m.start(), m.end(), "LOC", word, lemma, self.detector("geox_lone"),
                           0.75)  # fmt: skip
                continue
            city = _cyrillic_city(low, lang)
            if (
                city is not None
                and city.population >= _LARGE
                and _noun_only(low, lang)
                and not _common_in_russian(low, lang)
                and not starts
            ):
                yield Span(m.start(), m.end(), "LOC", word, city.name,
                           self.detector("large_city"), 0.7)  # fmt: skip

    def _english_cities(self, text: str) -> Iterator[Span]:
        """GeoNames cities and transliterated Ukrainian settlements in English text."""
        lists = name_lists()
        for m in _EN_RUN.finditer(text):
            run = m.group()
            if run.count(" ") > 2:
                continue
            key = run.lower().replace("’", "'")
            if key in stop_words("en") or key in MONTHS or key in _EN_NOT_PLACES:
                continue
            before = text[max(0, m.start() - 30) : m.start()]
            prev = before.split()[-1].lower() if before.split() else ""
            comma = before.rstrip(" ").endswith(",") and before.rstrip(" ")[:-1][-1:].isalnum()
            cue = prev in _EN_CUES or comma
            named = key in lists.latin_first or key in lists.latin_last
            if comma and not named:  # "Sadova Street 22, Hostomel": the codifier's code first
                hits = places.lookup(tuple(key.split()), "en")
                if hits:
                    place = pick(hits)
                    yield Span(m.start(), m.end(), "LOC", run, place.name,
                               self.detector("settlement_en"), 0.75, place.code,
                               place.oblast)  # fmt: skip
                    continue
            city = latin_city(key)
            if city is not None:
                if named:
                    ok = prev in _EN_STRONG_CUES and city.population >= _LARGE
                elif cue:
                    ok = True
                else:
                    starts = bool(_SENTENCE_START.search(before[-3:] if before else ""))
                    ok = (
                        city.population >= _LARGE and starts and text[m.end() : m.end() + 1] == ","
                    ) or (  # "Dublin, 4 May": a place line
                        city.population >= _HUGE and not _modifies_next(text, m.end())
                    )  # "in a silver Toyota": a city of 400,000 is also a brand
                if ok:
                    hits = places.lookup(tuple(key.split()), "en") if city.country == "UA" else []
                    place = pick(hits) if hits else None  # a Ukrainian city: the codifier's key
                    yield Span(m.start(), m.end(), "LOC", run, place.name if place else city.name,
                               self.detector("city_en"), 0.75 if cue else 0.6,
                               place.code if place else None,
                               place.oblast if place else None)  # fmt: skip

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


def _lemma(low: str, lang: str) -> str:
    """pymorphy3's first lemma, or the word itself."""
    return (morph.lemmas(lang, low) or (low,))[0]


@lru_cache(maxsize=20_000)
def _shchyna_town(low: str, lang: str) -> str | None:
    """The "-щина" region of a town the codifier holds as a city or a town (not a village:
    "Батьківщина" is a homeland, not the village Батьків), or of an oblast; its norm."""
    if _named(low, lang):
        return None
    gaz = gazetteer()
    for form in places.candidates(lang, low)[:4]:
        if form in gaz.names and gaz.names[form][0].category == "O":
            return gaz.names[form][0].name  # "Сумщині": the oblast (gazetteer.py)
        for end in ("щина", "ччина"):
            if not form.endswith(end):
                continue
            stem = form[: -len(end)] + ("ц" if end == "ччина" else "")
            for tail in _SHCHYNA_TOWN:
                hits = gaz.names.get(stem + tail, [])
                if hits and hits[0].category in ("K", "M", "T", "X"):
                    return form
    return None


@lru_cache(maxsize=1)
def _world_second_prefixes() -> frozenset[str]:
    """First four letters of the second word of every two-word world-list name."""
    gaz = gazetteer()
    return frozenset(
        key.split()[1][:4]
        for key, hits in gaz.names.items()
        if key.count(" ") == 1
        and hits[0].category == "W"
        and key[:1].isalpha()
        and not key.isascii()
    )


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
    if not info.known or (info.given or info.surn or info.patr) and geox_share(low, lang) < 0.5:
        return None  # a guessed word is a village or a surname for the other rules
    if lang == "ru":
        return _ru_geox(low)
    lists, gaz = name_lists(), gazetteer()
    for p in morph.parses(lang, low):
        lemma = p.normal_form
        if p.tag.POS != "NOUN" or lemma in lists.first or lemma in lists.last:
            continue
        if gaz.settlement(norm_key(lemma)):
            return None  # a Ukrainian settlement: the codifier rules name it, with its code
        if _ru_lemma(lemma):
            return lemma
    return None


def _ru_spellings(uk_lemma: str) -> tuple[str, ...]:
    """Russian spellings a Ukrainian lemma may have ("карпати" → "карпаты")."""
    base = uk_lemma.translate(_UK_TO_RU)
    out = [base]
    for uk, ru in _RU_VARIANTS:
        if uk in base:
            out.append(base.replace(uk, ru))
    if base.endswith("и"):
        out.append(base[:-1] + "ы")
    if base.endswith("я") and len(base) > 4:  # "підмосков'я", "поволжя": "-ье" in Russian
        stem = base[:-1][:-1] if base[-2] == base[-3] else base[:-1]
        out.append(stem + "ье")
    out += ["под" + form[3:] for form in out if form.startswith("пид")]  # "під-": "под-"
    return tuple(dict.fromkeys(out))


@lru_cache(maxsize=50_000)
def _ru_lemma(uk_lemma: str) -> str | None:
    """The Russian Geox lemma a Ukrainian lemma spells, if its Geox reading dominates."""
    for ru in _ru_spellings(uk_lemma):
        if _ru_geox(ru) or _ru_share(ru) >= _DOMINANT:
            return ru
    return None


@lru_cache(maxsize=50_000)
def _ru_geox(low: str) -> str | None:
    """A known (not guessed) Russian Geox reading of `low`, as its lemma; with a name reading
    too only when the place reading dominates ("Израиля", "Риме")."""
    info = morph.word_info("ru", low)
    if not info.known or (info.given or info.surn or info.patr) and _ru_share(low) < 0.5:
        return None
    for p in morph.parses("ru", low):
        if "Geox" in p.tag.grammemes and p.is_known:
            return p.normal_form
    return None


@lru_cache(maxsize=50_000)
def _ru_share(low: str) -> float:
    """The share of pymorphy3's Russian parse score that is a Geox reading."""
    return sum(p.score for p in morph.parses("ru", low) if "Geox" in p.tag.grammemes)


def geox_share(low: str, lang: str) -> float:
    """How sure the dictionary is that `low` is a place (uk: through its Russian lemma)."""
    if lang == "ru":
        return _ru_share(low.replace("ё", "е"))
    best = 0.0
    for lemma in morph.lemmas(lang, low):
        ru = _ru_lemma(lemma)
        if ru:
            best = max(best, _ru_share(ru))
    return best


@lru_cache(maxsize=50_000)
def _world_place(low: str, lang: str) -> str | None:
    """The norm of a country or region of the world list that `low` inflects, unless a name
    reading dominates the word."""
    world = [p for p in places.lookup((low,), lang) if p.category == "W"]
    if not world:  # a village of the same name ranks first there ("Кавказ"): the region wins
        return None
    info = morph.word_info(lang, low)
    if (info.given or info.surn) and geox_share(low, lang) < 0.5:
        return None
    return world[0].name


@lru_cache(maxsize=50_000)
def _named(low: str, lang: str) -> bool:
    """A name reading or a lemma that a name list holds ("Софии": a person, not Sofia)."""
    info = morph.word_info(lang, low)
    lists = name_lists()
    return (
        info.given
        or info.surn
        or info.patr
        or any(lemma in lists.first or lemma in lists.last for lemma in info.lemmas)
    )


@lru_cache(maxsize=50_000)
def _adjective(low: str, lang: str) -> bool:
    """Some reading is a full adjective ("Стрийському", "Високого")."""
    return any(p.tag.POS == "ADJF" for p in morph.parses(lang, low))


@lru_cache(maxsize=50_000)
def _noun_only(low: str, lang: str) -> bool:
    """Every reading is a noun (not "Архангельська", an adjective too)."""
    return all(p.tag.POS == "NOUN" for p in morph.parses(lang, low))


@lru_cache(maxsize=50_000)
def _common_in_russian(low: str, lang: str) -> bool:
    """An ordinary Russian word too ("Думы": the Syrian town Duma, or thoughts, or the Duma);
    a Ukrainian word through the Russian spellings of its lemmas."""
    forms = (
        (low,)
        if lang == "ru"
        else tuple(ru for lemma in morph.lemmas(lang, low) for ru in _ru_spellings(lemma))
    )
    for form in forms:
        info = morph.word_info("ru", form)
        if info.known and info.common:
            return True
    return False


@lru_cache(maxsize=50_000)
def _cyrillic_city(low: str, lang: str) -> City | None:
    """A GeoNames city spelled by `low` or one of its nominative forms (no name readings)."""
    if _named(low, lang) or low in stop_words(lang):
        return None
    for form in places.candidates(lang, low)[:4]:
        city = cyrillic_city(form)
        if city is not None:
            return city
    return None
