"""PERSON and LOC from runs of capitalised words: morphology, name lists and the gazetteer.

A run of capitalised tokens (and initials) is split into people and places: name-like tokens
(pymorphy3 Name/Surn/Patr, Faker's name lists, patronymic endings, initials) make a PERSON;
tokens after a place preposition or a settlement type that the gazetteer knows make a LOC.
Norms: PERSON = lemmas in the order given name, patronymic, surname, lower case
("олена петрівна ковальчук"); LOC = the codifier's (Ukrainian) name, lower case.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import ClassVar

from sestry.extractors.entities import morph, places
from sestry.extractors.entities.base import Recognizer, Span
from sestry.extractors.entities.chars import APOS, CAP, LOW, UP, words
from sestry.extractors.entities.en_names import (
    CALLED_BEFORE,
    CUES,
    FOREIGN_SURNAME,
    TITLE_WORDS,
    XCAP,
    cue_tokens,
    diacritic_word,
    not_names,
)
from sestry.extractors.entities.function_words import (
    FORM_LABELS,
    GREETINGS,
    KIN_TITLES,
    adjective_modifier,
    common_lone_word,
    plural_subject,
    positional_capital,
)
from sestry.extractors.entities.gazetteer import Place, gazetteer, norm_key, pick
from sestry.extractors.entities.name_tokens import (
    LATIN_SURNAME,
    TITLES,
    capitalised_noun_after_name,
    kind,
    listed,
    noun,
    person_norm,
    refine,
    same_case,
    unknown_word,
    word_lang,
)
from sestry.extractors.entities.namelists import name_lists

# "О. П.", also tokenised "О . П ."; transliterated initials are two letters ("O. Ye.", "Yu.").
_INITIAL = rf"(?:[{UP}]|Ye|Yu|Ya|Yi|Zh|Kh|Ch|Sh|Ts)"
_INITIALS = rf"{_INITIAL} ?\.(?:\s?{_INITIAL} ?\.)?"
_UPPER = rf"[{UP}]{{2,}}(?:-[{UP}]{{2,}})?(?![\w])"  # "КОВАЛЕНКО" in official documents
# XCAP: a capitalised word, Latin letters with diacritics too ("Dvořák" is one token, not "Dvo").
_TOKEN = re.compile(rf"{_INITIALS}|{XCAP}|{_UPPER}")
_RUN = re.compile(
    rf"(?<![\w.])(?:{_INITIALS}|{XCAP}|{_UPPER})(?:[ \t]+(?:{_INITIALS}|{XCAP}|{_UPPER}))*"
)
_LOC_PREP = words(
    """
у в з із зі до під біля поблизу від через на по під за неподалік околиці во из со под
около возле близ near in from to at outside around into
напрямку направлении бік сторону towards toward
околицях окрестностях
"""
)
_SETTLEMENT_TYPES = re.compile(
    r"(?:\b(?:с\.|м\.|смт\.?|сел\.|с-ще|село|селі|села|селом|селище|селищі|селища|місто|місті|"
    r"міста|містечко|деревня|деревне|деревни|поселок|поселке|посёлке|пгт|город|городе|города|"
    r"village\s+of|town\s+of|city\s+of)\s*)$",
    re.IGNORECASE,
)
_ADMIN = re.compile(
    rf"(?P<ent>(?P<adj>{CAP})\s+(?P<kind>област\w*|обл\.|район\w*|р-н|р-ні|громад(?:а|и|і|у|ою)?(?![\w])|"
    r"(?i:oblast|region|raion|district|hromada)))",
)
_ADMIN_KIND = {"о": "O", "r": "O", "р": "P", "d": "P", "г": "H", "h": "H"}
_CALLSIGN_WORDS = (
    r"(?i:позивн\w*|позывн\w*|call\s?-?signs?|кличк\w*|кликух\w*|прізвиськ\w*|прозвищ\w*|"
    r"погонял\w*|псевдо(?:нім\w*|ним\w*)?|nicknamed|nickname|nom\s+de\s+guerre|alias|"
    r"code\s?-?name|на\s+прізвисько|по\s+прозвищу)"
)
_CALLSIGN_KEY = (
    _CALLSIGN_WORDS + r"\s*[:—–-]?\s*(?:(?i:у|в)\s+(?i:нього|неї|него|неё|нее|його)\s+)?"
    r"(?:(?i:був|була|было|был|была|є|is|was)\s+)?"
)
# "позивний у нього був «Шаман»", "his call sign was apparently 'Grom'": up to three lower-case
# words between the keyword and a quoted call sign (quotes make the name unambiguous).
_CALLSIGN_FAR = re.compile(
    _CALLSIGN_WORDS + rf"(?:[\s,]+[{LOW}{APOS}]+){{1,3}}\s*[:—–-]?\s*[«\"„“'‘]"
    rf"(?P<q>[{UP}{LOW}][{LOW}{APOS}]+(?:[\s-][{UP}]?[{LOW}{APOS}]+)?(?:-?\d{{1,3}})?)[»\"“”'’]"
)
_CALLED = re.compile(
    r"(?i:називали|називають|називав|називала|звали|кликали|прозвали|называли|называл|называла|"
    r"прозвали|called|known\s+as|went\s+by)\s+"
    rf"(?:(?i:його|її|їх|его|её|him|her|один|одна|одного|одну|друг|друга|each|other|з|із|из|"
    rf"них|of|them|one|себе|себя|himself|herself|themselves)\s+){{0,4}}"
    rf"(?P<quote>[«\"„“])?(?P<ent>[{UP}][{LOW}{APOS}]+(?(quote)(?:-\d{{1,3}})?))[»\"“”]?"
)


def person_word(word: str) -> bool:
    """A given name or surname by the name lists or pymorphy3 ("Марія"), not a word ("Доктор")."""
    low = word.lower()
    lists = name_lists()
    if low in lists.first or low in lists.last or low in lists.latin_first:
        return True
    if low in lists.latin_last or not low.isascii():
        info = morph.word_info("ru" if any(c in "ыэъё" for c in low) else "uk", low)
        return low in lists.latin_last or info.given or info.surn or info.patr
    return False


# "Бармалей — так його всі називали": the nickname before the cue.
_CALLED_AFTER = re.compile(
    rf"(?P<ent>[{UP}][{LOW}{APOS}]+)[»\"”]?\s*[,—–-]+\s*(?i:так|как)\s+"
    r"(?i:його|її|їх|его|её|их)\s+(?:(?i:всі|все|усі)\s+)?"
    r"(?i:називали|звали|кликали|прозвали|называли|кликали)"
)
# A call sign may carry a number ("Бес-2") and, in quotes, start lower case («шаман»).
_CALLSIGN = re.compile(
    _CALLSIGN_KEY + rf"(?:[«\"„“'‘](?P<q>[{UP}{LOW}][{LOW}{APOS}]+(?:[\s-][{UP}]?[{LOW}{APOS}]+)?"
    rf"(?:-?\d{{1,3}})?)[»\"“”'’]|(?P<ent>[{UP}][{LOW}{APOS}]+(?:-\d{{1,3}})?))"
)
# Name cues (issue 9): an introduction, an address form or a signature/name field marks the next
# capitalised words as a name even when no list knows them ("My name is Dariela Vostrikova").
# Latin letters with diacritics are included: foreign names ("Wiśniewski") are names too.
_XUP = rf"{UP}À-ÖØ-ÞĀ-ž"
_XLOW = rf"{LOW}ß-öø-ÿĀ-ž{APOS}"
_XWORD = rf"[{_XUP}][{_XLOW}]+(?:-[{_XUP}]?[{_XLOW}]+)*"
_CUE = re.compile(
    r"(?:(?i:\bmy\s+name\s+is|\bmy\s+name's|\bмене\s+звати|\bменя\s+зовут|\bмоє\s+ім'я|"
    r"\bмоё\s+имя|\bмое\s+имя|\bмоє\s+прізвище|\bмоя\s+фамилия)\s*[:—–-]?"
    r"|(?:^|(?<=[.!?\n]))\s*Я\s*,"
    r"|\b(?:пані|пан|пана|пані|панові|Mr\.?|Mrs\.?|Ms\.?|Miss)"
    r"|(?m:^|(?<=[.;]))\s*(?i:підпис|підписала?|signed|signature|подпись|подписал[аи]?|"
    r"прізвище|ім'я\s+та\s+прізвище|ПІБ|ФИО|фамилия|full\s+name|name|surname|по\s+батькові)"
    r"\s*:)"
    rf"[ \t]*(?P<ent>[{_XUP}]{{2,}}(?:-[{_XUP}]{{2,}})?,[ \t]+{_XWORD}(?:[ \t]+{_XWORD})?(?![\w])"
    rf"|{_XWORD}(?:[ \t]+(?:{_XWORD}|[{UP}]\.(?:\s?[{UP}]\.)?)){{0,2}})"
)  # "Name: KRAVCHUK-DAHL, Solomiia": a surname in capitals, a comma, the given names
_CUE_KEYWORD = re.compile(r"(?i:позивн|позывн|кличк|прізвиськ|прозвищ|call)")
_FAMILY_EN = re.compile(
    r"\b[Tt]he\s+(?P<ent>[A-Z][a-z]+(?:enko|chuk|uk|iuk|yuk|ak|iak|ko|ov|ev|in|yn|ych|ich|"
    r"skyi|sky|skiy|ets|iv)s)\b"
)
_QUOTED = re.compile(rf"(?<![\w])[«„“\"](?P<ent>[{UP}][{LOW}{APOS}]+)[»“”\"]")
# The opening quotes _CALLSIGN_FAR and _QUOTED need: a text without one skips their scans.
_FAR_QUOTE = re.compile("[«\"„“'‘]")
_OPEN_QUOTE = re.compile('[«„“"]')
# A quoted compound built from clipped stems is a company, not a nickname: "«Укрзалізниця»",
# "«Харківобленерго»", "«Донремтехмаш»" (Soviet-style and post-Soviet company naming morphemes).
COMPANY_STEMS = (
    r"(?:енерго|газ|нафт|нефт|буд|строй|маш|пром|банк|сервіс|сервис|трейд|інвест|инвест|агро|"
    r"транс|телеком|тех|хім|хим|постач|збут|торг|холдинг|лізинг|лизинг|консалт|фарм|метал|сталь)"
)
COMPANY_SHAPE = re.compile(
    rf"(?i)^(?:укр(?!а[їи]н)|рос(?!і[йя]|си[йяи]))\w{{4,}}|\w{{3,}}{COMPANY_STEMS}\w*$"
)
_ORG_BEFORE = re.compile(
    r"(?:ТОВ|ТзОВ|ООО|ОАО|ЗАО|ПАТ|ПрАТ|АТ|ГО|БФ|ЧВК|ПВК|ФОП|LLC|компані\w+|фірм\w+|фонд\w*|"
    r"організаці\w+|организаци\w+|батальйон\w*|батальон\w*|полк\w*|бригад\w*|газет\w+|"
    r"журнал\w*|канал\w*|операці\w+|операци\w+)\s*$",
    re.IGNORECASE,
)
_SENT_END = re.compile(r"(?:[.!?…:;]\s*|^\s*|\n\s*|[-—–]\s+|[«\"„“(]\s*)$")
# A real sentence start (a dash or an opening quote starts a clause, not a sentence).
_TRUE_START = re.compile(r"(?:[.!?…]\s*|^\s*|\n\s*)$")
_AFTER_DASH = re.compile(r"\w[,;]?\s+[—–-]\s+$")  # "іншого — Сєрьогою": mid-sentence dash
# English possessive after a name token: kept outside the PERSON span (docs/entities.md).
_POSSESSIVE = re.compile(r"[’']s$")
# English kinship/role words after which a capitalised unknown word is a given name.
_EN_KIN = words(
    """
husband wife son daughter brother sister neighbour neighbor friend mother father uncle aunt
cousin nephew niece grandson granddaughter grandmother grandfather boyfriend girlfriend fiance
fiancee partner colleague cellmate
"""
)
# Set phrases whose capitalised words are not names.
_SET_PHRASES = re.compile(r"^(?:Слава|Героям)\s+(?:Україні|Героям|Богу|Ісусу|Украине|Слава)$")


class NameRecognizer(Recognizer):
    """PERSON and LOC from capitalised runs (uk/ru morphology, Latin name lists for en)."""

    name = "names"
    version = "11"
    labels: ClassVar[frozenset[str]] = frozenset({"PERSON", "LOC", "CALLSIGN"})

    def find(self, text: str, lang: str, nlp: object | None = None) -> Iterator[Span]:
        """Yield PERSON and LOC spans."""
        yield from self._admin_units(text, lang)
        for m in _RF.finditer(text):
            yield Span(m.start(), m.end(), "LOC", m.group(), "росія", self.detector("rf"), 0.8)
        for m in _RUN.finditer(text):
            yield from self._run(text, m, lang)
        yield from self._callsigns(text, lang)
        yield from self._cued(text, lang)
        if lang == "en":
            yield from self._en_cued(text)

    # -- English cues: titles, role appositions, signatures, "his name was" (en_names.py) ----
    def _en_cued(self, text: str) -> Iterator[Span]:
        for cue in CUES:
            for m in cue.finditer(text):
                toks = [
                    _strip_possessive((m.start("ent") + off, m.start("ent") + off + len(t), t))
                    for off, t in cue_tokens(m.group("ent"))
                ]
                while toks and toks[-1][2].lower() in _CUE_STOP:
                    toks.pop()
                if not toks or CALLED_BEFORE.search(text[max(0, m.start() - 40) : m.start()]):
                    continue
                start, end = toks[0][0], toks[-1][1]
                surface = text[start:end]
                norm = " ".join(surface.lower().replace(".", ". ").split())
                yield Span(start, end, "PERSON", surface, norm, self.detector("en_cue"), 0.8)

    # -- names marked by a cue: "My name is …", "пані …", "Підпис: …" ------------------------
    def _cued(self, text: str, lang: str) -> Iterator[Span]:
        for m in _CUE.finditer(text):
            toks = [
                _strip_possessive((t.start() + m.start("ent"), t.end() + m.start("ent"), t.group()))
                for t in re.finditer(r"[^\s,]+", m.group("ent"))
            ]
            while toks and (toks[-1][2].lower() in _CUE_STOP or _CUE_KEYWORD.match(toks[-1][2])):
                toks.pop()  # "Mrs Levytska Came" never, but "пані Олена Вона" in a header;
                # "…Квітчинська Позивний Шаман" when OCR joins lines: the cue word ends the name
            if not toks or (len(toks) == 1 and toks[0][2].lower() in FORM_LABELS | GREETINGS):
                continue
            if _CUE_KEYWORD.match(toks[0][2]):  # "Мене звати … Позивний Шаман": no name here
                continue
            kinds = [kind(t[2], lang) for t in toks]
            kinds = [("G" if i == 0 and len(kinds) > 1 else "S") if k in "UCA" else k
                     for i, k in enumerate(kinds)]  # fmt: skip
            if "," in m.group("ent"):
                kinds[0] = "S"  # "KRAVCHUK-DAHL, Solomiia": the surname comes first
            try:
                norm = person_norm(toks, kinds, lang)
            except (KeyError, ValueError):
                norm = " ".join(t[2].lower() for t in toks)
            start, end = toks[0][0], toks[-1][1]
            yield Span(start, end, "PERSON", text[start:end], norm, self.detector("cue"), 0.8)
        for m in _FAMILY_EN.finditer(text):  # "the Hrytsenkos": a family is its members' name
            ent = m.group("ent")
            yield Span(
                m.start("ent"), m.end("ent"), "PERSON", ent, ent[:-1].lower(),
                self.detector("family"), 0.8,
            )  # fmt: skip

    # -- administrative units: "Запорізької області", "Мелітопольського району" ----------
    def _admin_units(self, text: str, lang: str) -> Iterator[Span]:
        for m in _ADMIN.finditer(text):
            kind = _ADMIN_KIND.get(m.group("kind")[0].lower(), "O")
            adj = m.group("adj").lower()
            hits = gazetteer().admin_unit(kind, adj)
            if not hits and kind == "O":
                hits = [p for p in gazetteer().settlement(adj) if p.category == "O"]
            if not hits and lang == "en":
                hits = _latin_admin(adj, kind)
            place = pick(hits) if hits else None
            norm = place.name if place else adj
            yield Span(
                m.start(),
                m.end(),
                "LOC",
                m.group(),
                f"{norm} {_KIND_WORD[kind]}",
                self.detector(f"admin_{kind}"),
                0.9 if place else 0.6,
                place.code if place else None,
                place.oblast if place else None,
            )

    # -- runs of capitalised words ------------------------------------------------------
    def _run(self, text: str, m: re.Match[str], lang: str) -> Iterator[Span]:
        toks = [
            (t.start() + m.start(), t.end() + m.start(), t.group())
            for t in _TOKEN.finditer(m.group())
        ]
        toks = [_strip_possessive(t) for t in toks]
        kinds = [kind(tok, lang) for _, _, tok in toks]
        before = text[max(0, m.start() - 40) : m.start()]
        sentence_start = bool(_SENT_END.search(before))
        true_start = bool(_TRUE_START.search(before))
        after_dash = bool(_AFTER_DASH.search(before))
        prev_word = before.split()[-1].lower() if before.split() else ""
        if lang == "en":
            _english_kinds(kinds, toks, prev_word.strip(",;:"))
        if prev_word in TITLES and len(toks) == 1 and world_place(toks[0][2], lang):
            kinds[0] = "C"  # "громадянин Росії", "гражданка Беларуси": a country, no surname
        elif prev_word in TITLES and (
            kinds[0] == "U" or kinds[0] == "C" and noun(toks[0][2], lang)
        ):
            kinds[0] = "S"  # "пані Ковальчук", "родина Шевчуків"
        for j in range(1, len(toks)):  # "Родина Шевчуків" at a sentence start
            if toks[j - 1][2].lower() in TITLES and kinds[j] in "UC" and noun(toks[j][2], lang):
                kinds[j] = "S"
        _positional(kinds, toks, text, lang, sentence_start)
        refine(kinds, [t[2] for t in toks], lang)
        _acronyms(kinds, toks, lang)
        if (
            len(toks) > 2
            and kinds[:3] == ["C", "G", "P"]
            and not sentence_start
            and capitalised_noun_after_name(toks[0][2], toks[1][2], lang)
        ):
            kinds[0] = "S"  # "потерпілому Сухоребрику Івану Андрійовичу": a surname-word
        if len(toks) > 1 and kinds[1] == "G" and kinds[0] != "P" and _place_head(toks, lang):
            kinds[0] = "C"  # "у Львові Остап Вишня", "президентом Ізраїлю Шимоном Пересом"
        i = 0
        if _SET_PHRASES.match(m.group()):
            return
        # «Кучер», «Вагнера»: one quoted word is left to the call-sign rules (`_QUOTED`);
        # "лікарня ім. І. І. Мечникова": a name an institution bears is part of the ORG.
        # "вул. Грушевського": a street named after a person is a place.
        no_person = bool(_NAMED_AFTER.search(before) or _STREET.search(before)) or (
            len(toks) == 1 and text[m.start() - 1 : m.start()] in "«„“\"" and m.start() > 0
            and text[m.end() : m.end() + 1] in ("»", "“", "”", '"') and m.end() < len(text)
        )  # fmt: skip
        typed = bool(_SETTLEMENT_TYPES.search(before[-20:]))
        if typed or (prev_word in _LOC_PREP and kinds[0] not in "PI" and "P" not in kinds):
            loc = self._place(text, toks, 0, lang, prev_word)
            if loc is not None and (
                typed or kinds[0] != "G" or loc[1] > 1 or _place_word(toks[0][2], prev_word, lang)
            ):
                yield loc[0]
                i = loc[1]
            elif (
                loc is None
                and len(toks) == 1
                and _ru_in_place(toks[0][2], kinds[0], prev_word, lang)
            ):
                start, end, tok = toks[0]  # "в Тусоне", "из Лахора": a place no list holds
                yield Span(start, end, "LOC", tok, tok.lower(), self.detector("ru_in"), 0.5)
                return
            elif loc is None and len(toks) == 1 and _place_word(toks[0][2], prev_word, lang):
                start, end, tok = toks[0]  # "из Измаила": a town the gazetteer lacks
                yield Span(start, end, "LOC", tok, tok.lower(), self.detector("geox"), 0.6)
                return
            elif loc is None and (adj_place := _adjective_place(toks, lang)) is not None:
                start, end = toks[0][0], toks[1][1]  # "из Русской Лозовой"
                yield Span(start, end, "LOC", text[start:end], text[start:end].lower(),
                           self.detector("adj_place"), 0.6)  # fmt: skip
                i = adj_place
        while i < len(toks):
            if kinds[i] in "GSPIU" and kinds[i] != "U":
                j = i
                while j + 1 < len(toks) and kinds[j + 1] in "GSPIU":
                    if kinds[j + 1] == "G" and _next_name(kinds[i : j + 1]):
                        break  # "матір Дмитра Левицького Лідія Левицька": two people
                    j += 1
                span = self._person(
                    toks[i : j + 1],
                    kinds[i : j + 1],
                    lang,
                    text,
                    sentence_start and i == 0,
                    prev_word if i == 0 else toks[i - 1][2].lower(),
                    after_dash and i == 0,
                )
                if span is not None and no_person:
                    i = j + 1
                    continue
                if span is not None:
                    yield span
                    i = j + 1
                    continue
            loc = self._place(text, toks, i, lang, prev_word if i == 0 else toks[i - 1][2].lower())
            if loc is not None:
                yield loc[0]
                i = loc[1]
                continue
            if (
                kinds[i] == "U"
                and not (true_start and i == 0)  # after a dash or a quote it is mid-sentence
                and unknown_word(toks[i][2], lang)
                and not no_person
                and not (i + 1 < len(toks) and kinds[i + 1] == "C" and toks[i + 1][2].isupper())
                # "Волновахского ДРСУ": an unknown word before an acronym names the organisation
                and not _adjective_before_noun(text, toks[i], lang)
            ):
                start, end, tok = toks[i]
                place = _hyphen_place(tok, prev_word if i == 0 else toks[i - 1][2].lower(), lang)
                if place:  # "в Купянск-Узловой": a compound of a known place is a place
                    yield Span(start, end, "LOC", tok, tok.lower(), self.detector("hyphen_place"),
                               0.6)  # fmt: skip
                    i += 1
                    continue
                # Fail closed: a capitalised word mid-sentence that no dictionary, name list or
                # gazetteer knows is most likely a name ("Сєрьожа"); low score, own detector.
                yield Span(start, end, "PERSON", tok, tok.lower(), self.detector("unknown"), 0.4)
            elif (
                kinds[i] in "CS"
                and len(toks) == 1
                and not sentence_start
                and not no_person
                and _surname_shaped_noun(toks[i][2], lang)
                and not _adjective_before_noun(text, toks[i], lang)  # "Печерського райсуду"
            ):
                # Fail closed: a lone capitalised noun mid-sentence with a surname ending
                # ("Козак", "Павлюк") is a surname that is also a word; low score.
                start, end, tok = toks[i]
                yield Span(
                    start, end, "PERSON", tok, tok.lower(), self.detector("surname_shape"), 0.4
                )
            i += 1

    def _person(
        self,
        toks: list[tuple[int, int, str]],
        kinds: list[str],
        lang: str,
        text: str,
        sentence_start: bool,
        prev_word: str,
        after_dash: bool = False,
    ) -> Span | None:
        # Trim unknown/initial tokens that do not touch a name-like token.
        while kinds and kinds[-1] == "U" and "G" not in kinds and "P" not in kinds:
            toks, kinds = toks[:-1], kinds[:-1]
        if not toks:
            return None
        n = len(toks)
        strong = sum(k in "GP" for k in kinds)
        if n == 1:
            k = kinds[0]
            low = toks[0][2].lower()
            if k == "I":
                return None
            if lang != "en" and k == "U":
                return None
            if k == "S" and not (
                prev_word in TITLES
                or (lang != "en" and after_dash and morph.word_info(word_lang(low, lang), low).surn)
                or low in name_lists().last
                or low in name_lists().latin_last
                or not morph.word_info(word_lang(low, lang), low).common
            ):
                return None
            if k == "G" and sentence_start and lang == "en" and low in _EN_COMMON:
                return None
            if lang == "en" and low in not_names() and prev_word not in TITLES:
                return None  # "a French doctor": a nationality that a list also has as surname
            if prev_word in _LOC_PREP and self._is_place(toks[0][2], lang):
                return None
        elif (
            strong == 0
            and not ("I" in kinds and "S" in kinds)
            and not all(k == "S" and listed(t[2]) for k, t in zip(kinds, toks, strict=True))
            and not (lang == "en" and "S" in kinds)
        ):
            return None
        start, end = toks[0][0], toks[-1][1]
        surface = text[start:end]
        return Span(
            start,
            end,
            "PERSON",
            surface,
            person_norm(toks, kinds, lang),
            self.detector("run" if n > 1 else "single"),
            0.85 if n > 1 else 0.7,
        )

    # -- places --------------------------------------------------------------------------
    def _is_place(self, tok: str, lang: str) -> bool:
        return bool(places.lookup((tok.lower(),), lang, russian_skeleton=lang == "ru"))

    def _place(
        self, text: str, toks: list[tuple[int, int, str]], i: int, lang: str, prev_word: str
    ) -> tuple[Span, int] | None:
        start = toks[i][0]
        typed = bool(_SETTLEMENT_TYPES.search(text[max(0, start - 20) : start]))
        context = typed or prev_word in _LOC_PREP
        for width in (3, 2, 1):
            if i + width > len(toks):
                continue
            words = tuple(t[2].lower() for t in toks[i : i + width])
            if any(w.endswith(".") for w in words):
                continue
            hits = places.lookup(words, lang, russian_skeleton=context and lang == "ru")
            if not hits:
                continue
            place = pick(hits, frozenset())
            if not context and place.category not in ("K", "M", "W", "O") and width == 1:
                info = morph.word_info(word_lang(words[0], lang), words[0])
                if lang == "en" or (info.known and (info.common or info.given or info.surn)):
                    continue  # a village named like a word or a name needs a preposition
            if width == 1 and _adjective_head(toks, i, lang):
                # "села Малі Журавлинці": an adjective before a capitalised noun is the first
                # word of a longer name the codifier lacks; one span, no code (never a guess).
                end = toks[i + 1][1]
                words2 = " ".join(t[2].lower() for t in toks[i : i + 2])
                span = Span(start, end, "LOC", text[start:end], words2, self.detector("adj_noun"),
                            0.7)  # fmt: skip
                return span, i + 2
            end = toks[i + width - 1][1]
            return (
                Span(
                    start,
                    end,
                    "LOC",
                    text[start:end],
                    place.name,
                    self.detector("gazetteer" if context else "gazetteer_bare"),
                    0.85 if context else 0.75,
                    place.code,
                    place.oblast,
                ),
                i + width,
            )
        if typed:  # "с. Новенька Сліпа": a settlement the codifier lacks is still a place
            last = i
            while last + 1 < min(len(toks), i + 3) and not toks[last + 1][2].endswith("."):
                last += 1
            if last > i:
                words = " ".join(t[2].lower() for t in toks[i : last + 1])
                end = toks[last][1]
                span = Span(start, end, "LOC", text[start:end], words, self.detector("typed"), 0.7)
                return span, last + 1
            low = toks[i][2].lower()
            lemma = (
                places.candidates(lang, low)[1]
                if lang != "en" and len(places.candidates(lang, low)) > 1
                else low
            )
            return (
                Span(start, toks[i][1], "LOC", toks[i][2], lemma, self.detector("typed"), 0.7),
                i + 1,
            )
        return None

    # -- call signs and nicknames ----------------------------------------------------------
    def _callsigns(self, text: str, lang: str) -> Iterator[Span]:
        far = _CALLSIGN_FAR.finditer(text) if _FAR_QUOTE.search(text) else ()
        for m in far:
            yield Span(m.start("q"), m.end("q"), "CALLSIGN", m.group("q"), m.group("q").lower(),
                       self.detector("callsign"), 0.95)  # fmt: skip
        for m in _CALLSIGN.finditer(text):
            group = "q" if m.group("q") else "ent"
            yield Span(
                m.start(group),
                m.end(group),
                "CALLSIGN",
                m.group(group),
                m.group(group).lower(),
                self.detector("callsign"),
                0.95,
            )
        for m in _CALLED_AFTER.finditer(text):
            word = m.group("ent")
            if not person_word(word):
                yield Span(m.start("ent"), m.end("ent"), "CALLSIGN", word, word.lower(),
                           self.detector("called_after"), 0.99)  # fmt: skip
        for m in _CALLED.finditer(text):  # "її звали Марія" a name, "звали Доктор" a call sign
            word = m.group("ent")
            named = given_word(word) or person_word(word)
            if not named and _THING_CALLED.search(text[max(0, m.start() - 40) : m.start()]):
                # "здание, которое все называли «Изоляция»": a building's name; never a word
                # with a name reading ("дитя, которое звали Маша": neuter nouns name people)
                label = "ORG"
            elif m.group("quote") and not m.group().lower().startswith("звали"):
                # "називали «Мамай»": a nickname unless a given name («Марія»); "звали" gives
                # the name a person goes by, so a surname reading stays PERSON below
                label = "PERSON" if given_word(word) or adjective_surname(word) else "CALLSIGN"
            else:
                label = "PERSON" if person_word(word) else "CALLSIGN"
            yield Span(m.start("ent"), m.end("ent"), label, word, word.lower(),
                       self.detector("called"), 0.9)  # fmt: skip
        for m in _QUOTED.finditer(text) if _OPEN_QUOTE.search(text) else ():
            before = text[max(0, m.start() - 30) : m.start()]
            if _ORG_BEFORE.search(before):
                continue
            word = m.group("ent")
            if _thing_before(before, lang):
                label, pattern = "ORG", "quoted_thing"  # "партії «Світанок»", "кафе «Затишок»"
            elif _inside_prep(before, word, lang):
                label, pattern = "ORG", "quoted_place"  # "в «Ізоляції»", "на «Тигре»"
            elif given_word(word) or adjective_surname(word) or person_word(word):
                # «Марія», «Тихий», «Коваленко», «Мельник»: any name reading is PERSON, though a
                # surname that is also a word may be a nickname: CALLSIGN is kept in clear by
                # the prosecution profile, PERSON never is (fail closed)
                label, pattern = "PERSON", "quoted"
            elif COMPANY_SHAPE.search(word) and not person_word(word):  # «Кормашові»: no ORG
                label, pattern = "ORG", "quoted_company"
            else:  # «Граф», «Кучер», "був «Горец»": a quoted surname-word is a nickname
                label, pattern = "CALLSIGN", "quoted"
            yield Span(m.start("ent"), m.end("ent"), label, word, word.lower(),
                       self.detector(pattern), 0.6)  # fmt: skip


_LAST_WORD = re.compile(rf"([{LOW}{APOS}]{{3,}})\s*$")
# "яке всі називали", "которое называли", "which they called": a neuter relative pronoun
# before a naming verb names a building or a thing ("здание, которое все называли «Изоляция»").
_THING_CALLED = re.compile(r"(?i:\b(?:яке|которое|which))(?:\s+[\w']+){0,2}\s*$")
# A preposition of being inside or on (with a possessive between: "на моєму «Транзиті»").
_IN_PREP = re.compile(
    r"(?i:(?<![\w])(?:в|у|во|на))(?:\s+(?i:моєму|моїй|нашому|нашій|своєму|своїй|їхньому|моем|"
    r"моём|моей|нашем|нашей|своем|своём|своей|их|їх|його|его|её|її))?\s*$"
)


def _inside_prep(before: str, word: str, lang: str) -> bool:
    """ "в «Ізоляції»", "на «Тигре»", "ходила в «Юнармию»": a quoted word after в/у/на in the
    locative, or in an inanimate accusative, is a place, a vehicle or an organisation; people
    are not "in" or "on" a nickname ("у «Шамана»" is genitive: at Shaman's, kept)."""
    if lang == "en" or word[0].isascii() or not _IN_PREP.search(before):
        return False
    low = word.lower()
    for p in morph.parses(word_lang(low, lang), low):
        tags = p.tag.grammemes
        if p.tag.POS == "NOUN" and ("loct" in tags or "loc2" in tags):
            return True
        if p.tag.POS == "NOUN" and "accs" in tags and "inan" in tags and "gent" not in tags:
            return True
    return False


def given_word(word: str) -> bool:
    """A given name by the lists or pymorphy3's Name tag ("Марія", "Кузя"), not a surname only:
    a quoted surname-word («Кучер», «Мамай») is a nickname."""
    low = word.lower()
    lists = name_lists()
    if low in lists.first or low in lists.latin_first:
        return True
    if low.isascii():
        return False
    info = morph.word_info("ru" if any(c in "ыэъё" for c in low) else "uk", low)
    return info.given and info.known  # a guessed reading ("Укрстрой") is no given name


def adjective_surname(word: str) -> bool:
    """A dictionary surname that is an adjective in form («Тихий», «Білий»): quoted, still read
    as the surname it is (a noun surname-word, «Кучер», «Мамай», is a nickname)."""
    low = word.lower()
    if low.isascii():
        return False
    wl = "ru" if any(c in "ыэъё" for c in low) else "uk"
    parses = morph.parses(wl, low)
    return any("Surn" in p.tag.grammemes for p in parses) and any(
        p.tag.POS == "ADJF" for p in parses
    )


# Nouns that name what follows: «Шаман» after them is a call sign or a name, never a thing.
_NAMING_NOUNS = words(
    """
ім'я імені ім'ям ник нік ніком ником прізвище прізвищем фамилия фамилией фамилию імʼя
"""
)


# Nouns (lemmas, uk and ru) whose quoted name is an organisation or a named thing. A list, not
# "any inanimate noun": «Шаман» after "у підвалі", "на допросе", "в камере" is a perpetrator's
# call sign, and a call sign read as ORG would be kept in clear by profiles that keep ORG.
_THING_NOUNS = words(
    """
партія партия кафе фірма фирма компанія компания магазин завод фабрика комбінат комбинат
корабель корабль судно газета журнал телеканал канал радіо радио банк ресторан клуб рух
движение організація организация об'єднання объединение товариство общество спілка союз фонд
агентство видавництво издательство готель гостиница кінотеатр кинотеатр театр бар
підприємство предприятие холдинг концерн корпорація корпорация операція операция
центр медцентр клініка клиника лікарня больница госпіталь госпиталь патруль отряд загін
підрозділ подразделение
"""
)


def _thing_before(before: str, lang: str) -> bool:
    """ "партії «Світанок»", "фирмы «Космодром»": an organisation or thing noun (`_THING_NOUNS`,
    by lemma) right before the opening quote names a thing, not a person; any other word
    ("командир «Граф»", "у підвалі «Шаман»") leaves a call sign. Cyrillic only."""
    m = _LAST_WORD.search(before)
    if m is None or lang == "en" or m.group(1)[0].isascii():
        return False
    low = m.group(1)
    if low in _NAMING_NOUNS or _CUE_KEYWORD.match(low) or low.startswith(("псевдо", "погонял")):
        return False
    nouns = [p for p in morph.parses(word_lang(low, lang), low) if p.tag.POS == "NOUN"]
    return any(p.normal_form.replace("ʼ", "'") in _THING_NOUNS for p in nouns)


_KIND_WORD = {"O": "область", "P": "район", "H": "громада"}
_RF = re.compile(r"(?<![\w.])(?:РФ|рф|Р\.Ф\.)(?![\w])")
_EN_COMMON = words(
    """
may june april will mark bill grace hope faith joy august
"""
)


_SURNAME_END = re.compile(
    r"(?:енко|чук|ук|юк|ак|як|ко|ов|ова|ев|ева|єв|єва|ин|іна|ина|ський|ська|ский|ская|цький|"
    r"цька|цкий|цкая)$"
)


def _surname_shaped_noun(tok: str, lang: str) -> bool:
    """Cyrillic animate noun whose lemma has a Ukrainian/Russian surname ending, not a title."""
    low = tok.lower()
    if lang == "en" or low[0].isascii() or low in TITLES or len(low) < 4:
        return False
    info = morph.word_info(word_lang(low, lang), low)
    if not info.noun or info.geox or not (info.role or info.surn):
        return False  # animate ("Рыбак", "Павук") or a Surn reading: not "Фейсбук", "Маяк"
    return any(_SURNAME_END.search(lem) for lem in (low, *info.lemmas[:2]))


_CUE_STOP = words("і й та и а and or but the він вона они вони he she they")
_LABEL_TAIL = re.compile(rf"(?:[ \t]+[{LOW}]+){{1,2}}[ \t]*:")
_NEXT_WORD = re.compile(rf"\s+([{LOW}{APOS}]+)")


def _positional(
    kinds: list[str], toks: list[tuple[int, int, str]], text: str, lang: str, start: bool
) -> None:
    """Capitalised by position, not a name: greetings anywhere, form labels before a colon,
    and at a sentence start function words ("Тому", "Then") and plural subjects ("Люди стояли").
    """
    for i, (_, end, tok) in enumerate(toks):
        low = tok.lower()
        wl = "en" if low[0].isascii() else word_lang(low, lang)
        if low in GREETINGS or (
            low in FORM_LABELS and (text[end : end + 1] == ":" or _LABEL_TAIL.match(text, end))
        ):  # "Case number:", "Дата народження:": a form label, not a name
            kinds[i] = "C"
        elif i == 0 and start and kinds[0] != "I":
            nxt = _NEXT_WORD.match(text, end)
            following = nxt.group(1) if nxt else ""
            if (
                (low in KIN_TITLES and len(toks) > 1 and kinds[1] == "G")  # "Бабця Варвара"
                or positional_capital(low, wl)
                or plural_subject(low, following, wl)
                or adjective_modifier(low, following, wl)
                or (len(toks) == 1 and common_lone_word(low, wl))
            ):
                kinds[0] = "C"


def _acronyms(kinds: list[str], toks: list[tuple[int, int, str]], lang: str) -> None:
    """ "депутат від БПП Михайла X", "ДТЕК Ріната X": a short acronym next to a name is the
    organisation, not part of the name, unless a list or the dictionary has it as a surname
    ("Ігор ЛИС")."""
    if len(toks) < 2 or all(t[2].isupper() for t in toks):
        return
    for i, (_, _, tok) in enumerate(toks):
        low = tok.lower()
        if not (tok.isupper() and tok.isalpha() and 2 <= len(tok) <= 5) or kinds[i] in "GPI":
            continue
        if low in name_lists().last or morph.word_info(word_lang(low, lang), low).surn:
            continue
        kinds[i] = "C"


@lru_cache(maxsize=20_000)
def world_place(word: str, lang: str) -> bool:
    """A country, continent or historical region in any case ("Росії", "Канады"), by lemma."""
    if lang == "en" or word[:1].isascii():
        return False
    low = word.lower()
    keys = {low} | {p.normal_form for p in morph.parses(word_lang(low, lang), low)}
    return any(p.category == "W" for k in keys for p in gazetteer().settlement(norm_key(k)))


def _adjective_head(toks: list[tuple[int, int, str]], i: int, lang: str) -> bool:
    """A Cyrillic adjective before a capitalised noun that is no name ("Малі Журавлинці")."""
    if i + 1 >= len(toks) or lang == "en" or toks[i + 1][2].endswith("."):
        return False
    low, nxt = toks[i][2].lower(), toks[i + 1][2].lower()
    if low[0].isascii() or nxt[0].isascii():
        return False
    wl = word_lang(low, lang)
    if not any(p.tag.POS == "ADJF" for p in morph.parses(wl, low)):
        return False
    info = morph.word_info(word_lang(nxt, lang), nxt)
    return not (info.given or info.surn or info.patr)


# "вул. Грушевського", "на вулиці Шевченка", "просп. Бандери": a street named after a person.
_STREET = re.compile(
    r"(?<![\w])(?:(?i:вул|просп|пров|бульв|ул|ave|st)\s?\.|(?i:вулиц[яіею]|вулицю|вулиць|улиц[аеуы]|"
    r"улицей|проспект\w*|провулк?\w*|бульвар\w*|street|avenue))\s*$"
)  # a full word takes no full stop after it: "на улице. Артёма забрали" is a sentence end
_ADJ_ENDING = re.compile(r"(?:ськ|цьк|зьк|ск|цк)(?:ий|ого|ому|им|ій|а|ої|у|е|ая|ой|ую|ое)$")


def _adjective_before_noun(text: str, tok: tuple[int, int, str], lang: str) -> bool:
    """ "Щастинської міськради", "Маякського мосту": an unknown word with an adjective's
    ending before a lower-case noun modifies it; a surname in -ський is followed by a verb or
    a name, not by a common noun."""
    low = tok[2].lower()
    if lang == "en" or not _ADJ_ENDING.search(low):
        return False
    nxt = _NEXT_WORD.match(text, tok[1])
    if nxt is None:
        return False
    following = nxt.group(1)
    parses = morph.parses(word_lang(following, lang), following)
    return any(p.tag.POS == "NOUN" for p in parses) and not any(
        p.tag.POS in ("VERB", "INFN", "PRTF", "GRND") for p in parses
    )


def _next_name(so_far: list[str]) -> bool:
    """A given name after a whole name (a given name, then a surname) starts the next person:
    "Дмитра Левицького Лідія Левицька"; "Ковальчук Петро Іванович" and "Валентина Арсеновича
    Карпу" (a surname that is also a given name, after the patronymic) stay one."""
    return "G" in so_far and so_far[-1] == "S"


def _place_head(toks: list[tuple[int, int, str]], lang: str) -> bool:
    """A place right before a given name in another case: "Львові Францішек", "Ізраїлю
    Шимоном". Cyrillic only (the case tells the place from the surname)."""
    first, name = toks[0][2], toks[1][2]
    if lang == "en" or first[0].isascii() or same_case(first, name, lang):
        return False
    return world_place(first, lang) or _geox(first, lang)  # not a village named like a noun


# "лікарня ім. І. І. Мечникова", "имени академика Павлова" inside an institution's quoted name.
_NAMED_AFTER = re.compile(
    r"(?:(?<![\w])(?i:ім|им) ?\.|«[^»\n]*(?<![\w])(?i:імені|имени))"
    r"(?:\s+(?i:акад|академіка|академика|проф|професора|профессора)\.?)?\s*$"
)
# Prepositions of place after which a given name that is also a town is the town ("из Измаила");
# not "у"/"от"/"до" ("у Измаила" may be at a man's, "от Измаила" a letter from him).
_FROM_IN = words("из із з зі в во під под біля около возле поблизу неподалік")


def _geox(tok: str, lang: str) -> bool:
    low = tok.lower()
    return not low[0].isascii() and morph.word_info(word_lang(low, lang), low).geox


def _ru_in_place(tok: str, tok_kind: str, prev_word: str, lang: str) -> bool:
    """Russian "в Тусоне", "в Гагаузии", "из Лахора": a surname-like or unknown word (or a given
    name no list holds) in the
    locative (-е, -и) after "в"/"во", or any after "из", is a place: a person after "в" is in the
    accusative ("стреляли в Петрова"), and nobody comes "из" a person. Not Ukrainian, where "у/в
    Петренка" means Petrenko has."""
    if lang != "ru" or tok[0].isascii():
        return False
    low = tok.lower()
    first, lemmas = name_lists().first, morph.word_info("ru", low).lemmas
    # "в Серёже", "в Марии": a listed name, or one in -а/-я (diminutives) stays a person
    name_like = low in first or any(lem in first or lem.endswith(("а", "я")) for lem in lemmas)
    if name_like or low.endswith(("ой", "ей", "ого", "его", "ым", "им")):
        return False  # "из Серёжиной комнаты": a possessive adjective, not a place
    if prev_word == "из":
        return tok_kind in "SUG"
    return prev_word in ("в", "во") and tok_kind in "SU" and low.endswith(("е", "и"))


def _place_word(tok: str, prev_word: str, lang: str) -> bool:
    """ "из Измаила": a given name with a pymorphy3 Geox reading after a place preposition."""
    return prev_word in _FROM_IN and _geox(tok, lang)


def _adjective_place(toks: list[tuple[int, int, str]], lang: str) -> int | None:
    """ "из Русской Лозовой": after a place preposition, an adjective and a word with a Geox
    reading (or unknown to every list) are one place the gazetteer lacks (2 = tokens taken)."""
    if len(toks) < 2 or lang == "en" or toks[0][2][0].isascii():
        return None
    if not (_geox(toks[1][2], lang) or kind(toks[1][2], lang) == "U"):
        return None  # "из Малой Камышевахи": an unknown noun after the adjective is a place too
    low = toks[0][2].lower()
    if not any(p.tag.POS == "ADJF" for p in morph.parses(word_lang(low, lang), low)):
        return None
    return 2


def _hyphen_place(tok: str, prev_word: str, lang: str) -> bool:
    """ "в Купянск-Узловой": after a place preposition, a hyphenated word whose first part
    the gazetteer knows as a place."""
    if "-" not in tok or prev_word not in _LOC_PREP:
        return False
    head = tok.split("-")[0].lower()
    return bool(places.lookup((head,), lang, russian_skeleton=lang == "ru"))


def _strip_possessive(tok: tuple[int, int, str]) -> tuple[int, int, str]:
    """ "Roman's" → "Roman": the possessive is looked up without, and stays outside the span."""
    start, end, word = tok
    if word[0].isascii() and _POSSESSIVE.search(word) and len(word) > 3:
        return start, end - 2, word[:-2]
    return tok


def _english_kinds(kinds: list[str], toks: list[tuple[int, int, str]], prev: str) -> None:
    """English: "O. Lysak" (one-letter initial + unknown word) is a surname; an unknown word
    right after a kinship/role word ("my husband Serhiy", "daughter, Yulia") is a given name."""
    skip = not_names()
    for i, (_, _, tok) in enumerate(toks):
        if kinds[i] == "U" and (tok.lower() in skip or tok.lower().rstrip(".") in TITLE_WORDS):
            kinds[i] = "C"  # "Polish", "Monday", "Georgia": capitalised, never a name
    for i in range(1, len(kinds)):
        if kinds[i] == "U" and kinds[i - 1] == "I" and len(toks[i - 1][2]) == 2:
            kinds[i] = "S"
    if kinds and kinds[0] == "U" and prev in _EN_KIN:
        kinds[0] = "G"
    for i in range(len(kinds)):  # "Kazbek Ruslanovich Dzhabrailov", "Niamh Gallagher"
        if kinds[i] != "U":
            continue
        if i + 1 < len(kinds) and (
            kinds[i + 1] == "P" or kinds[i + 1] == "S" and _shaped_surname(toks[i + 1][2])
        ):
            kinds[i] = "G"  # not before a listed word-like surname: "Red Cross" is no name
        elif i > 0 and kinds[i - 1] in "GP":
            kinds[i] = "S"


def _shaped_surname(tok: str) -> bool:
    """A Latin surname by its shape (ending or diacritics), not only by a list of surnames."""
    low = tok.lower()
    return bool(LATIN_SURNAME.search(low) or FOREIGN_SURNAME.search(low)) or diacritic_word(low)


def _latin_admin(adj: str, kind: str) -> list[Place]:
    """English "Kherson Oblast": the oblast of the city the adjective names."""
    gaz = gazetteer()
    cities = [p for p in gaz.latin.get(adj, ()) if p.category in ("K", "M")]
    if kind != "O" or not cities:
        return []
    oblast = cities[0].oblast
    return [p for (cat, _), ps in gaz.admin.items() if cat == "O" for p in ps if p.code == oblast][
        :1
    ]
