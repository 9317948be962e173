"""Institutions named by a phrase: adjectives + an institution noun + a genitive complement.

Why: testimony names courts, prosecutor's offices, hospitals, police departments and security
bodies by descriptive phrases ("Балаклійська центральна районна лікарня", "Шевченківський
районний суд міста Києва", "Управление ФСБ по Херсонской области", "Kupiansk Police
Department"), and companies by a legal form ("ТОВ Агросвіт", "Agrosvit LLC"). The rules are
institution types and morphology (pymorphy3 adjective readings agreeing in case with the head,
genitive readings for the complement), never names of particular institutions. A phrase counts
only with a proper part: a capitalised modifier or head that is not a sentence's first word, an
acronym, or a capitalised complement after a head that names one institution by itself ("суду
міста Києва"), so "у лікарні", "центр міста", "Слідчий відділу поліції" are no ORG. A phrase that
is a known body ("National Police") is left to orgs.py and its canonical key.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache
from typing import ClassVar, NamedTuple

from sestry.extractors.entities import morph
from sestry.extractors.entities.base import Recognizer, Span
from sestry.extractors.entities.chars import APOS, LOW, UP, words
from sestry.extractors.entities.gazetteer import gazetteer
from sestry.extractors.entities.institutions import FORMER, lemma_key
from sestry.extractors.entities.names import COMPANY_SHAPE, COMPANY_STEMS, person_word
from sestry.extractors.entities.orgs import KNOWN_RX, titled

# Heads that name one institution with a capitalised complement ("суду міста Києва").
_STRONG = re.compile(
    r"суд(?:у|і|ом|а|е|ів|ов|ы)?|прокуратур\w*|лікарн\w*|больниц\w*|госпітал\w*|госпитал\w*|"
    r"шпитал\w*|клінік\w*|клиник\w*|поліклінік\w*|поликлиник\w*|диспансер\w*|амбулатор\w*|"
    r"поліці\w*|полици\w*|міліці\w*|милици\w*|військкомат\w*|военкомат\w*|комендатур\w*|"
    r"комісаріат\w*|комиссариат\w*|університет\w*|университет\w*|інститут\w*|институт\w*|"
    r"академі\w*|академи\w*|коледж\w*|колледж\w*|училищ\w*|банк(?:у|і|ом|а|е)?|"
    r"завод(?:у|і|ом|а|е)?|комбінат\w*|комбинат\w*|фабрик\w*|підприємств\w*|предприяти\w*|"
    r"компані\w*|компани\w*|агентств\w*|трибунал\w*|інспекці\w*|инспекци\w*|департамент\w*|"
    r"комітет\w*|комитет\w*|організаці\w*|организаци\w*|бюро|тюрм\w*|в[{APOS}]язниц\w*|"
    r"посольств\w*|консульств\w*|правительств\w*|уряд(?:у|ом|і|ові)?|парламент\w*|"
    r"конгрес\w*|мэри[ияюей]|мері[яїюєі]|сенат\w*|адміністраці\w*|администраци\w*|"
    r"госпсуд\w*|адмінсуд\w*".replace(
        "{APOS}", APOS
    )
)
# Heads that need a capitalised modifier or an acronym ("управління ФСБ", "Верховна Рада").
_WEAK = re.compile(
    r"управлінн\w*|управлени\w*|відділ(?:у|і|ом|а)?|відділенн\w*|отдел(?:а|у|е|ом)?|"
    r"отделени\w*|центр(?:у|і|ом|а|е)?|служб\w*|рад(?:а|и|і|у|ою)|совет(?:а|у|е|ом)?|"
    r"союз(?:у|і|ом|а|е)?|спілк\w*|фонд(?:у|і|ом|а|е)?|штаб(?:у|і|ом|а|е)?|колоні\w*|"
    r"колони\w*|дум(?:а|и|і|е|у|ою|ой)|асоціаці\w*|ассоциаци\w*|парті\w*|парти[иіяюей]\w*|"
    r"школ[аиіуою]\w*|ліце[йюїя]\w*|лице[йюея]\w*|гімназі\w*|гимнази\w*|технікум\w*|техникум\w*|"
    r"місі[яїюєі]\w*|мисси[яиюей]\w*|ізолятор\w*|изолятор\w*|"
    r"(?:міськ|обл|рай|сіль|селищ)рад(?:а|и|і|у|ою)"  # "Запорізької міськради"
)
# Heads whose name goes on with lower-case genitive nouns ("коледжу культури і мистецтв").
_SCHOOL_HEADS = re.compile(
    r"коледж\w*|колледж\w*|училищ\w*|університет\w*|университет\w*|інститут\w*|институт\w*|"
    r"академі\w*|академи\w*|технікум\w*|техникум\w*"
)
# "з питань …", "з прав людини", "по правам человека", "по вопросам …", "по делам …": a plural
# noun after "з / по" names a body's remit.
_REMIT_AFTER = frozenset(["з", "із", "по"])
_JOIN = frozenset(["і", "й", "та", "и"])
# Lower-case complements that belong to an institution's name ("відділ поліції").
_COMPLEMENT_WORDS = words(
    "поліції полиции міліції милиции прокуратури прокуратуры безпеки безопасности "
    "охорони охраны здоров'я здравоохранения юстиції юстиции внутрішніх внутренних "
    "справ дел судово-медичної судебно-медицинской експертизи экспертизы оборони "
    "обороны надзвичайних чрезвычайных ситуацій ситуаций міграційної миграционной "
    "служби службы"
)
_NOT_COMPLEMENT = words(
    "минулого наступного цього того кожного іншого свого мого нашого прошлого следующего "
    "этого каждого другого своего моего нашего тижня року місяця дня ранку вечора ночі літа "
    "зими весни осені недели года месяца утра вечера ночи лета зимы весны осени часу часа"
)
_ADMIN_AFTER_ADJ = words(
    "області области району района округу округа громади республіки республики краю края"
)
_CITY_WORDS = frozenset(["міста", "м", "города", "г", "селища", "села", "с", "смт"])
_REGION_AFTER = frozenset(["області", "области", "районі", "районе", "краю", "крае"])
# "по Республике Крым", "по городу Москве": a region noun, then its name.
_REGION_BEFORE = frozenset(["республіці", "республике", "місту", "городу", "автономній"])
_NAMED_AFTER = frozenset(["імені", "имени"])
# A rank before "поліції / юстиції" makes a rank, not an institution ("капитан полиции X").
_RANK = re.compile(
    r"(?:молодш\w+|старш\w+|головн\w+|главн\w+|генерал-?)?\s*"
    r"(?:лейтенант|капітан|капитан|майор|підполковник|подполковник|полковник|сержант|"
    r"прапорщик|старшина|рядов|генерал|радник|советник)\w*",
    re.IGNORECASE,
)
_RANK_HEADS = frozenset(["поліції", "полиции", "юстиції", "юстиции", "міліції", "милиции"])
# A place adjective by its suffix ("Волчанского", "Лисичанском": pymorphy3 reads them as a
# surname or a town); its case is read off a dictionary adjective with the same ending.
_PLACE_ADJ = re.compile(
    rf"[{UP}][{LOW}{APOS}]+(?:-[{UP}]?[{LOW}{APOS}]+)*?(?P<suf>ськ|цьк|зьк|ск|цк)"
    r"(?P<end>ий|ій|ого|ому|им|ім|ої|ою|а|у|е|і|их|ая|ой|ую|ый|ое|ом|ым|ие|ые|ых)"
)
_COMMON_PLACE_ADJ = ("міськ", "сільськ", "городск", "сельск")
# Adjectives that name a state's or the world's one body ("Національне інформаційне бюро",
# "Государственная дума", "Міжнародна організація"): a proper part at a sentence start too.
_STATE_ADJ = (
    "національн", "национальн", "державн", "государственн", "верховн", "федеральн",
    "міжнародн", "международн", "генеральн",
)
# "Республики Дагестан", "Республіки Крим": the republic's name follows in the nominative.
_REPUBLIC = frozenset(["республіки", "республики"])
# A quoted name right after a phrase is its name: "центр «Мемориал»", "Центрі реабілітації «…»".
_QUOTED_NAME = re.compile(r"[ \t]*[«\"„“][^»\"“”\n]{1,80}[»\"“”]")
_ROMAN = re.compile(r"[IVXІ]+(?:-[IVXІ]+)?")
_KNOWN = re.compile(KNOWN_RX)
_KNOWN_CI = re.compile(KNOWN_RX, re.IGNORECASE)
_BRAND = re.compile(
    rf"(?<![\w'’-])(?:[{UP}][{LOW}{APOS}]+[{UP}][{LOW}]+|(?:Укр|Рос)\w{{4,}}|"
    rf"[{UP}]\w{{2,}}{COMPANY_STEMS}\w*)(?![\w'’-])"
)  # a prefilter: `_brand` decides
# Stump compounds that name a body ("міськради", "Київради", "Кабміну", "Мінфіну",
# "Держпраці", "Минюста", "Госдумы"): `_stump` decides.
_STUMP = re.compile(
    rf"(?<![\w'’-])(?:(?:[Мм]іськ|[Оо]бл|[Рр]ай|[Сс]ільс?|[Сс]елищ|[{UP}][{LOW}]{{2,}})"
    rf"рад(?:а|и|і|у|ою|ам|ах)|Кабмін\w*|Кабмин\w*|Нацбанк\w*|"
    rf"(?:Мін|Мин|Держ|Гос)[{LOW}{APOS}]{{3,}})(?![\w'’-])"
)
_COUNCIL_PREFIX = ("міськ", "обл", "рай", "сіль", "селищ")
_INNER_CAP = re.compile(r"^[А-ЯІЇЄҐ][а-яіїєґ]+[А-ЯІЇЄҐ][а-яіїєґ]+")
_CYR_ACRONYM = re.compile(r"(?<![\w-])[А-ЯЁІЇЄҐ]{2,6}(?![\w-])")
_UK_TO_RU = str.maketrans({"і": "и", "ї": "и", "є": "е", "ґ": "г"})
_LEGAL_ALONE = frozenset({"ооо", "ао", "зао", "оао", "пао", "тов", "пат", "ат"})
_HEAD = re.compile(
    rf"(?<![{UP}{LOW}{APOS}-])(?:{_STRONG.pattern}|{_WEAK.pattern})(?![{UP}{LOW}{APOS}-])",
    re.IGNORECASE,
)
_TOKEN = re.compile(rf"[{UP}{LOW}{APOS}]+(?:-[{UP}{LOW}{APOS}]+)*|\S")
_SENT_END = re.compile(r"(?:^|[.!?…:;\n])\s*[«\"„“(]?\s*$")
_LEGAL_CYR = r"ТОВ|ТзОВ|ПАТ|ПрАТ|ПП|ДП|КП|КНП|ООО|ОАО|ЗАО|ПАО|АО|ГУП|МУП|ФГУП"
_CYR_WORD = rf"[{UP}][{LOW}{APOS}]+(?:-[{UP}]?[{LOW}{APOS}]+)?"
_LEGAL_BARE = re.compile(
    rf"(?<![\w«\"])(?P<ent>(?:{_LEGAL_CYR})\s+{_CYR_WORD}(?:\s+{_CYR_WORD})?)(?![\w])"
)
# English: capitalised modifiers + an institution head + "of (the) Capitalised ..." tails.
# Words are joined by spaces or tabs only: a letterhead's name ends at its line.
_SP = r"[ \t]+"
_EN_WORD = r"(?:[A-Z][a-z]+(?:-[A-Z]?[a-z]+)*(?:['’]s)?|[A-Z]{2,6})"
_EN_HEAD = (
    r"(?:Court(?:[ \t]+of[ \t]+Appeal)?|Hospital|Clinic|Prosecutor(?:['’]s|s['’])?[ \t]+Office|"
    r"Prosecution[ \t]+Office|Police[ \t]+(?:Department|Station|Directorate|Office)|Police|"
    r"Department|Directorate|Office|Committee|Foundation|Fund|University|Institute|Academy|"
    r"College|Service|Agency|Bureau|Cent(?:re|er)|Commission|Prison|Penal[ \t]+Colony|Bank|"
    r"Company|Corporation|Factory|Tribunal|Commandant['’]s[ \t]+Office|Enlistment[ \t]+Office|"
    r"Morgue|Organi[sz]ation|Union|Association|Charity|Inspectorate|Garrison|"
    r"(?:Detention[ \t]+)?Facility|Camp|Parliament|Government|Army|Navy|Council|"
    r"Ministry|Plant|Works|Mill|Society|Board|Group|Headquarters|Secretariat|"
    r"(?P<host>Mission|Embassy|Consulate)|Home|School|Register|Registry|Church|Section|Unit|"
    r"Command|Team|Sanatorium|Shipyard|Militia)"
)
# Heads that name one body with an "of / for" complement and no modifier ("Embassy of X").
_EN_HEAD_FIRST = (
    r"(?:(?P<emb>Embassy|Consulate(?:[ \t]+General)?|Mission)|Office|Ministry|Register|"
    r"Registry|Secretariat|Headquarters|Committee|Commission|Council|Board|Government|Parliament|Directorate)"
)
_EN_NOT_PLACE = (
    r"(?!(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b)"
)
_EN_TAIL = (
    rf"(?:{_SP}(?:of|for){_SP}(?:the{_SP})?{_EN_WORD}(?:{_SP}{_EN_WORD}){{0,3}}){{0,3}}"
    rf"(?:{_SP}in{_SP}(?:the{_SP})?[A-Z][a-z]+(?:{_SP}[A-Z][a-z]+)?{_SP}"
    r"(?:Oblast|Region|Province|Raion|District|Krai))?"
)
# An embassy or mission names its host country: "Embassy of X in Y", "Mission of X to Y".
_EN_HOST = (
    rf"(?:{_SP}(?:in|to){_SP}(?:the{_SP})?(?:(?:Kingdom|Republic|Federation|Grand{_SP}Duchy)"
    rf"{_SP}of{_SP}(?:the{_SP})?)?{_EN_NOT_PLACE}[A-Z][a-z]+(?:{_SP}[A-Z][a-z]+)?)?"
)
_EN_STOP = words(
    "The A An In At On To From By For With Of And Or But Then When My His Her Our "
    "Their Your This That These Those We I He She They It"
)
_EN_PHRASE = re.compile(
    rf"(?<![\w'’])(?P<ent>(?:{_EN_WORD}{_SP}){{1,5}}{_EN_HEAD}"
    rf"(?:{_SP}(?:No\.?|Nr\.?|№|#)[ \t]*\d{{1,4}})?{_EN_TAIL}(?(host){_EN_HOST}))(?![\w'’])"
)
_EN_HEAD_PHRASE = re.compile(
    rf"(?<![\w'’])(?P<ent>{_EN_HEAD_FIRST}{_SP}(?:of|for){_SP}(?:the{_SP})?{_EN_WORD}"
    rf"(?:{_SP}{_EN_WORD}){{0,3}}{_EN_TAIL}"
    rf"(?(emb){_EN_HOST}))(?![\w'’])"
)
_EN_LEGAL = re.compile(
    rf"(?<![\w'’])(?P<ent>{_EN_WORD}(?:{_SP}{_EN_WORD}){{0,2}},?{_SP}(?:LLC|Ltd\.?|Inc\.?|JSC|"
    rf"PJSC|PrJSC|PLC|GmbH|LLP|Corp\.?)|(?:LLC|PJSC|PrJSC|JSC){_SP}[\"“«]?{_EN_WORD}"
    rf"(?:{_SP}{_EN_WORD}){{0,2}}[\"”»]?)(?![\w'’])"
)


# A body's acronyms with its state and region: "УФСИН России по Брянской области", "СУ ГУНП в
# Харківській області", "ФКУ СИЗО-2 УФСИН России …", "МЧС России".
_ACR = r"[А-ЯЁІЇЄҐ]{2,6}(?:-\d{1,3})?"
_ACR_CHAIN = re.compile(
    rf"(?<![\w-])(?P<ent>(?P<acrs>(?:{_ACR}[ \t]+){{0,2}}{_ACR})"
    r"(?P<state>[ \t]+(?:России|РФ|Росії|Украины|України))?"
    rf"(?P<region>[ \t]+(?:по|в|у)[ \t]+(?:[{UP}][{LOW}]+(?:-[{UP}][{LOW}]+)?[ \t]+"
    r"(?:области|області|краю|крае|районе|районі|району|округу)|"
    rf"(?:Республике|Республіці|городу|місту)[ \t]+[{UP}][{LOW}]+(?:[ \t]+[{UP}][{LOW}]+)?))?"
    r"(?:[ \t]+«[^»\n]{1,60}»)?)"
    r"(?![\w-])"
)


class _Tok(NamedTuple):
    start: int
    end: int
    word: str


class OrgPhraseRecognizer(Recognizer):
    """ORG: institution phrases (uk/ru by morphology, en by capitalisation), legal forms."""

    name = "org_phrase"
    version = "4"
    labels: ClassVar[frozenset[str]] = frozenset({"ORG"})

    def find(self, text: str, lang: str, nlp: object | None = None) -> Iterator[Span]:
        """Yield ORG spans (the pipeline keeps the longest of overlapping candidates)."""
        for start, end, pattern in self._candidates(text, lang):
            surface = text[start:end]
            known = _KNOWN_CI if surface.isupper() else _KNOWN
            if not known.fullmatch(surface):  # a known body keeps its key (orgs.py)
                yield Span(start, end, "ORG", surface, lemma_key(surface, lang),
                           self.detector(pattern), 0.9)  # fmt: skip

    def _candidates(self, text: str, lang: str) -> Iterator[tuple[int, int, str]]:
        if lang in morph.MORPH_LANGS:
            yield from _cyrillic(text, lang)
            for m in _LEGAL_BARE.finditer(text):
                yield m.start("ent"), m.end("ent"), "legal_form"
            for m in _BRAND.finditer(text):
                if _brand(m.group(), text, m.start()):
                    yield m.start(), m.end(), "company_word"
            for m in _STUMP.finditer(text):
                if _stump(m.group(), text, m.start(), lang):
                    yield _place_before(text, m.start()), m.end(), "stump"
            for m in _CYR_ACRONYM.finditer(text):
                if _org_acronym(m.group()):
                    yield _place_before(text, m.start()), m.end(), "acronym"
                elif _plain_acronym(m.group()) and (
                    (start := _place_before(text, m.start())) < m.start()
                ):
                    yield start, m.end(), "place_acronym"  # "Волновахского ДРСУ"
            for m in _ACR_CHAIN.finditer(text):
                if _acronym_body(m):
                    yield _place_before(text, m.start("ent")), m.end("ent"), "acronym_chain"
        shadow = titled(text)  # a letterhead in capitals reads as a name in running text
        for m in _EN_PHRASE.finditer(shadow):
            start, end = _trim_en(shadow, m.start("ent"), m.end("ent"))
            start, end = _trim_en_tail(shadow, start, end)
            if _en_proper(shadow, start, end) and _heads_line(text, shadow, start):
                yield start, end, "phrase_en"
        for m in _EN_HEAD_PHRASE.finditer(shadow):
            start, end = _trim_en_tail(shadow, m.start("ent"), m.end("ent"))
            if _heads_line(text, shadow, start):
                yield start, end, "head_en"
        text = shadow
        for m in _EN_LEGAL.finditer(text):
            start, end = _trim_en(text, m.start("ent"), m.end("ent"))
            yield start, end, "legal_form_en"


_LINE_HEAD = re.compile(r"(?:[^\n]*[/|,;:–—-])?[ \t]*")


def _heads_line(text: str, shadow: str, start: int) -> bool:
    """A name found on a line of capitals starts that line or a part of it after "/ , : –"
    ("NORWEGIAN DIRECTORATE OF …"); a title's words are no name ("EXTRACT FROM THE UNIFIED
    REGISTER"). Lines in running case pass."""
    if text[start : start + 2] == shadow[start : start + 2]:
        return True
    line_start = text.rfind("\n", 0, start) + 1
    return _LINE_HEAD.fullmatch(text, line_start, start) is not None


def _cyrillic(text: str, lang: str) -> Iterator[tuple[int, int, str]]:
    """Institution phrases in Ukrainian or Russian text, by morphology.

    One regex pass finds the head nouns; only a window around each is tokenised (speed)."""
    for h in _HEAD.finditer(text):
        lo = max(0, h.start() - 160)
        if lo:
            lo = text.find(" ", lo, h.start()) + 1 or h.start()
        hi = min(len(text), h.end() + 240)
        toks = [_Tok(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, lo, hi)]
        i = next(k for k, t in enumerate(toks) if t.start == h.start())
        found = _phrase(text, toks, i, lang)
        if found:
            yield found


def _phrase(text: str, toks: list[_Tok], i: int, lang: str) -> tuple[int, int, str] | None:
    """The phrase around the head token `toks[i]`, or None without a proper part."""
    tok = toks[i]
    strong = bool(_STRONG.fullmatch(tok.word.lower()))
    if i > 0 and tok.word.lower() in _RANK_HEADS and _RANK.fullmatch(toks[i - 1].word):
        return None  # "капитан полиции Литвак": a rank and a name
    first = i
    while (
        first > 0
        and i - first < 4
        and _same_line(text, toks[first - 1], toks[first])
        and _adjective(toks[first - 1].word, lang)
        and _agrees(toks[first - 1].word, tok.word, lang)
    ):
        first -= 1
    first = _drop_leading(toks, first, i, lang)
    sentence_start = _at_sentence_start(text, toks[first].start)
    named = tok.word[0].isupper() and not (first == i and sentence_start)
    lead = any(t.word[:1].isupper() for t in toks[first : i + 1])
    last, tail_proper = _tail(text, toks, i, lang, named, lead)
    tail_ok = (strong or i > first) and tail_proper  # "Головне управління Національної поліції"
    proper = _proper(toks[first : last + 1], i - first, sentence_start, tail_ok)
    # a quoted name after a named phrase or a modifier is part of it ("центр «Мемориал»");
    # after a bare lower-case head it is the name alone ("заводу [«Азовсталь»]")
    quoted = _QUOTED_NAME.match(text, toks[last].end) if proper or i > first else None
    if not (quoted or proper):
        return None
    while first > 0 and _prefix_acronym(text, toks[first - 1], toks[first]):
        first -= 1  # "СУ ГУНП …", "СО Харьковского … управления полиции"
    return toks[first].start, quoted.end() if quoted else toks[last].end, "phrase"


def _drop_leading(toks: list[_Tok], first: int, head: int, lang: str) -> int:
    """Lower-case modifiers before a capitalised one are no part of the name ("колишнього
    [Енергодарського відділу поліції]", "слідчого [Бучанського районного управління]"), nor
    is "колишній / бывший" before the head."""
    caps = [
        k
        for k in range(first, head)
        if toks[k].word[:1].isupper() and not _role(toks[k].word, lang)
    ]
    if caps:
        return caps[0]
    while first < head and toks[first].word.lower() in FORMER:
        first += 1
    return first


@lru_cache(maxsize=20_000)
def _role(word: str, lang: str) -> bool:
    """A person's role that reads as an adjective too ("Слідчий", "Черговий"): a dictionary
    reading as an animate noun that is no surname ("Полтавського")."""
    return any(
        p.is_known
        and p.tag.POS == "NOUN"
        and "anim" in p.tag.grammemes
        and not p.tag.grammemes & {"Surn", "Name", "Patr", "Geox"}
        for p in morph.parses(lang, word.lower())
    )


def _prefix_acronym(text: str, prev: _Tok, tok: _Tok) -> bool:
    """An acronym right before a name on its line is its unit or legal form ("СУ ГУНП")."""
    return _acronym(prev.word) and _same_line(text, prev, tok) and prev.end < tok.start


def _same_line(text: str, a: _Tok, b: _Tok) -> bool:
    """No line break between two tokens, or one before a lower-case word (a wrapped line): a
    letterhead's name ends at its line, the next line's capital starts a title or a field."""
    return "\n" not in text[a.end : b.start] or b.word[:1].islower()


def _acronym(word: str) -> bool:
    return 2 <= len(word) <= 7 and word.isalpha() and word.isupper()


@lru_cache(maxsize=50_000)
def _adjective(word: str, lang: str) -> bool:
    """An adjective or participle reading (capitalised place adjectives included)."""
    if not word[0].isalpha() or _acronym(word):
        return False
    if any(p.tag.POS in ("ADJF", "PRTF") for p in morph.parses(lang, word.lower())):
        return True
    return _place_adj_cases(word, lang) != frozenset()


@lru_cache(maxsize=50_000)
def _place_adj_cases(word: str, lang: str) -> frozenset[str]:
    """Cases of a capitalised place adjective no dictionary reads as one ("Волчанского"):
    those of a dictionary adjective with the same suffix and ending ("русского")."""
    m = _PLACE_ADJ.fullmatch(word)
    if m is None:
        return frozenset()
    stem = "українськ" if lang == "uk" else "русск"
    proxy = stem + m.group("end")
    return frozenset(
        p.tag.case for p in morph.parses(lang, proxy) if p.tag.POS == "ADJF" and p.tag.case
    )


@lru_cache(maxsize=50_000)
def _person_word(word: str, lang: str) -> bool:
    """A surname, given name or patronymic reading and no place or organisation reading: such
    a capital after an institution's head is a person named next to it (fail closed: the name
    stays a PERSON, which every profile hides, not a part of a kept ORG)."""
    tags = [p.tag.grammemes for p in morph.parses(lang, word.lower())]
    named = any(t & {"Surn", "Name", "Patr"} for t in tags)
    return named and not any(t & {"Geox", "Orgn", "ADJF"} for t in tags)


def _genitive(word: str, lang: str) -> bool:
    return any("gent" in p.tag.grammemes for p in morph.parses(lang, word.lower()))


@lru_cache(maxsize=5_000)
def _org_acronym(word: str) -> bool:
    """An acronym pymorphy3's Russian dictionary tags as an organisation (ОВД, ФСИН, МЧС, МВС);
    legal forms alone (ООО, АО) are not organisations."""
    low = word.lower().translate(_UK_TO_RU)
    if low in _LEGAL_ALONE:
        return False
    return any("Orgn" in p.tag.grammemes and p.is_known for p in morph.parses("ru", low))


_WORD_BEFORE = re.compile(rf"([{UP}][{LOW}{APOS}]+(?:-[{UP}]?[{LOW}{APOS}]+)*)[ \t]+$")


def _place_before(text: str, start: int) -> int:
    """Start of "Каменско-Днепровский РОВД": a capitalised place adjective before an acronym."""
    m = _WORD_BEFORE.search(text, max(0, start - 40), start)
    if m and _PLACE_ADJ.fullmatch(m.group(1)):
        return m.start(1)
    return start


@lru_cache(maxsize=5_000)
def _place(word: str) -> bool:
    """A town's name in some case ("Ростове"): pymorphy3's Russian dictionary tags it Geox."""
    return any("Geox" in p.tag.grammemes and p.is_known for p in morph.parses("ru", word.lower()))


def _stump(word: str, text: str, start: int, lang: str) -> bool:
    """A stump compound that names a body: a council of a kind or a town ("міськради",
    "Київради": an administrative prefix, or a capital mid-sentence, before "рада"), or a
    capitalised "Мін- / Держ- / Гос- / Кабмін / Нацбанк" word mid-sentence that the
    dictionaries know and read as no place, name, person or adjective ("Мінфіну",
    "Держпраці"; not "Мінська", "Міністр", "Державний", nor a town: "Гостомеля")."""
    low = word.lower()
    head, sep, _ = low.rpartition("рад")
    if sep and word[: len(head)].lower() == head and not low.startswith(("мін", "мин", "держ")):
        if head.startswith(_COUNCIL_PREFIX) and len(head) <= 6:
            return True
        # "Київради", "Львівраді": a capital mid-sentence ("Порада" at a sentence start is advice)
        return word[0].isupper() and len(head) >= 3 and not _at_sentence_start(text, start)
    if _at_sentence_start(text, start):
        return False
    if low.startswith(("гос", "мин")) != (lang == "ru"):
        return False  # Ukrainian says Держ- / Мін-, Russian Гос- / Мин-
    known = [p for ml in (lang, "ru") for p in morph.parses(ml, low) if p.is_known]
    if not known or any(gazetteer().settlement(lemma) for lemma in morph.lemmas(lang, low)):
        return False  # "Гостомеля", "Держева": a town, left to LOC
    for ml in (lang, "ru"):
        for p in morph.parses(ml, low):
            if not p.is_known:
                continue
            if p.tag.grammemes & {"Geox", "Name", "Surn", "Patr", "anim"} or p.tag.POS in (
                "ADJF", "ADJS", "PRTF", "VERB", "INFN", "ADVB", "NUMR"
            ):
                return False
    return True


def _plain_acronym(word: str) -> bool:
    """An acronym that may name a body after a place adjective: no legal form alone, no Roman
    numeral ("ІІ"), three letters or more."""
    return len(word) >= 3 and word.lower() not in _LEGAL_ALONE and not _ROMAN.fullmatch(word)


def _acronym_body(m: re.Match[str]) -> bool:
    """Acronyms that make a body: two with a region ("СУ ГУНП в … області"), or an organisation
    acronym (a dictionary one, a known body, or one behind "У" / "ГУ": "УФСБ") with its state,
    its region or another acronym; "ВВП России", "ПВР в … области" are no body."""
    acrs = [a.split("-")[0] for a in m.group("acrs").split()]
    org = any(_org_acronym(a) or _KNOWN.fullmatch(a) or _branch(a) for a in acrs)
    if len(acrs) > 1 and m.group("region"):
        return True
    return org and (m.group("state") or m.group("region") or len(acrs) > 1) is not None


def _branch(acr: str) -> bool:
    """ "УФСБ", "ГУМВД", "ОМВД": a directorate or department ("У", "ГУ", "О") of an
    organisation acronym."""
    for prefix in ("ГУ", "У", "О"):
        rest = acr[len(prefix) :]
        if (
            acr.startswith(prefix)
            and len(rest) >= 2
            and (_org_acronym(rest) or _KNOWN.fullmatch(rest))
        ):
            return True
    return False


def _brand(word: str, text: str, start: int) -> bool:
    """ "Укрпоштою", "Ощадбанк", "ПриватБанк": a company compound or a Cyrillic word with an
    inner capital, mid-sentence, that is no given name or surname."""
    if _at_sentence_start(text, start) or person_word(word) or _place(word):
        return False
    return bool(COMPANY_SHAPE.search(word) or _INNER_CAP.search(word))


def _tail(
    text: str, toks: list[_Tok], head: int, lang: str, named: bool, lead: bool = True
) -> tuple[int, bool]:
    """Last token of the genitive complement after the head; whether it has a proper part.

    The complement crosses a line break only to a lower-case word or an adjective ("суд\n
    Полтавської області"): a letterhead's next line is a title or a field ("АКТ", "Гр.")."""
    last, proper, j, placed = head, False, head + 1, False
    while (
        j < len(toks)
        and j - head <= 6
        and (_same_line(text, toks[j - 1], toks[j]) or _wrapped_adjective(toks[j].word, lang))
    ):
        word = toks[j].word
        low = word.lower()
        nxt = toks[j + 1].word if j + 1 < len(toks) else ""
        if _acronym(word) and word.isalpha():
            if re.match(r"\s?-\s?\d", text[toks[j].end : toks[j].end + 4]):
                break  # "колонии [ИК-10]": a numbered institution of its own
            last, proper = j, True
        elif len(word) > 1 and word[0].isupper() and word[0].isalpha() and _genitive(word, lang):
            if placed or (_adjective(word, lang) and not _adjective_continues(nxt, word, lang)):
                break  # after "в Київській області" a capital starts a name: "… Карпенка"
            if not lead and nxt[:1].islower() and _HEAD.fullmatch(nxt):
                break  # "слідчий відділ [Головного управління …]": a body of its own
            if _person_word(word, lang):
                break  # "слідчий … районного управління Гнатюк Олег": a person, not a complement
            last, proper = j, True
            if low in _REPUBLIC and nxt[:1].isupper() and _same_line(text, toks[j], toks[j + 1]):
                last = j = j + 1  # "Республики Дагестан"
            elif nxt[:1].islower() and _adjective(word, lang) and _lower_gent(nxt, lang, ("NOUN",)):
                last = j = j + 1  # "Верховного комісара", "Следственного комитета"
        elif low in _ADMIN_AFTER_ADJ and last == j - 1 and proper:
            last = j
        elif low in _CITY_WORDS and (nxt[:1].isupper() or nxt == "."):
            k = j + 2 if nxt == "." else j + 1  # "м. Києва"
            if (
                k >= len(toks)
                or not toks[k].word[:1].isupper()
                or len(toks[k].word) < 2  # "адміністрації М. Р. Бойко": initials, no town
                or "\n" in text[toks[j].end : toks[k].start]
            ):
                break
            last, proper, j, placed = k, True, k, True
        elif (
            low in ("по", "в", "у")
            and j + 2 < len(toks)
            and (nxt[:1].isupper() or nxt.lower() in _REGION_BEFORE)
        ):
            after = toks[j + 2].word
            if "\n" in text[toks[j].end : toks[j + 2].start]:
                break
            region = after.lower() in _REGION_AFTER
            if not (region or (nxt.lower() in _REGION_BEFORE and after[:1].isupper())):
                break
            last, proper, j, placed = j + 2, True, j + 2, True
        elif low in _NAMED_AFTER and nxt[:1].isupper():
            last, proper, j = (k := _name_end(toks, j + 1)), True, k
        elif _ROMAN.fullmatch(word) and nxt.lower().startswith("ступен"):
            last, j = j + 1, j + 1  # "школа I-III ступенів"
        elif word in ("№", "N") and j + 1 < len(toks) and nxt.isdigit():
            last = j = _digits_end(toks, j + 1)
        elif low in _COMPLEMENT_WORDS and last == j - 1:
            last = j
        elif last == j - 1 and (k := _lower_complement(toks, j, head, lang, named)):
            last, j = k, k
        else:
            break
        j += 1
    return last, proper


def _lower_complement(toks: list[_Tok], j: int, head: int, lang: str, named: bool) -> int:
    """End of a lower-case complement right after the phrase so far, or 0: a remit ("з питань
    …"), a school's subjects ("коледжу культури і мистецтв"), the genitive nouns after a
    capitalised head mid-sentence ("Спілки журналістів", "Партії регіонів"), a genitive
    phrase."""
    if toks[j].word in _REMIT_AFTER:
        return _remit_end(toks, j, lang)
    school = _SCHOOL_HEADS.fullmatch(toks[head].word.lower())
    if j - 1 == head and (named or school):
        k = _joined_nouns(toks, j, lang)
        if k > j or (k and named):
            return k
    return _genitive_np(toks, j, lang)


def _wrapped_adjective(word: str, lang: str) -> bool:
    """A capitalised adjective on the next line goes on ("Полтавської"); a title does not."""
    return word[1:].islower() and _adjective(word, lang)


def _remit_end(toks: list[_Tok], j: int, lang: str) -> int:
    """End of "з питань поводження з військовополоненими", "по правам человека", or 0."""
    if j + 1 >= len(toks) or not _plural_noun(toks[j + 1].word, lang):
        return 0
    k = j + 1
    while k + 1 < len(toks) and k - j < 5:
        nxt = toks[k + 1].word
        if len(nxt) > 2 and _lower_gent(nxt, lang, ("NOUN", "ADJF")):
            k += 1
        elif (
            nxt in ("з", "с", "із")
            and k + 2 < len(toks)
            and _lower_case(toks[k + 2].word, lang, "ablt")
        ):
            k += 2
        else:
            break
    return k


def _plural_noun(word: str, lang: str) -> bool:
    return word.islower() and any(
        p.tag.POS == "NOUN" and "plur" in p.tag.grammemes and p.tag.case in ("gent", "datv")
        for p in morph.parses(lang, word)
    )


def _lower_case(word: str, lang: str, case: str) -> bool:
    return word.islower() and any(
        p.tag.POS == "NOUN" and p.tag.case == case for p in morph.parses(lang, word)
    )


def _joined_nouns(toks: list[_Tok], j: int, lang: str) -> int:
    """End of "культури і мистецтв", "журналістів" after the head, or 0."""
    k = j if len(toks[j].word) > 2 and _lower_gent(toks[j].word, lang, ("NOUN",)) else 0
    while k and k + 2 < len(toks) and toks[k + 1].word in _JOIN:
        if len(toks[k + 2].word) < 3 or not _lower_gent(toks[k + 2].word, lang, ("NOUN",)):
            break
        k += 2
    return k


def _name_end(toks: list[_Tok], j: int) -> int:
    """Last token of the name after "імені": capitalised words and initials ("В. Н. Каразіна")."""
    last = j
    k = j + 1
    while k < len(toks) and k - j < 6:
        word = toks[k].word
        if word == "." and len(toks[k - 1].word) == 1:
            k += 1
            continue
        if not word[:1].isupper():
            break
        last = k
        k += 1
    return last


def _digits_end(toks: list[_Tok], j: int) -> int:
    """Last digit token of a number right after "№" (each digit is its own token)."""
    while j + 1 < len(toks) and toks[j + 1].word.isdigit() and toks[j + 1].start == toks[j].end:
        j += 1
    return j


def _genitive_np(toks: list[_Tok], j: int, lang: str) -> int:
    """End of a lower-case genitive phrase that starts with an adjective ("екстреної медичної
    допомоги", "соціального захисту населення"), or 0; "минулого тижня" is time, not a name."""
    k = j
    while k < len(toks) and k - j < 3 and _lower_gent(toks[k].word, lang, ("ADJF", "PRTF")):
        k += 1
    if k == j or k >= len(toks) or not _lower_gent(toks[k].word, lang, ("NOUN",)):
        return 0
    if k + 1 < len(toks) and _lower_gent(toks[k + 1].word, lang, ("NOUN",)):
        k += 1  # "захисту населення"
    return k


def _lower_gent(word: str, lang: str, pos: tuple[str, ...]) -> bool:
    if not word.islower() or word in _NOT_COMPLEMENT:
        return False
    return any(p.tag.POS in pos and "gent" in p.tag.grammemes for p in morph.parses(lang, word))


def _adjective_continues(nxt: str, adjective: str, lang: str) -> bool:
    """A capitalised adjective in the complement needs its noun: "Національної поліції",
    "Верховного комісара" (a lower-case genitive noun agreeing with it)."""
    low = nxt.lower()
    return (
        nxt[:1].isupper()
        or (
            nxt[:1].islower()
            and _lower_gent(nxt, lang, ("NOUN",))
            and _agrees(adjective, nxt, lang)
        )
        or low in _ADMIN_AFTER_ADJ
        or low in _COMPLEMENT_WORDS
        or bool(_STRONG.fullmatch(low) or _WEAK.fullmatch(low))
    )


def _proper(toks: list[_Tok], head: int, sentence_start: bool, tail_ok: bool) -> bool:
    """A proper part: a capitalised modifier or head that is not the sentence's first word
    ("Слідчий відділу…" is a role at a sentence start), an acronym, a proper complement."""
    if tail_ok or any(_acronym(t.word) for t in toks):
        return True
    for k, tok in enumerate(toks[: head + 1]):
        if tok.word[0].isupper() and not (k == 0 and sentence_start):
            return True
    # a place adjective starts a letterhead's name ("Херсонська обласна лікарня"); a common
    # one ("Районний суд", "Міська рада") at a sentence start does not
    first = toks[0].word
    if head > 0 and first[:1].isupper() and first.lower().startswith(_STATE_ADJ):
        return True
    return (
        head > 0
        and bool(_PLACE_ADJ.fullmatch(first))
        and not first.lower().startswith(_COMMON_PLACE_ADJ)
    )


@lru_cache(maxsize=50_000)
def _agrees(modifier: str, head: str, lang: str) -> bool:
    """An adjective shares a case with its head noun ("Куп'янському відділі": loct)."""
    cases = {
        p.tag.case for p in morph.parses(lang, modifier.lower()) if p.tag.POS in ("ADJF", "PRTF")
    } or set(_place_adj_cases(modifier, lang))
    return any(p.tag.case in cases for p in morph.parses(lang, head.lower()) if p.tag.POS == "NOUN")


def _at_sentence_start(text: str, start: int) -> bool:
    """Only a short window before `start` is searched: linear in the text, not quadratic."""
    return _SENT_END.search(text, max(0, start - 12), start) is not None


def _trim_en(text: str, start: int, end: int) -> tuple[int, int]:
    """Drop leading function words ("The", "In") that capitalisation pulled in."""
    for w in re.finditer(r"\S+", text[start:end]):
        if w.group() not in _EN_STOP:
            return start + w.start(), end
    return end, end


def _trim_en_tail(text: str, start: int, end: int) -> tuple[int, int]:
    """A tail ending on a function word or a stop word is cut back ("… of the Red Cross Dear")."""
    words = text[start:end].split(" ")
    while len(words) > 1 and (words[-1] in _EN_STOP or words[-1].lower() in ("of", "for", "the")):
        words.pop()
    return start, start + len(" ".join(words))


def _en_proper(text: str, start: int, end: int) -> bool:
    """A capitalised modifier before the head; a sentence's first word does not count."""
    words = text[start:end].split()
    if _at_sentence_start(text, start):
        words = words[1:]
    return len(words) >= 2
