"""English name cues and shapes: titles, ranks, role appositions, signatures, patronymics.

Why: held-out set 8's first run (entities-0.11.0) missed English names that no list holds
(Polish, Georgian, Lithuanian, French, Chechen) although the text marked them plainly: a title or
rank ("Sgt.", "Dr", "Judge"), a role noun and a comma ("our interpreter, X Y,"), a closing line
("Yours sincerely,\\nX Y"), "his name was X", "their baby X", "my initials, A. K.". These cues and
a few word shapes (Latin diacritics, transliterated patronymics, surname endings) mark a name
without listing any name. What is never a name here comes from kept libraries: spaCy's English
stop words and Babel's English names of languages/nationalities, territories, months and days.
"""

from __future__ import annotations

import re
from functools import lru_cache

from sestry.extractors.entities.chars import APOS, LOW, UP, words
from sestry.extractors.entities.function_words import stop_words
from sestry.extractors.entities.namelists import name_lists

# Latin letters with diacritics (Polish, Czech, Lithuanian, French, …) besides plain A-Z.
XUP = rf"{UP}À-ÖØ-ÞĀĂĄĆĈĊČĎĐĒĔĖĘĚĜĞĠĢĤĦĨĪĬĮİĴĶĹĻĽĿŁŃŅŇŊŌŎŐŒŔŖŘŚŜŞŠŢŤŦŨŪŬŮŰŲŴŶŸŹŻŽ"
XLOW = rf"{LOW}ß-öø-ÿāăąćĉċčďđēĕėęěĝğġģĥħĩīĭįıĵķĺļľŀłńņňŋōŏőœŕŗřśŝşšţťŧũūŭůűųŵŷźżž{APOS}"
XCAP = rf"[{XUP}][{XLOW}]+(?:-[{XUP}]?[{XLOW}]+)*"
_DIACRITIC = re.compile(r"[À-ÖØ-öø-ÿĀ-ž]")
_CYRILLIC = re.compile(r"[а-яёіїєґА-ЯЁІЇЄҐ]")
# Transliterated East Slavic / Chechen patronymics: "Ruslanovich", "Ivanivna", "Petrovych".
LATIN_PATRONYMIC = re.compile(
    r"..(?:ovich|evich|ovna|evna|ivna|yivna|ovych|evych|yovych|ichna|ychna|ovitch|evitch)$"
)
# Surname endings of neighbouring languages in Latin letters (Polish, Georgian, Lithuanian,
# Armenian): shapes, not names ("Krawczyk", "Beridze", "Petrauskas", "Grigoryan").
FOREIGN_SURNAME = re.compile(
    r"...(?:wicz|czyk|czak|wski|wska|cki|cka|dze|shvili|auskas|auskiene|aitis|aite|evicius|"
    r"avicius|yan|yants|enas)$"
)
_INITIALS = rf"[{UP}]\.(?:\s?[{UP}]\.)*"
_ENT = rf"(?P<ent>(?:{XCAP}|{_INITIALS})(?:[ \t]+(?:{XCAP}|{_INITIALS})){{0,3}})"
_TITLE = (
    r"(?:Dr|Mr|Mrs|Ms|Sgt|Lt|Capt|Col|Gen|Maj|Cpl|Pvt|Prof|Insp|Det|Judge|Officer|Inspector|"
    r"Prosecutor|Investigator|Detective|Sergeant|Lieutenant|Captain|Colonel|Corporal|Doctor|"
    r"Professor|Nurse|Father|Sister|Fr|Rev|Aunt|Auntie|Uncle)"
)
TITLE_WORDS = frozenset(re.findall(r"[A-Za-z]+", _TITLE.lower()))
# Role nouns after which ", X Y," is the person's name (apposition) or a bare name follows.
_ROLE = (
    r"(?:driver|interpreter|translator|doctor|nurse|physician|paramedic|medic|neighbou?r|"
    r"volunteer|colleague|lawyer|guide|host|landlord|landlady|teacher|priest|friend|"
    r"investigator|prosecutor|judge|officer|commander|guard|soldier|journalist|photographer|"
    r"baby|child|son|daughter|husband|wife|brother|sister|mother|father|cousin|grandson|"
    r"granddaughter|grandmother|grandfather|boyfriend|girlfriend|partner|cellmate)"
)
CUES = (
    # "Sgt. X Y", "Lt. Col. X", "Judge O. M. Hrynko", "Dr X Y"
    re.compile(rf"\b(?:{_TITLE}\.?[ \t]+)+{_ENT}"),
    # "our interpreter, X Y,", "their baby X", "the driver X Y"
    re.compile(rf"(?i:\b{_ROLE})(?:,[ \t]*|[ \t]+){_ENT}"),
    # a closing line and the signature under it
    re.compile(
        r"(?i:\b(?:yours\s+(?:sincerely|faithfully|truly)|sincerely(?:\s+yours)?|"
        r"(?:kind|best|warm)\s+regards|regards|respectfully(?:\s+yours)?)),?[ \t]*\n\s*" + _ENT
    ),
    # "Physician: X Y", "Reporting officer: X Y" at a line or sentence start
    re.compile(  # "Case officer: X Y" too
        r"(?m:^|(?<=[.;]))[ \t]*(?:[A-Z][a-z]+[ \t]+)?(?i:physician|doctor|reporting\s+officer|"
        r"officer|interpreter|translator|investigator|interviewer|witness|prosecutor|judge|recorded\s+by|"
        r"interviewed\s+by|prepared\s+by|signed\s+by|examined\s+by)[ \t]*:[ \t]*" + _ENT
    ),
    # "his name was X", "said her name was X", "a man named X", "my initials, A. K."
    re.compile(
        r"(?i:\b(?:his|her|whose|their)\s+(?:real\s+|first\s+|full\s+)?names?\s+(?:was|is|were)"
        r"|\bnamed|\binitials)[ \t]*[,:]?[ \t]*" + _ENT
    ),
)
# Words after a cue that are never the name: institutions and ranks a title may precede.
_NOT_AFTER_CUE = words(
    """
office court department service police unit staff council ministry committee training
school hospital centre center headquarters command corps army forces guard general
prosecutor's prosecutors' regional district city state national military of the advocate
"""
)


# "called their commander X", "call him X": a call sign in this project (names.py), not a name.
CALLED_BEFORE = re.compile(r"(?i:\bcall(?:ed|s|ing)?)(?:\s+[a-z]+){0,2}[\s,]*$")


def latin(tok: str) -> bool:
    """Latin letters (with or without diacritics), not Cyrillic."""
    return not _CYRILLIC.search(tok)


def diacritic_word(tok: str) -> bool:
    """A Latin word with a diacritic ("Dvořák", "Rūta"): not English, so a name or a place."""
    return bool(_DIACRITIC.search(tok)) and not _CYRILLIC.search(tok)


@lru_cache(maxsize=1)
def not_names() -> frozenset[str]:
    """English words capitalised for other reasons: stop words, languages and nationalities,
    territories, months and weekdays (spaCy and Babel), lower case; never a listed given name."""
    from babel import Locale

    loc = Locale.parse("en")
    out = set(stop_words("en"))
    for table in (loc.languages, loc.territories):
        for name in table.values():
            out.update(w.lower() for w in name.split())
    for width in ("wide", "abbreviated"):
        out.update(m.lower() for m in loc.months["format"][width].values())
        out.update(d.lower() for d in loc.days["format"][width].values())
    return frozenset(out - name_lists().latin_first)  # "Luba", "Mari" are given names too


def cue_tokens(ent: str) -> list[tuple[int, str]]:
    """(offset in `ent`, token) of a cue's name, stopped at the first word that is no name."""
    out: list[tuple[int, str]] = []
    for m in re.finditer(r"\S+", ent):
        tok = m.group()
        low = re.sub(r"['’]s$", "", tok.lower())
        if not out and low.rstrip(".") in TITLE_WORDS:
            continue  # "interpreter, Ms X", "Investigator: Captain R. Mazur": the title stays out
        if low in _NOT_AFTER_CUE or (low in not_names() and not diacritic_word(tok)):
            break
        out.append((m.start(), tok))
    return out
