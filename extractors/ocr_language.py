"""The language of an OCRed page, from its letters: which language to OCR it with first.

Why: tesseract favours the first language of its list; a Russian page read Ukrainian-first can
lose letters only Russian has ("ОБЪЯСНЕНИЕ" → "ОБЬЯСНЕНИЕ", "была" → "бьла"), and a sidecar's
language hint says nothing about the second page of a two-language file. Letters only Russian
has (ы э ъ ё), only Ukrainian has (і ї є ґ) and the share of Latin letters decide; "ьі" counts
for Russian, since it is how a Ukrainian-first pass misreads "ы". Pure: no tesseract, no text
logged.
"""

from __future__ import annotations

_RU_ONLY = frozenset("ыэъё")
_UK_ONLY = frozenset("іїєґ")
MIN_LETTERS = 20  # fewer letters than this say nothing
MIN_EVIDENCE = 2  # distinctive letters needed, and twice as many as the other language's


def page_language(text: str) -> str | None:
    """"uk", "ru", "en", or None when the letters do not say."""
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
    return None
