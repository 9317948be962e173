"""Words that are never a name on their own: function words, greetings, form labels.

Why: a capitalised word at a sentence start or before a colon is capitalised by position, not
because it is a name ("Тому я пішла", "Good afternoon", "Lang:", "Прізвище:"). The lists come
from spaCy's stop words (uk/ru/en, shipped with spaCy) and pymorphy3's parts of speech; only the
greetings and form labels below are our own, short and documented (docs/entities.md).
"""

from __future__ import annotations

from functools import lru_cache

from sestry.extractors.entities import morph
from sestry.extractors.entities.chars import words
from sestry.extractors.entities.namelists import name_lists

# Greeting and address words that open a letter or a conversation (not names in any list).
GREETINGS = words(
    """
good dear hello hi greetings morning afternoon evening regards sincerely respectfully thanks
добрий доброго добра добре добридень вітаю привіт шановний шановна шановні дякую
добрый доброе добрая здравствуйте здравствуй привет уважаемый уважаемая уважаемые спасибо
"""
)
# Kinship and rank words written before a name ("Бабця Варвара", "Князь Ігор", "Дед Мазай"):
# capitalised at a sentence start, they are how the person is called, not the surname.
KIN_TITLES = words(
    """
бабця баба бабуся бабусь дід дідусь дідо князь княгиня цар цариця король королева отець
бабушка дедушка дед дядя тётя тетя батюшка матушка отец святой свята святий
"""
)
# Labels of forms and tables ("Прізвище: …", "Lang: en"): the field, not its value.
FORM_LABELS = words(
    """
lang language name surname date place sex gender age address phone email signed signature
note notes subject re from to case id status comment comments interviewer respondent
мова прізвище ім'я імя по-батькові дата місце стать вік адреса телефон підпис примітка тема
справа статус коментар
язык фамилия имя отчество место пол возраст адрес подпись примечание дело комментарий
"""
)
# Parts of speech that a name never has as its best reading at a sentence start.
_FUNCTION_POS = frozenset({"ADVB", "CONJ", "NPRO", "PRCL", "PREP", "PRED", "INTJ", "INFN"})


@lru_cache(maxsize=3)
def stop_words(lang: str) -> frozenset[str]:
    """spaCy's stop words for uk, ru or en."""
    if lang == "uk":
        from spacy.lang.uk.stop_words import STOP_WORDS
    elif lang == "ru":
        from spacy.lang.ru.stop_words import STOP_WORDS
    else:
        from spacy.lang.en.stop_words import STOP_WORDS
    return frozenset(STOP_WORDS)


def positional_capital(low: str, lang: str) -> bool:
    """True when a sentence-initial capitalised word is a function word or a greeting.

    A word that can be a name in the nominative ("Влад", also an adverb) is never dropped here.
    """
    if low in GREETINGS or low in stop_words(lang):
        return True
    if low[0].isascii():
        return low in stop_words("en")
    parses = morph.parses(lang, low)
    if any(_name_nominative(p.tag) for p in parses):
        return False
    pos = {str(p.tag.POS) for p in parses}
    return bool(pos & _FUNCTION_POS) or pos == {"VERB"}


def plural_subject(low: str, next_word: str, lang: str) -> bool:
    """ "Люди стояли": a plural common noun agreeing with a plural verb, no nominative name."""
    if low[0].isascii() or not next_word or not morph.word_info(lang, low).known:
        return False  # a surname plural ("Ковальчуки прийшли") is guessed, not in the dictionary
    parses = morph.parses(lang, low)
    if any(_name_nominative(p.tag) for p in parses):
        return False
    last = name_lists().last
    if any(p.normal_form in last or morph.word_info(lang, p.normal_form).surn for p in parses):
        return False  # "Мельники прийшли": a family as often as millers; fail closed
    plural_noun = any(
        p.tag.POS == "NOUN" and {"plur", "nomn"} <= p.tag.grammemes and not _named(p.tag)
        for p in parses
    )
    return plural_noun and any(
        p.tag.POS == "VERB" and "plur" in p.tag for p in morph.parses(lang, next_word.lower())
    )


def common_lone_word(low: str, lang: str) -> bool:
    """ "Люди.", "Іди!", "Бабця …": a lone sentence-initial word whose names are only oblique
    or plural ("Люди" = of Люда) while a common noun reads it in the nominative, or an
    imperative. A name that can be a nominative subject ("Влада", "Калина") stays a name."""
    if low[0].isascii() or not morph.word_info(lang, low).known:
        return False
    parses = morph.parses(lang, low)
    if any(_name_nominative(p.tag) for p in parses):
        return False
    return any(
        (p.tag.POS == "NOUN" and "nomn" in p.tag.grammemes and not _named(p.tag))
        or (p.tag.POS == "VERB" and "impr" in p.tag.grammemes)
        for p in parses
    )


def adjective_modifier(low: str, next_word: str, lang: str) -> bool:
    """ "Північна частина", "Фізичні особи": a sentence-initial adjective (no name or noun
    reading) agreeing in case with the lower-case noun after it modifies it; it is no name.
    "Чорна сказала" (a verb follows) is left to the name rules: fail closed."""
    if low[0].isascii() or not next_word[:1].islower() or not morph.word_info(lang, low).known:
        return False
    parses = morph.parses(lang, low)
    if any(_named(p.tag) or p.tag.POS != "ADJF" for p in parses):
        return False
    cases = {p.tag.case for p in parses}
    return any(p.tag.POS == "NOUN" and p.tag.case in cases for p in morph.parses(lang, next_word))


def _named(tag: object) -> bool:
    return "Name" in tag or "Surn" in tag or "Patr" in tag  # type: ignore[operator]


def _name_nominative(tag: object) -> bool:
    named = "Name" in tag or "Surn" in tag  # type: ignore[operator]
    return named and "nomn" in tag and "plur" not in tag  # type: ignore[operator]
