"""Institutions as ORG by general patterns: an institution noun with a name or a number.

Why: captivity happens in institutions ("СІЗО-3", "школа №5", "Запорізька АЕС", a district
administration), and a named or numbered institution narrows a place down as much as a street.
The patterns are institution types in uk/ru/en (schools, hospitals, detention centres, power
plants, administrations, ministries, security and emergency services), never the names of
particular institutions. Norm: the lower-cased words with Cyrillic words lemmatised, so every
case of one institution shares a key ("школі №5" and "школа №5" → "школа №5").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from sestry.extractors.entities import morph
from sestry.extractors.entities.base import Recognizer, Span
from sestry.extractors.entities.chars import APOS, LOW, UP, words
from sestry.extractors.entities.function_words import stop_words

_CAP = rf"[{UP}][{LOW}{APOS}]+(?:-[{UP}]?[{LOW}{APOS}]+)?"
_ADJ_LOW = (
    rf"[{LOW}{APOS}]+(?:ськ|цьк|зьк|ск|цк|н|ов|ев|ів)"
    r"(?:а|ий|ої|ій|у|ою|ого|ому|ім|ая|ой|ую|ый|ое|ом|ым)"
)
# "м. Х Пермського краю": the town with its region is a place of its own, after the ORG.
_REGION_WORD = r"(?:краю|края|області|области|району|района|округу|округа|республіки|республики)"
# Institution heads that take a number: "школа №5", "СІЗО-3", "School No. 5", "ИК-7".
_NUMBERED_HEAD = (
    r"(?:(?i:школ\w*|ліце\w*|лице\w*|гімназі\w*|гимнази\w*|коледж\w*|технікум\w*|техникум\w*|"
    r"лікарн\w*|больниц\w*|поліклінік\w*|поликлиник\w*|амбулатор\w*|госпітал\w*|госпитал\w*|"
    r"пологов\w+\s+будин\w+|роддом\w*|дитсад\w*|садоч\w+|садк\w+|детсад\w*|детск\w+\s+сад\w*|"
    r"колон\w+|слідч\w+\s+ізолятор\w*|следственн\w+\s+изолятор\w*|ізолятор\w*|изолятор\w*|"
    r"відділ\w*\s+поліції|отдел\w*\s+полиции|school|lyceum|gymnasium|hospital|polyclinic|"
    r"kindergarten|penal\s+colony|colony|pre-trial\s+detention\s+cent(?:re|er)|"
    r"detention\s+cent(?:re|er)|police\s+station)"
    r"|СІЗО|СИЗО|SIZO|ІТТ|ИВС|ИК|ВК|ПКТ|ЛТП)"
)
_NUMBERED = re.compile(
    rf"(?<![\w])(?P<ent>(?:(?:{_ADJ_LOW}|{_CAP})\s+){{0,2}}{_NUMBERED_HEAD}"
    r"(?:\s*(?:№|N|No\.?|Nr\.?|#|номер)\s*|\s*-\s*)(?P<num>\d{1,4}(?:[-/]\d{1,3})?)"
    rf"(?:[ \t]+(?:міста|города|села|селища|м\.|г\.|с\.|смт)[ \t]*{_CAP}"
    rf"(?:-{_CAP}|[ \t]+{_CAP}(?![ \t]+{_REGION_WORD}))?(?![ \t]+{_CAP}[ \t]+{_REGION_WORD}))?)"
    r"(?![\w])"
)
# A detention centre named by its place: "Херсонському СІЗО", "Simferopol SIZO".
_PLACE_SIZO = re.compile(
    rf"(?<![\w])(?P<ent>{_CAP}\s+(?:СІЗО|СИЗО|SIZO|ІТТ|ИВС|(?:pre-trial\s+)?detention\s+"
    r"cent(?:re|er)|temporary\s+detention\s+(?:facility|cent(?:re|er))))(?![\w])"
)
# Power plants: "Запорізька АЕС", "Дніпровської ГЕС", "Zaporizhzhia Nuclear Power Plant".
_PLANT = re.compile(
    rf"(?<![\w])(?P<ent>(?:{_CAP}\s+)?(?:АЕС|ТЕС|ГЕС|ТЕЦ|ГАЕС|АЭС|ТЭС|ГЭС|ТЭЦ|"
    r"NPP|HPP|TPP|CHP)|(?:[A-Z][a-z]+\s+){1,2}(?:Nuclear|Hydroelectric|Thermal|Hydro)\s+"
    r"Power\s+(?:Plant|Station))(?![\w])"
)
# Administrations and councils, with the place adjective before them when there is one.
_ADMIN = re.compile(
    rf"(?<![\w])(?P<ent>(?:{_CAP}\s+)?(?:(?i:райдержадміністраці\w*|облдержадміністраці\w*|"
    r"райадміністраці\w*|(?:районн|обласн|міськ|сільськ|селищн)\w*\s+(?:державн\w+\s+|військов\w+\s+)?"
    r"(?:адміністраці\w*|рад[аиіуою]\w*)|військов\w+\s+адміністраці\w*|горисполком\w*|"
    r"райисполком\w*|облисполком\w*|(?:районн|областн|городск|сельск)\w+\s+"
    r"(?:государственн\w+\s+|военн\w+\s+)?(?:администраци\w*|совет\w*)|военн\w+\s+администраци\w*|"
    r"военно-гражданск\w+\s+администраци\w*)"
    r"|ОДА|РДА|ОВА|МВА|РВА|ВЦА|ВГА"
    r"|(?:City|Regional|District|Oblast|Village)\s+(?:State\s+|Military\s+)?"
    r"(?:Administration|Council)))(?![\w])"
)
# Security, law-enforcement and emergency services of any state (types, not units).
_SERVICES = re.compile(
    r"(?<![\w])(?P<ent>(?:Національн\w+\s+гварді\w+|Национальн\w+\s+гварди\w+)"
    r"(?:\s+(?:України|Украины|РФ|Росії|России))?|"
    r"(?:(?:Russian|Ukrainian|Belarusian)\s+)?National\s+Guard(?:\s+of\s+Ukraine)?|НГУ|Нацгварді\w+|"
    r"Державн\w+\s+прикордонн\w+\s+служб\w*(?:\s+України)?|Пограничн\w+\s+служб\w*(?:\s+ФСБ)?|"
    r"State\s+Border\s+Guard\s+Service(?:\s+of\s+Ukraine)?|Border\s+Guard\s+Service|ДПСУ|"
    r"Державн\w+\s+служб\w*\s+(?:України\s+)?з\s+надзвичайних\s+ситуацій|ДСНС|МЧС|"
    r"State\s+Emergency\s+Service(?:\s+of\s+Ukraine)?|"
    r"Сил\w*\s+територіальної\s+оборони|[Тт]ериторіальн\w+\s+оборон\w+|ТрО|"
    r"Territorial\s+Defen[cs]e(?:\s+Forces)?|"
    r"Федеральн\w+\s+служб\w*\s+исполнения\s+наказаний|ФСИН|ФСВП|"
    r"Federal\s+Penitentiary\s+Service|МВС|МВД|ОМОН|СОБР|Следственн\w+\s+комитет\w*|"
    r"Investigative\s+Committee|Військов\w+\s+служб\w*\s+правопорядку)(?![\w])"
)
_MINISTRY = re.compile(
    r"(?<![\w])(?P<ent>(?P<head>Міністерств\w*|Министерств\w*)"
    # words on the head's line, or a wrapped line that goes on in lower case
    rf"(?P<tail>(?:(?:[ \t]+|\s*\n[ \t]*(?=[{LOW}]))"
    rf"(?:[{LOW}{APOS}-]+|[{UP}][{LOW}{APOS}]+|РФ)){{1,9}})"
    r"|Ministry\s+of\s+(?:the\s+)?[A-Z][a-z]+(?:\s+(?:and\s+|of\s+)?[A-Z][a-z]+){0,4})"
)
# Lower-case modifiers that say when, not which: "колишнього [Х відділу поліції]".
FORMER = words(
    "колишній колишнього колишньому колишнім колишня колишньої колишню колишньою колишнє "
    "бывший бывшего бывшему бывшим бывшем бывшая бывшей бывшую бывшее тодішній тодішнього "
    "тодішньому тодішня тодішньої тогдашний тогдашнего тогдашнем тогдашняя тогдашней"
)
_MINISTRY_JOIN = frozenset({"і", "й", "та", "и", "з", "питань", "по", "делам", "справ"})


class InstitutionRecognizer(Recognizer):
    """ORG: numbered institutions, power plants, administrations, ministries, services."""

    name = "institution"
    version = "4"
    labels: ClassVar[frozenset[str]] = frozenset({"ORG"})

    def find(self, text: str, lang: str, nlp: object | None = None) -> Iterator[Span]:
        """Yield ORG spans (possibly overlapping; the pipeline keeps the longest)."""
        for pattern, rx in (
            ("numbered", _NUMBERED),
            ("place_sizo", _PLACE_SIZO),
            ("plant", _PLANT),
            ("admin", _ADMIN),
            ("service", _SERVICES),
        ):
            for m in rx.finditer(text):
                start, end = _skip_function_words(text, *m.span("ent"), lang)
                surface = text[start:end]
                yield Span(start, end, "ORG", surface, lemma_key(surface, lang),
                           self.detector(pattern), 0.8)  # fmt: skip
        for m in _MINISTRY.finditer(text):
            end = _ministry_end(m, lang)
            if end is None:
                continue
            surface = text[m.start("ent") : end]
            head, _, rest = surface.partition(" ")
            norm = " ".join((lemma_key(head, lang), rest.lower())).strip()
            yield Span(m.start("ent"), end, "ORG", surface, norm, self.detector("ministry"), 0.8)


def _skip_function_words(text: str, start: int, end: int, lang: str) -> tuple[int, int]:
    """ "Біля Запорізької АЕС", "До школи №5": a capitalised preposition is not the name, and
    "колишній / бывшей" (when, not which) is not either."""
    for w in re.finditer(r"\S+", text[start:end]):
        low = w.group().lower()
        if low in FORMER:
            continue
        if low not in stop_words(lang) and low not in stop_words("uk" if lang == "ru" else "ru"):
            return start + w.start(), end
    return start, end


def _ministry_end(m: re.Match[str], lang: str) -> int | None:
    """End of "Міністерство охорони здоров'я": the genitive words after the head word."""
    if m.group("head") is None:
        return m.end("ent")
    end = None
    pos = m.start("tail")
    ml = "ru" if lang == "ru" or "Министерств" in m.group("head") else "uk"
    for w in re.finditer(r"\S+", m.group("tail")):
        word = w.group()
        low = word.lower()
        parses = morph.parses(ml, low)
        genitive = any("gent" in p.tag and p.tag.POS in ("NOUN", "ADJF", "PRTF") for p in parses)
        # an adverb inside the name: "тимчасово окупованих територій"
        adverb = any(p.tag.POS == "ADVB" for p in parses) and w.end() < len(m.group("tail"))
        if not (genitive or adverb or low in _MINISTRY_JOIN or word == "РФ") or (
            len(low) == 1 and low not in _MINISTRY_JOIN  # "… Федерации и в": a preposition
        ):
            break
        end = pos + w.end()
    if end is not None:
        # never end on a joining word ("Міністерство оборони та")
        tail = m.string[m.start("ent") : end].split()
        while tail and tail[-1].lower() in _MINISTRY_JOIN:
            tail.pop()
        end = m.start("ent") + len(" ".join(tail)) if len(tail) > 1 else None
    return end


def lemma_key(surface: str, lang: str) -> str:
    """Lower case, single spaces, Cyrillic words as their lemma."""
    out = []
    for word in surface.split():
        low = word.lower()
        if low[0].isascii() or not low[0].isalpha():
            out.append(low)
            continue
        ml = "ru" if lang == "ru" else "uk"
        lemmas = morph.lemmas(ml, low) if not word.isupper() else ()
        out.append(lemmas[0] if lemmas else low)
    return " ".join(out)
