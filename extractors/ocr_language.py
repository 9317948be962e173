"""The language of an OCRed page, from its letters: which language to OCR it with first.

Why: tesseract favours the first language of its list; a Russian page read Ukrainian-first can
lose letters only Russian has ("ОБЪЯСНЕНИЕ" → "ОБЬЯСНЕНИЕ", "была" → "бьла"), and a sidecar's
language hint says nothing about the second page of a two-language file. Letters only Russian
has (ы э ъ ё), only Ukrainian has (і ї є ґ) and the share of Latin letters decide; "ьі" counts
for Russian, since it is how a Ukrainian-first pass misreads "ы". A short Russian note may hold
no distinctive letter at all after a Ukrainian-first pass ("меры" read "мерь"), so absence
speaks too: in Ukrainian prose about one letter in 15 is і ї є or ґ, so a page of 80 Cyrillic
letters or more with fewer than one of them per 100 is Russian (a Ukrainian page has none of the
four in 80 letters about 0.3% of the time). Pure: no tesseract, no text logged.
"""

from __future__ import annotations

_RU_ONLY = frozenset("ыэъё")
_UK_ONLY = frozenset("іїєґ")
MIN_LETTERS = 20  # fewer letters than this say nothing
MIN_EVIDENCE = 2  # distinctive letters needed, and twice as many as the other language's
MIN_CYRILLIC = 80  # Cyrillic letters needed before the absence of і ї є ґ says Russian
UK_PER_100_MAX = 1  # Ukrainian prose has about 7 і ї є ґ per 100 letters; Russian has none


def page_language(text: str) -> str | None:
    """ "uk", "ru", "en", or None when the letters do not say."""
    low = text.lower()
    letters = [c for c in low if c.isalpha()]
    if len(letters) < MIN_LETTERS:
        return None
    latin = sum(1 for c in letters if c.isascii())
    if latin > 0.6 * len(letters):
        return "en"
    ru = sum(1 for c in letters if c in _RU_ONLY) + low.count("ьі")
    uk = sum(1 for c in letters if c in _UK_ONLY) - low.count("ьі")
    if ru >= MIN_EVIDENCE and ru > 2 * uk:
        return "ru"
    if uk >= MIN_EVIDENCE and uk > 2 * ru:
        return "uk"
    cyrillic = sum(1 for c in letters if "\u0400" <= c <= "\u04ff")
    if cyrillic >= MIN_CYRILLIC and 100 * uk < UK_PER_100_MAX * cyrillic:
        return "ru"
    return None
