"""Organisations: known bodies (uk/ru/en, any case ending) and "ТОВ «Назва»"-style names."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

from sestry.extractors.entities.base import Pattern, PatternRecognizer, Span
from sestry.extractors.entities.chars import LOW, UP

# (canonical key, regex) — endings are open (\w*) so every grammatical case matches.
KNOWN: tuple[tuple[str, str], ...] = (
    ("фсб", r"ФСБ(?:\s+(?:Росії|России|РФ))?|FSB"),
    (
        "сбу",
        (
            r"СБУ|SBU|Служб\w+\s+безпеки\s+України|Служб\w+\s+безопасности\s+Украины|"
            r"Security\s+Service\s+of\s+Ukraine"
        ),
    ),
    (
        "зсу",
        (
            r"ЗСУ|ВСУ|Збройн\w+\s+[Сс]ил\w*\s+України|Вооруж\w+\s+[Сс]ил\w*\s+Украины|"
            r"Armed\s+Forces\s+of\s+Ukraine|Ukrainian\s+Armed\s+Forces"
        ),
    ),
    (
        "зс рф",
        (
            r"ЗС\s+РФ|ВС\s+РФ|Збройн\w+\s+[Сс]ил\w*\s+(?:РФ|Росії)|"
            r"Вооруж\w+\s+[Сс]ил\w*\s+(?:РФ|России)|Russian\s+Armed\s+Forces|"
            r"Armed\s+Forces\s+of\s+the\s+Russian\s+Federation"
        ),
    ),
    ("оон", r"ООН|UN|United\s+Nations|Організаці\w+\s+Об.єднаних\s+Націй"),
    ("обсє", r"ОБСЄ|ОБСЕ|OSCE"),
    (
        "мкчх",
        (
            r"МКЧХ|МККК|ICRC|(?:International\s+Committee\s+of\s+the\s+)?Red\s+Cross|"
            r"(?:Міжнародн\w+\s+комітет\w*\s+)?Червон\w+\s+Хрест\w*|"
            r"(?:Международн\w+\s+комитет\w*\s+)?Красн\w+\s+Крест\w*"
        ),
    ),
    ("національна поліція", r"Національн\w+\s+поліці\w+|Нацполіці\w+|National\s+Police"),
    ("росгвардія", r"[Рр]осгварді\w+|[Рр]осгвард\w*|Rosgvardi\w*|Rosguard\w*"),
    ("гур", r"ГУР(?:\s+МО)?"),
    (
        "міноборони",
        (
            r"Міноборони(?:\s+(?:РФ|Росії|України))?|Минобороны(?:\s+(?:РФ|России|Украины))?|"
            r"Міністерств\w+\s+оборони(?:\s+(?:РФ|Росії|України))?|"
            r"Министерств\w+\s+обороны(?:\s+(?:РФ|России|Украины))?|"
            r"(?:Russian\s+|Ukrainian\s+)?Ministry\s+of\s+Defen[cs]e"
        ),
    ),
    ("дбр", r"ДБР"),
    (
        "прокуратура",
        (
            r"(?:Офіс\w*\s+Генерального\s+прокурора|Офис\w*\s+Генерального\s+прокурора|"
            r"Office\s+of\s+the\s+Prosecutor"
            r"\s+General|[Оо]бласн\w+\s+прокуратур\w+|Генпрокуратур\w+)"
        ),
    ),
    ("днр", r"ДНР|DPR|DNR|ЛНР|LPR|LNR"),
    ("вагнер", r"(?:ЧВК|ПВК|PMC)\s+[«\"“]?Вагнер\w*[»\"”]?|Wagner\s+Group"),
    ("мкс", r"Міжнародн\w+\s+кримінальн\w+\s+суд\w*|International\s+Criminal\s+Court|ICC|МКС"),
    ("hrw", r"Human\s+Rights\s+Watch|Amnesty\s+International"),
    (
        "омбудсман",
        (
            # the ombudsman of either state, with the office's word before and the state after
            r"Офіс\w*\s+Омбудсмана|Office\s+of\s+the\s+Ombudsman(?:\s+of\s+Ukraine)?|"
            r"(?:(?:Офіс|Секретаріат|Апарат|Офис|Секретариат|Аппарат)\w*\s+)?(?:"
            r"Уповноважен\w+\s+(?:Верховної\s+Ради\s+(?:України\s+)?)?з\s+прав\s+людини|"
            r"Уполномоченн?\w+\s+(?:Верховной\s+Рады\s+(?:Украины\s+)?)?по\s+правам\s+человека)"
            r"(?:\s+(?:в|у)\s+(?:Російській\s+Федерації|Российской\s+Федерации|Україні|Украине))?"
        ),
    ),
)

# Adjectives before a type word belong to the name: "громадська організація «…»",
# "благодійний фонд «…»" (relative-adjective suffixes only, so "моя", "ця" stay outside).
_TYPE_ADJ = (
    r"(?:(?<![\w'’-])[А-ЯІЇЄҐЁа-яіїєґё][а-яіїєґё'’]+(?:ськ|цьк|зьк|ск|цк|н|ов|ев|ів)"
    r"(?:а|ий|ої|ій|у|ою|ого|ому|ім|ая|ой|ую|ый|ое|ом|ым|е|ее|ої)\s+){0,2}"
)
_QUOTED = (
    r"(?P<ent>(?:ТОВ|ТзОВ|ООО|ОАО|ЗАО|ПАО|АО|ПАТ|ПрАТ|АТ|ПП|ДП|КП|КНП|ГУП|МУП|ГО|БФ|ЧВК|ПВК|ФОП|"
    r"LLC|Ltd\.?|PJSC|JSC|NGO|"
    # any acronym before a quoted name is its type ("ФК «…»", "АТП «…»"): a company, not a
    # call sign or a given name
    r"(?<![\w«\"„“])[А-ЯІЇЄҐ]{2,6}(?:\s+[А-ЯІЇЄҐ]{2,6})?|"
    rf"{_TYPE_ADJ}(?:[Пп]ідприємств\w+|[Пп]редприяти\w+|[Аа]гентств\w+|[Аа]социаци\w+|[Аа]соціаці\w+|"
    r"[Сс]пілк\w+|[Рр]ух\w*|[Дд]вижени\w+|[Цц]ентр\w*|[Бб]анк\w*|[Зз]авод\w*|[Кк]омбінат\w*|"
    r"[Кк]омбинат\w*|[Кк]луб\w*|[Тт]елеканал\w*|[Гг]азет\w+|[Вв]идавництв\w+|[Ии]здательств\w+|"
    r"[Кк]омпані\w+|[Фф]ірм\w+|[Фф]онд\w*|[Оо]рганізаці\w+|[Оо]рганизаци\w+))\s*[«\"„“](?P<q>[^»\"“”\n]{1,90})[»\"“”])"
)


# The state a body belongs to is part of its name: "Office of the Prosecutor General of
# Ukraine", "Офіс Генерального прокурора України".
_STATE = (
    r"(?:\s+(?:of\s+(?:the\s+)?)?(?:Ukraine|Russian\s+Federation|Russia|України|Украины|"
    r"Російської\s+Федерації|Российской\s+Федерации))"
)
KNOWN_RX = "|".join(f"(?P<k{i}>{rx})" for i, (_, rx) in enumerate(KNOWN))
# A letterhead in capitals ("ОФІС ГЕНЕРАЛЬНОГО ПРОКУРОРА", "SECURITY SERVICE OF UKRAINE"): the
# known bodies are matched there whatever their case.
_KNOWN_ANY_CASE = re.compile(
    rf"(?<![\w])(?P<ent>(?:{KNOWN_RX}){_STATE}?)(?![\w])", re.IGNORECASE
)
# A line of capitals with at least two words of two capitals each and no lower-case letter.
_CAPS_LINE = re.compile(
    rf"^(?=[^\n{LOW}]*[{UP}]{{2}}[^\n{LOW}]*?[ \t][^\n{LOW}]*[{UP}]{{2}})[^\n{LOW}]+$", re.M
)
_EN_SMALL = frozenset(["Of", "For", "The", "In", "And", "On", "To", "At", "By"])


def caps_lines(text: str) -> Iterator[tuple[int, int]]:
    """Offsets of the lines written in capitals only (letterheads, titles)."""
    for m in _CAPS_LINE.finditer(text):
        yield m.start(), m.end()


def titled(text: str) -> str:
    """`text` with its Latin lines in capitals title-cased ("SECURITY SERVICE OF UKRAINE" →
    "Security Service of Ukraine"), same length and offsets, so English capitalisation rules
    see a letterhead as they see a name in running text; other lines unchanged."""
    parts, pos = [], 0
    for start, end in caps_lines(text):
        line = text[start:end]
        if not line.isascii():
            continue
        words = re.sub(r"[A-Za-z]+(?:['’][A-Za-z]+)?", lambda w: w.group().capitalize(), line)
        words = re.sub(r"\b[A-Z][a-z]+\b", lambda w: _small(w.group()), words)
        parts.append(text[pos:start])
        parts.append(words)
        pos = end
    if not parts:
        return text
    parts.append(text[pos:])
    return "".join(parts)


def _small(word: str) -> str:
    return word.lower() if word in _EN_SMALL else word


class OrgRecognizer(PatternRecognizer):
    """Norm: the canonical key of a known body, or the lower-cased quoted name.

    The known bodies are one alternation (one pass over the text, not one per body).
    """

    name = "org"
    version = "6"
    label = "ORG"
    labels = frozenset({"ORG"})
    # A quoted name needs an opening quote: most texts have none, and the scan is slow.
    NEEDS: ClassVar[dict[str, re.Pattern[str]]] = {"type_quoted": re.compile('[«"„“]')}
    PATTERNS = (
        Pattern("known", rf"(?<![\w])(?P<ent>(?:{KNOWN_RX}){_STATE}?)(?![\w])", 0.8),
        Pattern("type_quoted", _QUOTED, 0.85),
    )

    def find(self, text: str, lang: str, nlp: object | None = None) -> Iterator[Span]:
        """The patterns' spans, and known bodies in any case on lines of capitals."""
        yield from super().find(text, lang, nlp)
        for lo, hi in caps_lines(text):
            for m in _KNOWN_ANY_CASE.finditer(text, lo, hi):
                yield Span(m.start("ent"), m.end("ent"), "ORG", m.group("ent"),
                           self._known_key(m), self.detector("known_caps"), 0.8)  # fmt: skip

    @staticmethod
    def _known_key(match: re.Match[str]) -> str:
        for i, (key, _) in enumerate(KNOWN):
            if match.group(f"k{i}") is not None:
                return key
        return match.group("ent").lower()

    def normalize(self, match: re.Match[str]) -> str | None:
        """Canonical key; quoted names lower-cased."""
        if "q" in match.re.groupindex:
            return " ".join(match.group("ent").lower().split())
        for i, (key, _) in enumerate(KNOWN):
            if match.group(f"k{i}") is not None:
                return key
        return match.group("ent").lower()
