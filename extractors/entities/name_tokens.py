"""Name tokens: what kind of name word a capitalised token is, how the tokens of one name agree,
and the key (lemma) of a whole name. Used by names.NameRecognizer; never logs text.
"""

from __future__ import annotations

import re

from sestry.extractors.entities import morph
from sestry.extractors.entities.chars import words
from sestry.extractors.entities.en_names import (
    FOREIGN_SURNAME,
    LATIN_PATRONYMIC,
    diacritic_word,
    latin,
)
from sestry.extractors.entities.function_words import GREETINGS
from sestry.extractors.entities.namelists import latin_skeleton, name_lists

PATRONYMIC = re.compile(
    r"(?:ович|евич|йович|ьович|івна|ївна|овна|евна|ична|ічна|ич)(?:а|у|ем|ем|ом|і|и|ою|ну|ни|ні|е)?$"
)
TITLES = words(
    """
пан пані пана панові громадянин громадянка громадянина господин госпожа гражданин
гражданка командир командира лейтенант капітан капитан майор полковник сержант солдат
слідчий следователь прапорщик підполковник подполковник генерал mr mr. mrs mrs. ms ms. dr
dr. officer captain colonel major sergeant lieutenant general родина родини родину сім'я
сім'ї семья семьи семью family слідча слідчого слідчої сусід сусідка сусідки сусіда
сосед соседка соседки соседа лікар лікарка врач медсестра однокласник однокласниця
одноклассник одноклассница брат сестра дядько тітка дядя тетя племінник кум кума
наглядач наглядачка охоронець охоронця конвоїр надзиратель охранник полковника майора
капітана лейтенанта сержанта громадянки гражданина гражданки neighbour neighbor
"""
)
RU_LETTERS = frozenset("ыэъё")
# Endings of Ukrainian and Russian surnames in Latin letters ("Savchuk", "Hnatiuk", "Zakharova").
LATIN_SURNAME = re.compile(
    r"..(?:enko|chuk|tchuk|iuk|yuk|skyi|skyy|skiy|ska|tska|ovych|evych|ivna|ovna|shyn|ishin|"
    r"ova|eva|yna|ovskyi|ovsky|evsky|vets|zhets|khets)$"
)


def kind(tok: str, lang: str) -> str:
    """G given name, S surname, P patronymic, I initials, U unknown, C common word.

    A word in capitals ("КОВАЛЕНКО") is "A": a surname only next to a name (acronyms such
    as "ЗСУ" are not names).
    """
    if tok.endswith("."):
        return "I"
    if len(tok) > 1 and tok.isupper():
        return "A"
    low = tok.lower()
    lists = name_lists()
    if latin(low):
        if LATIN_PATRONYMIC.search(low):
            return "P"  # "Ruslanovich", "Petrivna": a transliterated patronymic
        if low in lists.latin_first:
            return "G"
        if len(low) >= 4 and latin_skeleton(low) in lists.latin_first_skeletons:
            return "G"  # "Serhiy", "Yulia": a non-official transliteration of a listed name
        if low in lists.latin_last or LATIN_SURNAME.search(low) or FOREIGN_SURNAME.search(low):
            return "S"
        if diacritic_word(low):
            return "S"  # "Dvořák", "Rūta": a Latin word with diacritics is no English word
        return "G" if diminutive(low) else "U"
    wl = word_lang(low, lang)
    info = morph.word_info(wl, low)
    if info.patr or low in lists.middle or PATRONYMIC.search(low) and len(low) > 5:
        return "P"
    if info.surn_nomn and not info.given_sing and low not in lists.first:
        return "S"
    if info.given or low in lists.first or any(lem in lists.first for lem in info.lemmas[:3]):
        return "G"
    if info.surn and (not info.common or info.known) or low in lists.last:
        return "S"
    if any(lem in lists.last for lem in info.lemmas[:3]):
        return "S"
    if info.known and info.common:
        return "C"
    return "G" if not info.known and diminutive(low) else "U"


# Diminutive suffixes of East Slavic given names, Cyrillic and transliterated, with the ending
# that gives the listed name back: "Денисик" → "денис", "Yarynka" → "yaryna", "Ivanko" → "ivan".
_DIMINUTIVES = (
    ("чик", ""), ("ик", ""), ("ік", ""), ("ко", ""), ("ко", "а"), ("ка", "а"), ("ка", "я"),
    ("очка", "а"), ("ечка", "я"), ("ечка", "а"), ("уся", "а"), ("юся", "я"), ("ик", "а"),
    ("chyk", ""), ("chik", ""), ("yk", ""), ("ik", ""), ("ko", ""), ("ka", "a"), ("ka", "ia"),
    ("ochka", "a"), ("echka", "ia"), ("usia", "a"), ("usya", "a"),
)  # fmt: skip


def diminutive(low: str) -> bool:
    """An unknown word that is a listed given name with a diminutive suffix ("Денисик",
    "Yarynka"): the suffix is removed and the name's ending put back, then looked up."""
    if len(low) < 5:
        return False
    lists = name_lists()
    is_latin = latin(low)
    for suffix, ending in _DIMINUTIVES:
        if suffix.isascii() != is_latin or not low.endswith(suffix):
            continue
        stem = low[: -len(suffix)] + ending
        if len(stem) < 3:
            continue
        if is_latin and (stem in lists.latin_first or latin_skeleton(stem) in
                         lists.latin_first_skeletons):  # fmt: skip
            return True
        if not is_latin and stem in lists.first:
            return True
    return False


def person_norm(toks: list[tuple[int, int, str]], kinds: list[str], lang: str) -> str:
    """Key of a name: lemmas in the order given name, patronymic, surname (docs/entities.md)."""
    lows = [t[2].lower() for t in toks]
    if lang == "en" or all(w[0].isascii() for w in lows):
        return " ".join(lows)
    gender, case = agreement(lows, kinds, lang)
    parts: dict[str, list[str]] = {"G": [], "P": [], "S": []}
    for low, k in zip(lows, kinds, strict=True):
        if k == "I":
            parts["G"].append(" ".join(low.replace(" .", ".").replace(".", ". ").split()))
            continue
        wl = word_lang(low, lang)
        tag = {"G": "Name", "P": "Patr", "S": "Surn"}.get(k)
        lemma = (morph.patronymic_lemma(low) if k == "P" else None) or morph.name_lemma(
            wl, low, gender, case, tag
        )
        if k == "G":
            lemma = listed_first_name(low, lemma)
        parts["G" if k == "G" else "P" if k == "P" else "S"].append(lemma)
    return " ".join(parts["G"] + parts["P"] + parts["S"]).replace("ё", "е")


def refine(kinds: list[str], toks: list[str], lang: str) -> None:
    """Fix token kinds by their neighbours, in place.

    Of several patronymic-looking tokens only one follows the given name; the others are
    surnames ("Охримович Ольга Соломонівна"), as is a masculine "-ович" next to a woman's name
    ("Світлани Данькевич"). A word right after a patronymic, or right before "Name Patronymic" in
    the same case, is the surname ("Забілу Роксолану Ігнатівну", not "Розповідь Світлани ...").
    An unknown word next to a surname is the given name ("Данні Кириленко").
    """
    n = len(kinds)
    for i in range(n):
        if kinds[i] == "A":  # "О. М. ПОПОВИЧ", "ПОПОВИЧ Олег" in official documents
            near = kinds[max(0, i - 1) : i] + kinds[i + 1 : i + 2]
            kinds[i] = "S" if any(k in "GPI" for k in near) else "C"
    for i in range(2, n):  # "Ярема Ярина Павлівна": official order is surname, name, patronymic
        if kinds[i] == "P" and kinds[i - 1] == "G" and kinds[i - 2] == "G":
            kinds[i - 2] = "S"
    if kinds.count("P") > 1:
        keep = next((i for i in range(1, n) if kinds[i] == "P" and kinds[i - 1] == "G"), None)
        for i in range(n):
            if kinds[i] == "P" and i != keep:
                kinds[i] = "S"
    for i in range(n):
        if kinds[i] == "P" and masculine_patronymic(toks[i]):
            near = [j for j in (i - 1, i + 1) if 0 <= j < n and kinds[j] == "G"]
            if near and all(feminine_only(toks[j], lang) for j in near):
                kinds[i] = "S"
    for i in range(n):
        if kinds[i] not in "CU" or latin(toks[i]) or toks[i].lower() in GREETINGS:
            continue  # the rules below read Cyrillic morphology ("Then" is not a Latin surname);
            # "Уважаемый Павел Игоревич": an address word is never the surname
        if i + 1 < n and kinds[i + 1] == "P" and nounish(toks[i], lang):
            kinds[i] = "G"  # "Данні Мартинівні": the word before a patronymic is the name
            continue
        after_patronymic = i > 0 and kinds[i - 1] == "P"
        before_name_patronymic = (
            i + 2 < n
            and kinds[i + 1] == "G"
            and kinds[i + 2] == "P"
            and same_case(toks[i], toks[i + 1], lang)
        )
        next_to_name = (
            i > 0
            and kinds[i - 1] == "G"
            and surname_shaped(toks[i], lang)
            and same_case(toks[i], toks[i - 1], lang)
        )
        after_name = (  # "сосед Гриша Мельник", "с Вовкой Бурлакой": a capitalised noun
            kinds[i] == "C"  # right after a given name, in its case, is its surname
            and i > 0
            and kinds[i - 1] == "G"
            and capitalised_noun_after_name(toks[i], toks[i - 1], lang)
        )
        if after_patronymic or before_name_patronymic or next_to_name or after_name:
            kinds[i] = "S"  # "Марина Ткачишин": a word agreeing with the name beside it
        elif (
            kinds[i] == "U"
            and unknown_word(toks[i], lang)
            and ((i + 1 < n and kinds[i + 1] == "S") or (i > 0 and kinds[i - 1] == "S"))
        ):
            kinds[i] = "G"


def masculine_patronymic(tok: str) -> bool:
    lemma = morph.patronymic_lemma(tok.lower())
    return lemma is not None and not lemma.endswith("а")


def feminine_only(tok: str, lang: str) -> bool:
    low = tok.lower()
    genders = {g for g, _ in morph.readings(word_lang(low, lang), low)}
    return genders == {"femn"}


def surname_shaped(tok: str, lang: str) -> bool:
    """Cyrillic and read as an adjective ("Ткачишин"), a surname or nothing known."""
    low = tok.lower()
    if low[0].isascii():
        return False
    wl = word_lang(low, lang)
    if not morph.word_info(wl, low).known:
        return True
    return any({"ADJF", "Surn"} & p.tag.grammemes for p in morph.parses(wl, low))


def capitalised_noun_after_name(word: str, name: str, lang: str) -> bool:
    """Cyrillic noun (a role noun too: "Мельник", "Бурлака") not a title, sharing a case with
    the given name before it. Mid-run capitals after a given name are a surname (fail closed)."""
    low, name_low = word.lower(), name.lower()
    if low[0].isascii() or low in TITLES or len(low) < 3:
        return False
    wl = word_lang(low, lang)
    if not morph.word_info(wl, low).noun:
        return False
    name_cases = {c for _, c in morph.readings(word_lang(name_low, lang), name_low)}
    word_cases = {c for p in morph.parses(wl, low) for c in _CASE_NAMES if c in p.tag.grammemes}
    return bool(name_cases & word_cases)


_CASE_NAMES = ("nomn", "gent", "datv", "accs", "ablt", "loct", "voct")


def same_case(word: str, name: str, lang: str) -> bool:
    """`word` (any part of speech, or unknown) can stand in the case of the name `name`."""
    low, name_low = word.lower(), name.lower()
    if low in TITLES:
        return False
    wl = word_lang(low, lang)
    info = morph.word_info(wl, low)
    if not info.known:
        return True
    if info.role:
        return False
    name_cases = {c for _, c in morph.readings(word_lang(name_low, lang), name_low)}
    word_cases = {c for p in morph.parses(wl, low) for c in _CASE_NAMES if c in p.tag.grammemes}
    return bool(name_cases & word_cases)


_FIRST_NAME_ENDINGS = (
    ("ою", "а"), ("ею", "я"), ("ій", "я"), ("ї", "я"), ("і", "а"), ("и", "а"), ("у", "а"),
    ("ю", "я"), ("е", "а"), ("ой", "а"), ("ей", "я"), ("ы", "а"),
)  # fmt: skip


def listed_first_name(low: str, lemma: str) -> str:
    """Prefer a listed first name when morphology guessed: "данні" → "данна", not "дання"."""
    lists = name_lists()
    if lemma in lists.first or lemma.replace("ʼ", "'") in lists.first:
        return lemma
    if low in lists.first:
        return low  # the word as written is a listed (nominative) first name: "Ганна", "Едита"
    for end, rep in _FIRST_NAME_ENDINGS:
        if low.endswith(end) and low[: -len(end)] + rep in lists.first:
            return low[: -len(end)] + rep
    return lemma


def listed(tok: str) -> bool:
    low = tok.lower()
    lists = name_lists()
    return low in lists.last or low in lists.latin_last


def unknown_word(tok: str, lang: str) -> bool:
    """Cyrillic, 3+ letters, not an all-capitals acronym, unknown to the pymorphy3 dictionary."""
    low = tok.lower()
    if lang == "en" or low[0].isascii() or len(low) < 3 or tok.isupper():
        return False
    return not morph.word_info(word_lang(low, lang), low).known


def noun(tok: str, lang: str) -> bool:
    """A noun (any kind) or a word morphology does not know."""
    low = tok.lower()
    if low[0].isascii():
        return True
    info = morph.word_info(word_lang(low, lang), low)
    return info.noun or not info.known


def nounish(tok: str, lang: str) -> bool:
    """Could be a surname by part of speech: a noun or unknown, and not a title."""
    low = tok.lower()
    if low in TITLES or low[0].isascii():
        return False
    info = morph.word_info(word_lang(low, lang), low)
    return (info.noun and not info.role) or not info.known


def agreement(lows: list[str], kinds: list[str], lang: str) -> tuple[str | None, str | None]:
    """The (gender, case) reading the tokens of one name agree on; None where they do not."""
    common: set[tuple[str, str]] | None = None
    order = sorted(zip(lows, kinds, strict=True), key=lambda lk: "PGS".find(lk[1]))
    for low, k in order:  # the patronymic is the surest sign, then the given name
        if k not in "GPS":
            continue
        pairs = set(morph.readings(word_lang(low, lang), low))
        lemma = morph.patronymic_lemma(low) if k == "P" else None
        if lemma is not None:
            gender = "femn" if lemma.endswith("а") else "masc"
            pairs = {(g, c) for g, c in pairs if g == gender} or {(gender, c) for c in _ALL_CASES}
        if not pairs:
            continue
        narrowed = pairs if common is None else common & pairs
        if narrowed:
            common = narrowed
    if not common:
        return None, None
    if len({g for g, _ in common}) > 1:  # "Анастасию": a woman (accs) or Анастасий (datv)
        scores = [morph.reading_scores(word_lang(w, lang), w) for w in lows]
        best = max(common, key=lambda pair: (sum(sc.get(pair, 0.0) for sc in scores), pair))
        common = {pair for pair in common if pair[0] == best[0]}
    genders = {g for g, _ in common}
    cases = {c for _, c in common}
    gender = genders.pop() if len(genders) == 1 else None
    case = cases.pop() if len(cases) == 1 else ("nomn" if "nomn" in cases else None)
    return gender, case


_ALL_CASES = ("nomn", "gent", "datv", "accs", "ablt", "loct")


def word_lang(low: str, lang: str) -> str:
    if lang in ("uk", "ru"):
        return lang
    return "ru" if any(ch in RU_LETTERS for ch in low) else "uk"
