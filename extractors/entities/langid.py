"""Offline language identification for uk / ru / en by letters and stopwords.

Ukrainian has і ї є ґ, Russian has ы э ъ ё; both share the rest of Cyrillic, so short texts
without those letters fall back on stopword counts. Never logs the text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from sestry.core.languages import LANGUAGES
from sestry.extractors.entities.chars import words

LANGS = LANGUAGES

_UK_LETTERS = frozenset("іїєґІЇЄҐ")
_RU_LETTERS = frozenset("ыэъёЫЭЪЁ")
_WORD = re.compile(r"[^\W\d_]+")
_SENTENCE = re.compile(r"[^\n.!?…]*(?:[.!?…]+|\n|$)")

_UK_STOP = words(
    """
і й та що це як але або він вона вони мене мені нас нам його її їх був була було були буде
щоб коли тому також вже ще теж дуже де хто чи нас від після через біля між там тут ми ви я
у в з із до на за про при без над під по
"""
)
_RU_STOP = words(
    """
и что это как но или он она они меня мне нас нам его её их был была было были будет чтобы
когда потому также уже ещё тоже очень где кто ли от после через около между там тут мы вы
я у в с со до на за про при без над под по не
"""
)
_EN_STOP = words(
    """
the and of to in a is was were he she they we i it that this with for on at by from my his
her their our me us them had have has been be not but or an as
"""
)
# Words that exist in both and say nothing.
_SHARED = _UK_STOP & _RU_STOP


def _scores(text: str) -> tuple[float, float, float, int]:
    uk = ru = en = 0.0
    letters = 0
    for word in _WORD.findall(text):
        letters += len(word)
        low = word.lower()
        first = low[0]
        if "a" <= first <= "z":
            en += 0.2
            if low in _EN_STOP:
                en += 1.0
            continue
        uk += 2.0 * sum(ch in _UK_LETTERS for ch in word)
        ru += 2.0 * sum(ch in _RU_LETTERS for ch in word)
        if low in _SHARED:
            continue
        if low in _UK_STOP:
            uk += 1.0
        elif low in _RU_STOP:
            ru += 1.0
    return uk, ru, en, letters


def detect_language(text: str) -> str:
    """Return "uk", "ru", "en", "mixed" (two languages each with a real share) or "und"."""
    uk, ru, en, letters = _scores(text)
    if letters < 3 or uk + ru + en < 0.5:
        return "und"
    total = uk + ru + en
    ranked = sorted((("uk", uk), ("ru", ru), ("en", en)), key=lambda kv: -kv[1])
    (best, _top), (_, second) = ranked[0], ranked[1]
    if second >= 0.2 * total and second >= 2.0:
        return "mixed"
    return best


def _best(text: str) -> str:
    uk, ru, en, letters = _scores(text)
    if letters == 0 or uk + ru + en == 0:
        return "und"
    return max((("uk", uk), ("ru", ru), ("en", en)), key=lambda kv: kv[1])[0]


def split_by_language(text: str, default: str = "uk") -> Iterator[tuple[int, int, str]]:
    """Yield (start, end, lang) runs of sentences/lines, adjacent runs of one language merged.

    Sentences without a clear signal take the language of the previous sentence (or `default`).
    """
    current: str | None = None
    run_start = 0
    pos_end = 0
    for m in _SENTENCE.finditer(text):
        if m.start() == m.end():
            continue
        lang = _best(m.group())
        if lang == "und":
            lang = current or default
        if current is None:
            current, run_start = lang, m.start()
        elif lang != current:
            yield run_start, m.start(), current
            current, run_start = lang, m.start()
        pos_end = m.end()
    if current is not None:
        yield run_start, max(pos_end, len(text)), current
