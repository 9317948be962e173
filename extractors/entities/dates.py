"""Dates in uk/ru/en: full, numeric, partial, seasons, ranges and relative expressions.

The recognizer emits provisional norms; `resolve_norms` then fills in what needs the whole
document: a missing year (taken from the nearest date that has one) and relative dates
("наступного дня" = anchor + 1 day). Norms are ISO 8601 at the precision given: "2022-02-24",
"2022-03", "2022"; ranges and seasons are intervals "2022-03-03/2022-03-10". A season is its
meteorological months (spring = 03-05, summer 06-08, autumn 09-11, winter Y = (Y-1)-12/Y-02).
Unresolved parts stay visible: "--03-10" (no year known), None (relative with no anchor).
"""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from typing import ClassVar

from sestry.extractors.entities.base import Recognizer, Span
from sestry.extractors.entities.morph import parses

_MONTH_STEMS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (1, ("січ:ень,ня,ні,нем", "январ:ь,я,е,ём", "jan:uary,.,")),
    (2, ("лют:ий,ого,ому,им", "феврал:ь,я,е,ём", "feb:ruary,.,")),
    (3, ("берез:ень,ня,ні,нем", "март:,а,е,ом", "mar:ch,.,")),
    (4, ("квіт:ень,ня,ні,нем", "апрел:ь,я,е,ем", "apr:il,.,")),
    (5, ("трав:ень,ня,ні,нем", "ма:й,я,е,ем", "may:")),
    (6, ("черв:ень,ня,ні,нем", "июн:ь,я,е,ем", "jun:e,.,")),
    (7, ("лип:ень,ня,ні,нем", "июл:ь,я,е,ем", "jul:y,.,")),
    (8, ("серп:ень,ня,ні,нем", "август:,а,е,ом", "aug:ust,.,")),
    (9, ("верес:ень,ня,ні,нем", "сентябр:ь,я,е,ём", "sep:tember,t.,t,.,")),
    (10, ("жовт:ень,ня,ні,нем", "октябр:ь,я,е,ём", "oct:ober,.,")),
    (11, ("листопад:,а,і,ом", "ноябр:ь,я,е,ём", "nov:ember,.,")),
    (12, ("груд:ень,ня,ні,нем", "декабр:ь,я,е,ём", "dec:ember,.,")),
)


def _month_forms() -> dict[str, int]:
    forms: dict[str, int] = {}
    for month, specs in _MONTH_STEMS:
        for spec in specs:
            stem, _, ends = spec.partition(":")
            for end in ends.split(","):
                forms[(stem + end).lower()] = month
    return forms


def _alternation(alternatives: Sequence[str]) -> str:
    """`(?:a|b|…)` matching exactly what the plain alternation matches, several times faster.

    With IGNORECASE, re tries every alternative at every word start. Grouped by first letter
    behind a one-letter lookahead, only the group that can match is entered; inside a group
    the order is kept, so the alternative that wins (the first in the given order that
    matches) is the same: alternatives of other groups fail on their first letter anyway."""
    groups: dict[str, list[str]] = {}
    for alt in alternatives:
        if not alt[:1].isalpha():
            raise ValueError("every alternative must start with a letter")
        groups.setdefault(alt[0].lower(), []).append(alt)
    inner = "|".join(f"(?={first})(?:{'|'.join(alts)})" for first, alts in groups.items())
    return f"(?:{inner})"


MONTHS = _month_forms()


def _spoken(words: Iterable[str]) -> str:
    """Spelled-out number words, longest first; a space in one matches any white space and an
    apostrophe any of its forms ("двадцять п'ятого", "двадцять п’ятого")."""
    return _alternation(
        [
            re.escape(w).replace(r"\ ", r"\s+").replace("'", "['’ʼ]")
            for w in sorted(words, key=len, reverse=True)
        ]
    )


_M = _alternation([re.escape(f) for f in sorted(MONTHS, key=len, reverse=True)])
_Y = r"(?:19|20)\d{2}"
# "р." / "г." are a year word, except as the first letter of "р.н." / "г.р." (birth marks).
# "2014-му році", "2022-го": the ordinal ending of a spoken year.
_YEND = r"-(?:го|му|м|ий|й|ого|ом)(?![\w])"  # "2022-го", "2016-му"
_YSUF = rf"(?:{_YEND})?"
_YW = _YSUF + r"(?:\s*(?:року|рік|році|р\.(?!\s?н\.)|г\.(?!\s?р\.)|года|году|год|г(?![\w.])))?"
_D = r"(?:[12]\d|3[01]|0?[1-9])"
_DS = r"(?:-?(?:го|е|ое|ого|те|тє|ше|ге|st|nd|rd|th))?"  # "24-те", "1-ше", "2-ге" too
_SEASONS = {
    "spring": ("навесні", "весною", "весна", "весни", "весні", "весной", "весну", "spring"),
    "summer": ("влітку", "літом", "літо", "літа", "летом", "лето", "лета", "summer"),
    "autumn": ("восени", "осінню", "осінь", "осені", "осенью", "осень", "autumn", "fall"),
    "winter": ("взимку", "зимою", "зима", "зими", "зимой", "зиму", "winter"),
}
_SEASON_OF = {w: s for s, ws in _SEASONS.items() for w in ws}
_S = "(?:" + "|".join(sorted(_SEASON_OF, key=len, reverse=True)) + ")"
# Cardinal words 1..20 and the tens, as a count is said after "через" / before "later": the
# grammar's numerals (uk, ru, en), not testimony words. Compounds "двадцять один", "twenty-three".
_CARDINALS = {
    "uk": "один два три чотири п'ять шість сім вісім дев'ять десять одинадцять дванадцять "
    "тринадцять чотирнадцять п'ятнадцять шістнадцять сімнадцять вісімнадцять дев'ятнадцять "
    "двадцять",
    "ru": "один два три четыре пять шесть семь восемь девять десять одиннадцать двенадцать "
    "тринадцать четырнадцать пятнадцать шестнадцать семнадцать восемнадцать девятнадцать "
    "двадцать",
    "en": "one two three four five six seven eight nine ten eleven twelve thirteen fourteen "
    "fifteen sixteen seventeen eighteen nineteen twenty",
}
_THIRTY = {"uk": "тридцять", "ru": "тридцать", "en": "thirty"}
# the tens from forty ("forty-two days later", "через сорок днів")
_TENS_UP = {
    "uk": "сорок п'ятдесят шістдесят сімдесят вісімдесят дев'яносто",
    "ru": "сорок пятьдесят шестьдесят семьдесят восемьдесят девяносто",
    "en": "forty fifty sixty seventy eighty ninety",
}


def _cardinals() -> dict[str, int]:
    """Every spelling of the counts 1..99, plus "a" / "an" and "кілька" / "several" (3)."""
    out: dict[str, int] = {
        "одну": 1, "одного": 1, "одна": 1, "a": 1, "an": 1, "дві": 2, "две": 2, "кілька": 3,
        "декілька": 3, "несколько": 3, "few": 3, "several": 3,
    }  # fmt: skip
    for lang, text in _CARDINALS.items():
        units = {w: n for n, w in enumerate(text.split(), 1)}
        out.update(units)
        out[_THIRTY[lang]] = 30
        sep = "-" if lang == "en" else " "
        tens_up = [(w, 40 + 10 * i) for i, w in enumerate(_TENS_UP[lang].split())]
        out.update(tens_up)
        for tens, value in ((text.split()[-1], 20), (_THIRTY[lang], 30), *tens_up):
            for word, n in list(units.items())[:9]:
                out[f"{tens}{sep}{word}"] = value + n
    return out


_NUMBERS = _cardinals()
_NW = _spoken(_NUMBERS)
_N = rf"(?:\d{{1,2}}|{_NW})"
_UNIT_DAYS = (
    ("день", 1), ("дні", 1), ("днів", 1), ("дня", 1), ("дней", 1), ("добу", 1), ("доби", 1),
    ("сутки", 1), ("day", 1), ("days", 1), ("тиждень", 7), ("тижні", 7), ("тижнів", 7),
    ("неделю", 7), ("недели", 7), ("недель", 7), ("week", 7), ("weeks", 7), ("місяць", 30),
    ("місяці", 30), ("місяців", 30), ("месяц", 30), ("месяца", 30), ("месяцев", 30),
    ("month", 30), ("months", 30),
)  # fmt: skip
_UNIT = dict(_UNIT_DAYS)
_U = "(?:" + "|".join(sorted(_UNIT, key=len, reverse=True)) + ")"
# Half a year, said as one word after "через" / before "later": "через півроку", "через
# полгода", "half a year later" (six calendar months, as "через місяць" is one).
_HALF_YEAR = r"(?:півроку|пів\s+року|полгода|пол\s+года|half\s+a\s+year)"
_MONTH_UNITS = frozenset(
    ("місяць", "місяці", "місяців", "месяц", "месяца", "месяцев", "month", "months")
)
_RELATIVE_FIXED = {
    "наступного дня": 1, "на наступний день": 1, "наступного ранку": 1, "наступної ночі": 1,
    "того ж дня": 0, "того самого дня": 0, "в той же день": 0, "в тот же день": 0,
    "на следующий день": 1, "на следующее утро": 1, "следующим утром": 1, "напередодні": -1,
    "накануне": -1, "the next day": 1, "the following day": 1, "the next morning": 1,
    "the same day": 0, "that same day": 0, "the day before": -1, "the previous day": -1,
    # a week or a month on, as a day (like "через тиждень"): "наступного тижня", "next week"
    "наступного тижня": 7, "на наступному тижні": 7, "наступного місяця": 30,
    "на следующей неделе": 7, "в следующем месяце": 30,
    "the following week": 7, "the next week": 7, "next week": 7, "the following month": 30,
}  # fmt: skip
_FIXED = "(?:" + "|".join(re.escape(k) for k in sorted(_RELATIVE_FIXED, key=len, reverse=True))
_FIXED += ")"

# Ordinal day words (genitive, as dates are said: "дванадцятого березня", "второго апреля",
# "the third of May"): the grammar's ordinals 1..20, 30 and the compounds, not testimony words.
_ORD_WORDS = {
    "uk": (
        "першого другого третього четвертого п'ятого шостого сьомого восьмого дев'ятого "
        "десятого одинадцятого дванадцятого тринадцятого чотирнадцятого п'ятнадцятого "
        "шістнадцятого сімнадцятого вісімнадцятого дев'ятнадцятого двадцятого"
    ),
    "ru": (
        "первого второго третьего четвертого пятого шестого седьмого восьмого девятого "
        "десятого одиннадцатого двенадцатого тринадцатого четырнадцатого пятнадцатого "
        "шестнадцатого семнадцатого восемнадцатого девятнадцатого двадцатого"
    ),
    "en": (
        "first second third fourth fifth sixth seventh eighth ninth tenth eleventh twelfth "
        "thirteenth fourteenth fifteenth sixteenth seventeenth eighteenth nineteenth "
        "twentieth"
    ),
}
_TENS = {
    "uk": ("двадцять", "тридцять", "тридцятого"),
    "ru": ("двадцать", "тридцать", "тридцатого"),
    "en": ("twenty-", "thirty-", "thirtieth"),
}


def _ordinal_days() -> dict[str, int]:
    """Every spelling of days 1..31 as an ordinal word (uk/ru genitive and nominative, English)."""
    out: dict[str, int] = {}
    for lang, text in _ORD_WORDS.items():
        units = {w: n for n, w in enumerate(text.split(), 1)}
        if lang == "ru":
            units["четвёртого"] = 4
        if lang != "en":
            units.update(_nominatives(units, lang))
        out.update(units)
        twenty, thirty, thirtieth = _TENS[lang]
        out[thirtieth] = 30
        if lang != "en":
            out.update(_nominatives({thirtieth: 30}, lang))
        sep = "" if lang == "en" else " "
        for word, n in units.items():
            if n < 10:
                out[f"{twenty}{sep}{word}"] = 20 + n
            if n == 1:
                out[f"{thirty}{sep}{word}"] = 31
    return out


def _nominatives(genitives: dict[str, int], lang: str) -> dict[str, int]:
    """The neuter nominative of each genitive ordinal, as a date is said in a heading or a
    form field ("п'яте березня", "третье апреля"), by its ending."""
    ends = (("ього", "є"), ("ого", "е")) if lang == "uk" else (("его", "е"), ("ого", "ое"))
    out: dict[str, int] = {}
    for word, n in genitives.items():
        for gen, nom in ends:
            if word.endswith(gen):
                out[word[: -len(gen)] + nom] = n
                break
    return out


ORDINAL_DAYS = _ordinal_days()
_DW = _spoken(ORDINAL_DAYS)
# A day said alone, its month from the date before ("а 19-го увезли", "виїхали вони двадцять
# першого"): digits with the genitive ending, or a spelled-out genitive ordinal from the tenth
# (the first nine are too often "другого дня", "третього разу"). Not before a noun or adjective in
# the genitive ("16-го батальона", "двадцятого століття"): see `_day_alone`.
_DW_ALONE = _spoken(
    w for w, n in ORDINAL_DAYS.items() if n >= 10 and w.endswith("го") and not w.isascii()
)
# A season said alone as an adverb ("Осенью его перевели", "навесні", "in the winter"): its
# year from the date nearest before. Not "осінню" (also "осінню ніч"), not nouns ("літа": years).
_SEASON_ADVERBS = (
    "навесні", "весною", "влітку", "літом", "восени", "взимку", "зимою", "весной", "летом",
    "осенью", "зимой",
)  # fmt: skip

_RANGE_FROM = r"(?:з|із|зі|с|со|від|от|між|между|from|between)"
_RANGE_TO = r"(?:по|до|to|until|till|and|і|и|[-–—])"
_P: tuple[tuple[str, str], ...] = (
    ("range_dm", (
        rf"{_RANGE_FROM}\s+(?:the\s+)?(?P<d1>{_D}){_DS}(?:(?:\s+of)?\s+(?P<m1>{_M}))?"
        rf"(?:\s+(?P<y1>{_Y}){_YW})?\s+{_RANGE_TO}\s+(?:the\s+)?(?P<d2>{_D}){_DS}"
        rf"(?:\s+of)?\s+(?P<m2>{_M})(?:,?\s+(?P<y2>{_Y}){_YW})?"
    )),
    # two days of one month: "on 2 and 3 March 2022", "5 і 6 травня" (an interval norm)
    ("days_and", (
        rf"(?P<d1>{_D}){_DS}\s+(?:and|і|й|та|и)\s+(?P<d2>{_D}){_DS}(?:\s+of)?\s+(?P<m2>{_M})"
        rf"(?:,?\s+(?P<y2>{_Y}){_YW})?"
    )),
    ("range_md", (
        rf"(?:from|between)\s+(?P<m1>{_M})\s+(?P<d1>{_D}){_DS}\s+(?:to|until|till|and|[-–—])"
        rf"\s+(?:(?P<m2>{_M})\s+)?(?P<d2>{_D}){_DS}(?:,?\s+(?P<y2>{_Y}))?"
    )),
    ("range_night", (
        rf"(?:(?<=ніч )|(?<=ночі )|(?<=ночь )|(?<=night of the )|(?<=night of ))"
        rf"(?:(?:з|с)\s+)?(?P<d1>{_D}){_DS}\s+(?:на|to|into|on)\s+(?:the\s+)?(?P<d2>{_D}){_DS}"
        rf"(?:\s+of)?\s+(?P<m2>{_M})(?:,?\s+(?P<y2>{_Y}){_YW})?"
    )),
    ("range_months", (
        rf"{_RANGE_FROM}\s+(?P<m1>{_M})(?:\s+(?P<y1>{_Y}){_YW})?\s+{_RANGE_TO}\s+(?P<m2>{_M})"
        rf"(?:,?\s+(?P<y2>{_Y}){_YW})?"
    )),
    # two months with a dash ("у березні-квітні 2022 року", "в марте–апреле", "March-April 2022")
    ("months_dash", (
        rf"(?P<m1>{_M})\s?[-–—]\s?(?P<m2>{_M})(?:,?\s+(?P<y2>{_Y}){_YW})?"
    )),
    # a month first, then two days with a dash ("March 3-5, 2022")
    ("range_md_dash", (
        rf"(?P<m1>{_M})\s+(?P<d1>{_D}){_DS}\s?[-–—]\s?(?P<d2>{_D}){_DS}(?:,?\s+(?P<y2>{_Y}))?"
    )),
    ("range_years", rf"{_RANGE_FROM}\s+(?P<y1>{_Y}){_YW}\s+{_RANGE_TO}\s+(?P<y2>{_Y}){_YW}"),
    ("range_dash", (
        rf"(?P<d1>{_D})(?:{_DS}\s+(?P<m1>{_M}))?\s?[-–—]\s?(?P<d2>{_D}){_DS}\s+(?P<m2>{_M})"
        rf"(?:,?\s+(?P<y2>{_Y}){_YW})?"
    )),
    # "з 05.06.2023 по 19.06.2023", "с 01.02 по 15.03.2023 года", "11.04.2023 – 20.04.2023"
    ("range_numeric", (
        rf"(?=[\dзісвоfbм])(?:{_RANGE_FROM}\s+)?(?P<a1>{_D})(?P<s1>[./])(?P<b1>{_D})(?:(?P=s1)(?P<y1>{_Y}))?"
        rf"(?:{_YW})?\s*(?:(?<=\s){_RANGE_TO}(?=\s)|[-–—])\s*(?P<a2>{_D})(?P=s1)(?P<b2>{_D})(?P=s1)"
        rf"(?P<y2>{_Y})(?![\d.]\d){_YW}"
    )),
    ("iso", r"(?P<y>(?:19|20)\d{2})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"),
    ("numeric", (
        rf"(?P<a>{_D})(?P<sep>[./])(?P<b>{_D})(?P=sep)(?P<y>(?:19|20)?\d{{2}})(?![\d.]\d){_YW}"
    )),
    ("d_month_y", (
        rf"(?:the\s+(?=\d+(?:st|nd|rd|th)\s))?(?P<d>{_D}){_DS}(?:\s+of)?\s+(?P<m>{_M})"
        rf"(?:,?\s+(?P<y>{_Y}){_YW})?"
    )),
    ("dword_month_y", (
        rf"(?:the\s+)?(?P<dw>{_DW})(?:\s+of)?\s+(?P<m>{_M})(?:,?\s+(?P<y>{_Y}){_YW})?"
    )),
    ("day_only", (
        r"(?=the\s)(?:(?<=\bon )|(?<=\bby )|(?<=\buntil )|(?<=\btill )|(?<=\bsince ))the\s+"
        rf"(?P<d>{_D})(?:st|nd|rd|th)(?=\s*[,.;:)]|\s+(?:a|an|the|I|we|he|she|they|it|my|our|his"
        r"|her|their|at|in|some|two|three|several|men|soldiers)\s)"
    )),
    ("month_d_y", rf"(?P<m>{_M})\s+(?P<d>{_D}){_DS}(?:,?\s+(?P<y>{_Y}))?"),
    ("season_y", rf"(?P<s>{_S})(?:\s+of)?\s+(?P<y>{_Y}){_YW}"),
    ("season", (
        rf"(?=[нвлзоtsaw])(?:(?P<s>{_alternation(_SEASON_ADVERBS)})(?!\s+(?:of\b|\d))"
        r"|(?<=\bin )(?:the\s+)?"
        # English "in the summer" only before a clause's end or its next part, not a noun it
        # qualifies ("in the summer kitchen")
        r"(?P<se>spring|summer|autumn|winter)(?=\s*[,.;:!?)]|\s+(?:I|we|he|she|they|it|the|a|my"
        r"|our|his|her|their|there|when|and|but|after|before|until|while)\b))"
    )),
    ("day_alone", (
        rf"(?:(?P<dd>{_D})-(?:го|ого)|(?P<dwa>{_DW_ALONE}))(?:\s+числа)?"
        r"(?=\s*[,.;:!?)—–]|\s+[^\W\d])"
    )),
    ("month_y", rf"(?P<m>{_M})(?:\s+of)?,?\s+(?P<y>{_Y}){_YW}"),
    ("month", (
        # the month first (cheap: most places are no month), then the words before it
        rf"(?={_M})(?:(?<=\bmid-)|(?<=\bу )|(?<=\bв )|(?<=\bin )|(?<=\bна початку )"
        r"|(?<=\bв начале )"
        r"|(?<=\bнаприкінці )|(?<=\bв конце )|(?<=\bв середині )|(?<=\bв середине )|(?<=\bз )"
        r"|(?<=\bкінця )|(?<=\bпочатку )|(?<=\bсередини )|(?<=\bконца )|(?<=\bначала )"
        r"|(?<=\bсередины )|(?<=\bend of )|(?<=\bbeginning of )|(?<=\bmiddle of )"
        r"|(?<=\bвесь )|(?<=\bувесь )|(?<=\bцілий )|(?<=\bцелый )|(?<=\bпротягом )"
        r"|(?<=\bв течение )|(?<=\bearly )|(?<=\blate )|(?<=\bthroughout )|(?<=\bduring )"
        rf"|(?<=\bс )|(?<=\bдо )|(?<=\buntil )|(?<=\bsince ))(?P<m>{_M})(?!['’]s\b)"
    )),
    ("year", (
        r"(?:(?<=\bу )|(?<=\bв )|(?<=\bз )|(?<=\bс )|(?<=\bдо )|(?<=\bin )|(?<=\bsince ))"
        rf"(?P<y>{_Y})(?:{_YEND}(?!\s*(?:р\.|г\.)\s?[нр]\.)|{_YSUF}"
        r"(?:\s*(?:року|рік|році|р\.|г\.|года|году|год|г(?![\w]))))"
    )),
    ("year_en", (
        r"(?:(?<=\bin )|(?<=\bsince )|(?<=\bborn )|(?<=\buntil )|(?<=\btill )|(?<=\bbefore )"
        rf"|(?<=\bafter )|(?<=\bby )|(?<=\bduring )|(?<=\bearly )|(?<=\blate )|(?<=\(b\. ))"
        rf"(?P<y>{_Y})"
    )),
    ("year_birth", rf"(?P<y>{_Y})\s+(?:року|г\.|года)(?=\s+(?:народження|рождения|нар\.|рожд\.))"),
    ("year_birth_cue", (
        r"(?:рік|год|year)\s+(?:народження|нар\.|рождения|рожд\.|of\s+birth)\s*[:—–-]?\s*"
        rf"(?P<ent>(?P<y>{_Y}){_YW})"
    )),
    ("year_birth_abbr", rf"(?P<y>{_Y})(?=\s?(?:г\.\s?р\.|р\.\s?н\.))"),
    # the English calque of "1979 року народження" in translated documents: "2009 year of birth"
    ("year_birth_en", rf"(?P<y>{_Y})(?=\s+year\s+of\s+birth\b)"),
    ("year_word", rf"(?P<y>{_Y}){_YSUF}\s+(?:року|рік|році|года|году|год)(?![\w])"),
    ("relative_fixed", rf"(?P<fixed>{_FIXED})"),
    ("relative_after", (
        rf"(?:(?:через|спустя)\s+(?:(?:(?P<n1>{_N})\s+)?(?P<u1>{_U})|(?P<half1>{_HALF_YEAR}))"
        rf"|(?:(?P<n2>{_N})\s+(?P<u2>{_U})|(?P<half2>{_HALF_YEAR}))"
        r"\s+(?:потому|пізніше|позже|спустя|later|afterwards|earlier|раніше|раньше|ранее)"
        # "after two days" dates an event; "after thirteen months in a colony" is a stay
        rf"|(?:after|за)\s+(?P<n3>{_N})\s+(?P<u3>{_U})(?!\s+(?:in|of|at|inside|under)\s)"
        r"(?:\s+до\s+того)?)"
    )),
)  # fmt: skip


class DateRecognizer(Recognizer):
    """All date forms; provisional norms are completed by `resolve_norms` per document."""

    name = "date"
    version = "8"
    labels: ClassVar[frozenset[str]] = frozenset({"DATE", "DOB"})
    _compiled = tuple(
        # not inside a word or a number; a hyphen only in "mid-" ("mid-March 2022")
        (name, re.compile(rf"(?<![\w/.])(?<!(?<!mid)-){rx}(?![\w])", re.IGNORECASE))
        for name, rx in _P
    )

    # What every match of these patterns contains: a text without it skips the scan (speed only).
    _NEEDS: ClassVar[dict[str, re.Pattern[str]]] = {
        "day_only": re.compile(r"the\s+\d", re.IGNORECASE),
        "days_and": re.compile(r"\d\S{0,3}\s+(?:and|і|й|та|и)\s+\d", re.IGNORECASE),
        "range_numeric": re.compile(r"[./]\d{1,2}[./](?:19|20)\d\d"),
        "day_alone": re.compile(r"\d-(?:го|ого)|дцят|дцат|десят", re.IGNORECASE),
        "season": re.compile("|".join((*_SEASON_ADVERBS, *_SEASONS)), re.IGNORECASE),
        "months_dash": re.compile(r"[^\W\d]\s?[-–—]\s?[^\W\d]"),
        "range_md_dash": re.compile(r"\d\s?[-–—]\s?\d"),
    }

    def find(self, text: str, lang: str, nlp: object | None = None) -> Iterator[Span]:
        """Yield DATE spans (possibly overlapping; the pipeline keeps the longest)."""
        order = _slash_order(text) if lang == "en" and "/" in text else None
        for name, rx in self._compiled:
            needs = self._NEEDS.get(name)
            if needs is not None and needs.search(text) is None:
                continue
            for m in rx.finditer(text):
                norm = _norm(name, m, lang, order)
                if norm is False:
                    continue
                # a month after "in / late / until" beats a given name of the same letters
                # ("in late April": a date; "April's flat" is not matched at all)
                score = {"month": 0.75, "year_en": 0.7}.get(name, 0.9)
                start = m.start("ent") if "ent" in rx.groupindex else m.start()
                if name in _DAY_PATTERNS:
                    start = _with_weekday(text, start)
                elif isinstance(norm, str) and norm.startswith("REL:"):
                    norm = _relative_to_next(text, m.end(), norm)
                label = "DOB" if is_birth_date(text, start, m.end(), name) else "DATE"
                yield Span(
                    start, m.end(), label, text[start : m.end()], norm, self.detector(name), score
                )


# A weekday named right before a day's date is part of it: "[Monday, 7 March 2022]", "у
# [понеділок, 7 березня]", "в [среду, 9 марта]" (fail closed: with the date hidden, the weekday
# would narrow it down). The preposition stays outside, as for every date.
_DAY_PATTERNS = frozenset({"iso", "numeric", "d_month_y", "dword_month_y", "month_d_y"})
_WEEKDAYS = (
    "понеділок", "понеділка", "вівторок", "вівторка", "середа", "середу", "середи", "четвер",
    "четверга", "п'ятниця", "п'ятницю", "п'ятниці", "субота", "суботу", "суботи", "неділя",
    "неділю", "неділі", "понедельник", "понедельника", "вторник", "вторника", "среда", "среду",
    "среды", "четверг", "пятница", "пятницу", "пятницы", "суббота", "субботу", "субботы",
    "воскресенье", "воскресенья", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
)  # fmt: skip
_WEEKDAY_SET = frozenset(_WEEKDAYS)


def _with_weekday(text: str, start: int) -> int:
    """Where a date starts when a weekday ("Monday,", "у середу") stands right before it."""
    i = start
    while i > 0 and text[i - 1].isspace():
        i -= 1
    if i == start or i < 5:
        return start
    if text[i - 1] == ",":
        i -= 1
    j = i
    while j > 0 and (text[j - 1].isalpha() or text[j - 1] in "'’ʼ"):
        j -= 1
    word = text[j:i].lower().replace("’", "'").replace("ʼ", "'")
    return j if word in _WEEKDAY_SET else start


# "через два тижні після 5 квітня", "на следующий день после 3 апреля", "two weeks after
# 24 February": the relative date counts from the date that follows it, not the one before.
_AFTER_NEXT = re.compile(r"\s+(?:після|после|after|following)\s+(?=\S)", re.IGNORECASE)


def _relative_to_next(text: str, end: int, norm: str) -> str:
    """`REL:n` becomes `NEXT:n` when the relative date names the date after it as its anchor."""
    return "NEXT:" + norm[4:] if _AFTER_NEXT.match(text, end) else norm


# A date is a date of birth when its own words say so: "12.05.1984 р.н.", "1979 г.р.",
# "1961 року народження", "born on 3 May 1990", "дата народження: …". A birth date is a
# quasi-identifier (issue 9): profiles treat DOB apart from the dates of events.
_BIRTH_AFTER = re.compile(
    r"(?:р\.\s?н\b|г\.\s?р\b|(?:року|г\.|года)?\s*(?:народження|рождения|нар\.|рожд\.)"
    r"|р\.\s?народж)",
    re.IGNORECASE,
)
_BIRTHPLACE = (
    r"(?:\s+(?:в|у|во|in|at|near)\s+(?:(?:місті|селі|селищі|городе|селе|посёлке|поселке|м\.|с\.|"
    r"смт|the\s+(?:city|town|village)\s+of)\s*)?[A-ZА-ЯІЇЄҐЁ][\w'’-]*(?:\s+[A-ZА-ЯІЇЄҐЁ][\w'’-]*)"
    r"{0,2},?)"
)
_BIRTH_BEFORE = re.compile(
    r"(?:\bborn(?:\s+on|\s+in)?|\bdate\s+of\s+birth\s*:?|\bD\.?O\.?B\.?\s*:?|\(b\."
    r"|\bдата\s+(?:народження|рождения|нар\.|рожд\.)|\bнародил(?:ася|ась|ся|ися)"
    r"|\bнародився|\bbirth\s*date|\bdate\s+born|\bbirthday(?:\s+(?:is|was))?"
    r"|\bродил(?:ась|ся|ись)|\bнароджен(?:а|ий|ого|ої)|\bрожден(?:а|ный|ная)|\bр\.\s?н\.?\s*:?"
    r"|\bг\.\s?р\.?\s*:?|\bд\.\s?р\.?\s*:?|\bд\.\s?н\.?\s*:?"
    r"|\bродивш(?:ийся|аяся|иеся|егося|ейся|уюся|емуся)|\bнародивш(?:ись|ийся|аяся))"
    # the subject or "there" may follow the verb: "народилася я", "was born there on"
    r"(?:\s+(?:я|він|вона|вони|он|она|они|там|тут|there|here))?"
    # a birthplace may stand between the cue and the date ("народилася в Харкові 3 травня …")
    rf"{_BIRTHPLACE}?"
    r"\s*[:—–-]?\s*(?:(?:в|у|во|in|on)\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)


# A cheap test for any birth cue word before the full `_BIRTH_BEFORE` search.
_BIRTH_HINT = re.compile(
    r"народ|нар\.|родил|родивш|рожд|born|birth|D\.?O\.?B|\(b\.|[ргд]\.\s?[нр]", re.IGNORECASE
)


# The date first, then its subject and the verb in the same clause: "In 1975 my father was
# born", "У 1975 році в Херсоні народився мій батько" (no comma, no other number between).
_BIRTH_LATER = re.compile(
    r"[^.,;:!?\n\d]{0,50}?(?:\b(?:was|were)\s+born\b|(?<!\w)(?:народил(?:ася|ась|ся|ися)"
    r"|народився|родил(?:ась|ся|ись))(?!\w))",
    re.IGNORECASE,
)
_LATER_HINT = re.compile(r"born|народи|родил", re.IGNORECASE)


def is_birth_date(text: str, start: int, end: int, pattern: str = "") -> bool:
    """True when the words right around a date say it is someone's date of birth."""
    if pattern in ("year_birth", "year_birth_abbr", "year_birth_cue", "year_birth_en"):
        return True
    # The span may already hold the "р." / "г." of "р.н." / "г.р." as its year word.
    after = _BIRTH_AFTER.search(text, max(start, end - 3), min(len(text), end + 24))
    if after is not None and after.start() <= end + 2:
        return True
    if _LATER_HINT.search(text, end, end + 64) and _BIRTH_LATER.match(text, end):
        return True
    lo = max(0, start - 80)
    if _BIRTH_HINT.search(text, lo, start) is None:  # speed: most dates have no cue near
        return False
    return _BIRTH_BEFORE.search(text, lo, start) is not None


def _month(value: str | None) -> int | None:
    return MONTHS.get(value.lower()) if value else None


def _year(value: str | None) -> int | None:
    if not value:
        return None
    y = int(value)
    return y + 2000 if y < 100 else y


def _ymd(y: int | None, m: int, d: int | None = None) -> str | bool:
    if d is not None:
        if d > 31 or (y and d > calendar.monthrange(y, m)[1]):
            return False
        return f"{y:04d}-{m:02d}-{d:02d}" if y else f"--{m:02d}-{d:02d}"
    return f"{y:04d}-{m:02d}" if y else f"--{m:02d}"


def _norm(  # noqa: C901
    name: str, m: re.Match[str], lang: str, order: str | None = None
) -> str | None | bool:
    g = m.groupdict()
    if name == "range_years":
        return f"{g['y1']}/{g['y2']}" if int(g["y1"]) <= int(g["y2"]) else False
    if name in ("range_months", "months_dash"):
        m1, m2 = _month(g["m1"]), _month(g["m2"])
        y2 = _year(g.get("y2"))
        y1 = _year(g.get("y1")) or (y2 if y2 is None or (m1 or 0) <= (m2 or 0) else y2 - 1)
        return f"{_ymd(y1, m1 or 0)}/{_ymd(y2 or y1, m2 or 0)}"
    if name == "days_and" and int(g["d1"]) >= int(g["d2"]):
        return False
    if name in ("range_dm", "range_md", "range_dash", "range_night", "days_and", "range_md_dash"):
        m2 = _month(g.get("m2"))
        m1 = _month(g.get("m1")) or m2
        y2 = _year(g.get("y2"))
        y1 = _year(g.get("y1")) or y2
        y2 = y2 or y1  # "from 3 April 2022 to 9 April": the end is in the same year
        if m2 is None:
            m2 = m1
        if m1 is None or m2 is None:
            return False
        if not g.get("m1") and int(g["d1"]) > int(g["d2"]):
            m1 = m2 - 1 or 12  # "в ночь с 31 на 1 марта", "с 28 по 3 марта": the month before
        if y1 and not g.get("y1") and (m1, int(g["d1"])) > (m2, int(g["d2"])):
            y1 -= 1  # "з 28 грудня по 4 січня 2023": the start is in the year before
        a, b = _ymd(y1, m1, int(g["d1"])), _ymd(y2, m2, int(g["d2"]))
        if a is False or b is False:
            return False
        return f"{a}/{b}"
    if name == "range_numeric":
        y2 = _year(g["y2"])
        y1 = _year(g.get("y1")) or y2
        a = _numeric(g["a1"], g["b1"], y1, g["s1"], lang, order)
        b = _numeric(g["a2"], g["b2"], y2, g["s1"], lang, order)
        if not g.get("y1") and a is not False and b is not False and str(a) > str(b):
            a = _numeric(g["a1"], g["b1"], (y2 or 1) - 1, g["s1"], lang, order)  # 20.12–05.01
        if a is False or b is False or str(a) > str(b):
            return False  # not two dates in order: each numeric date stands alone
        return f"{a}/{b}"
    if name == "iso":
        return _ymd(int(g["y"]), int(g["m"]), int(g["d"]))
    if name == "numeric":
        return _numeric(g["a"], g["b"], _year(g["y"]), g["sep"], lang, order)
    if name == "day_only":
        return f"---{int(g['d']):02d}"  # the month and year come from the date before
    if name in ("d_month_y", "month_d_y"):
        return _ymd(_year(g.get("y")), _month(g["m"]) or 0, int(g["d"]))
    if name == "dword_month_y":
        spoken = g["dw"].lower().replace("’", "'").replace("ʼ", "'")
        day = ORDINAL_DAYS.get(" ".join(spoken.split()))
        return _ymd(_year(g.get("y")), _month(g["m"]) or 0, day) if day else False
    if name == "month_y":
        return _ymd(_year(g["y"]), _month(g["m"]) or 0)
    if name == "month":
        return _ymd(None, _month(g["m"]) or 0)
    if name in (
        "year",
        "year_en",
        "year_word",
        "year_birth",
        "year_birth_abbr",
        "year_birth_cue",
        "year_birth_en",
    ):
        return g["y"]
    if name == "season":
        first, last = season_interval(_SEASON_OF[(g["s"] or g["se"]).lower()], 2000).split("/")
        return f"--{first[5:]}/--{last[5:]}"
    if name == "day_alone":
        if lang == "en" or not _day_alone(m.string, m.end(), lang):
            return False
        spoken = " ".join((g["dwa"] or "").lower().replace("’", "'").replace("ʼ", "'").split())
        day = int(g["dd"]) if g["dd"] else ORDINAL_DAYS[spoken]
        return f"---{day:02d}"
    if name == "season_y":
        return season_interval(_SEASON_OF[g["s"].lower()], int(g["y"]))
    if name == "relative_fixed":
        return f"REL:{_RELATIVE_FIXED[' '.join(g['fixed'].lower().split())]}"
    if name == "relative_after":
        return _relative_norm(m, g)
    return None


# "за три дні до звільнення": days before an event, not a date this text gives (a date after
# "до" is the anchor: "за три дні до 5 квітня")
_BEFORE_EVENT = re.compile(r"\s+до\s+(?!того\b|\d)", re.IGNORECASE)


def _relative_norm(m: re.Match[str], g: dict[str, str | None]) -> str | bool:
    """`REL:<days>` or, for calendar months, `REL:<n>m` ("через місяць" after 18 January is 18
    February); `NEXT:` when the anchor is the date right after ("за три дні до 5 квітня")."""
    said = m.group().lower()
    before_next = said.startswith("за") and "до того" not in said
    if before_next and _BEFORE_EVENT.match(m.string, m.end()):
        return False
    prefix = "NEXT:" if before_next and re.match(r"\s+до\s+\d", m.string[m.end() :]) else "REL:"
    n = g.get("n1") or g.get("n2") or g.get("n3") or "1"
    unit = (g.get("u1") or g.get("u2") or g.get("u3") or "").lower()
    spoken = " ".join(n.lower().replace("’", "'").replace("ʼ", "'").split())
    count = int(n) if n.isdigit() else _NUMBERS.get(spoken, 1)
    back = "до того" in said or said.endswith(("earlier", "раніше", "раньше", "ранее"))
    sign = -1 if back or prefix == "NEXT:" else 1
    if g.get("half1") or g.get("half2"):
        return f"{prefix}{sign * 6}m"
    if unit in _MONTH_UNITS:
        return f"{prefix}{sign * count}m"
    return f"{prefix}{sign * count * _UNIT.get(unit, 1)}"


_NEXT_WORD = re.compile(r"\s+(\w+)")


def _day_alone(text: str, end: int, lang: str) -> bool:
    """A bare ordinal is a day when what follows is no noun it counts: a punctuation mark, a
    verb, a pronoun ("19-го увезли"; not "16-го батальона", "двадцятого століття")."""
    nxt = _NEXT_WORD.match(text, end)
    if nxt is None:
        return True
    word = nxt.group(1)
    if word[0].isupper():
        return False
    if word in ("числа", "число"):
        return True
    return not any(
        p.tag.POS in ("NOUN", "ADJF", "PRTF", "NUMR") and "gent" in p.tag
        for p in parses(lang, word.lower())
    )


_SLASHED = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(?:19|20)?\d\d(?![\d/])")


def _slash_order(text: str) -> str | None:
    """How an English text writes "a/b/yyyy": "dm" when some a is over 12, "md" when some b is."""
    for m in _SLASHED.finditer(text):
        if int(m.group(1)) > 12:
            return "dm"
        if int(m.group(2)) > 12:
            return "md"
    return None


def _numeric(
    a_text: str, b_text: str, y: int | None, sep: str, lang: str, order: str | None = None
) -> str | bool:
    """Day and month of "05.06.2023". An English "a/b/yyyy" follows the text's other slashed
    dates ("24/11/2022" makes it day first, "5/14/22" month first); with no evidence a zero-padded
    one is day first ("05/12/1974", as forms from Ukraine and Europe write it) and an unpadded
    one month first ("3/14/2022")."""
    a, b = int(a_text), int(b_text)
    if lang == "en" and sep == "/" and a <= 12:
        padded = a_text.startswith("0") or b_text.startswith("0")
        month_first = order == "md" or (order is None and not padded)
    else:
        month_first = False
    day, month = (b, a) if month_first else (a, b)
    if month > 12:
        day, month = month, day
    if month > 12 or month < 1:
        return False
    return _ymd(y, month, day)


def season_interval(season: str, year: int) -> str:
    """ISO interval of a season's months; winter Y runs from December Y-1 to February Y."""
    if season == "winter":
        return f"{year - 1:04d}-12/{year:04d}-02"
    first = {"spring": 3, "summer": 6, "autumn": 9}[season]
    return f"{year:04d}-{first:02d}/{year:04d}-{first + 2:02d}"


_FULL = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_YEAR_IN = re.compile(r"(?<![\d-])((?:19|20)\d{2})(?!\d)")


def resolve_norms(spans: Sequence[Span]) -> list[Span]:
    """Complete DATE norms in document order: infer missing years, resolve relative dates.

    Other spans pass through unchanged. Input must be sorted by start.
    """
    years = [(s.start, int(y)) for s in spans if s.label == "DATE" and s.norm
             and not s.detector.endswith(":year_birth")  # a birth year dates nothing else
             for y in _YEAR_IN.findall(s.norm)[:1]]  # fmt: skip
    out: list[Span] = []
    anchor: dt.date | None = None
    month: str | None = None  # "2022-03" or "--03" of the last DATE that had a month
    counted_on: list[tuple[int, str]] = []  # (index in out, shift) of "через тиждень після X"
    for s in spans:
        if s.label != "DATE" or s.norm is None:
            out.append(s)
            continue
        norm = s.norm
        if norm.startswith("---"):  # a day alone ("on the 20th"): the month of the date before
            norm = _day_in(month, anchor, int(norm[3:])) or norm
        elif "--" in norm:
            year = _nearest_year(years, s.start)
            if year is not None:
                parts = [
                    f"{year:04d}-{p[2:]}" if p.startswith("--") else p for p in norm.split("/")
                ]
                if len(parts) == 2 and parts[0] > parts[1] and s.norm.startswith("--"):
                    parts[1] = f"{year + 1:04d}{parts[1][4:]}"  # a winter alone: "--12/--02"
                norm = "/".join(parts)
        if norm.startswith("NEXT:"):
            counted_on.append((len(out), norm[5:]))
            norm = "REL:" + norm[5:]  # from the date before, unless a date follows (below)
        if norm.startswith("REL:"):
            if anchor is None:
                norm = None
            else:
                anchor = shift_date(anchor, norm[4:])
                norm = anchor.isoformat()
        else:
            full = _FULL.match(_last(norm))
            if full:
                try:
                    anchor = dt.date(*map(int, full.groups()))
                except ValueError:
                    anchor = None
        has_month = _MONTH_OF.match(_last(norm)) if norm else None
        month = has_month.group(1) if has_month else month
        out.append(replace(s, norm=norm) if norm != s.norm else s)
    for i, shift in counted_on:
        after = next((t for t in out[i + 1 :] if t.label == "DATE"), None)
        if after is not None and after.start - out[i].end <= 12 and after.norm:
            full = _FULL.match(after.norm)
            if full:
                day = shift_date(dt.date(*map(int, full.groups())), shift)
                out[i] = replace(out[i], norm=day.isoformat())
    return out


def shift_date(day: dt.date, shift: str) -> dt.date:
    """`day` moved by a relative norm's shift: "7" days, "-1" day, "1m" calendar month (the
    same day of the month, or the month's last day: 31 January + 1m = 28/29 February)."""
    if not shift.endswith("m"):
        return day + dt.timedelta(days=int(shift))
    months = day.year * 12 + day.month - 1 + int(shift[:-1])
    year, month = divmod(months, 12)
    last = calendar.monthrange(year, month + 1)[1]
    return dt.date(year, month + 1, min(day.day, last))


_MONTH_OF = re.compile(r"^(\d{4}-\d{2}|--\d{2})(?:-\d{2})?$")


def _last(norm: str) -> str:
    """The end of an interval norm ("2022-03-03/2022-03-10" → "2022-03-10"), else the norm."""
    return norm.split("/")[-1] if "/" in norm and len(norm) > 12 else norm


def _day_in(month: str | None, anchor: dt.date | None, day: int) -> str | None:
    """The date of "the 20th": in the month of the last dated span; a day before the last
    full date's day is in the next month ("on 28 March … on the 2nd" = 2 April)."""
    if month is None:
        return None
    if month.startswith("--"):
        return f"{month}-{day:02d}"
    year, mon = int(month[:4]), int(month[5:7])
    if anchor is not None and (anchor.year, anchor.month) == (year, mon) and day < anchor.day:
        year, mon = (year + 1, 1) if mon == 12 else (year, mon + 1)
    if day > calendar.monthrange(year, mon)[1]:
        return None
    return f"{year:04d}-{mon:02d}-{day:02d}"


def _nearest_year(years: list[tuple[int, int]], pos: int) -> int | None:
    """Year of the nearest dated span before `pos`, else after it (`years` sorted by offset)."""
    i = bisect.bisect_left(years, (pos, -1))
    if i > 0:
        return years[i - 1][1]
    after = [y for p, y in years[i:] if p > pos]
    return after[0] if after else None
