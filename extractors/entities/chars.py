"""Character classes shared by the regex recognizers (Cyrillic uk/ru and Latin)."""

from __future__ import annotations

UP = "A-ZА-ЯЁІЇЄҐ"
LOW = "a-zа-яёіїєґ"
APOS = "'’ʼ"
CAP = f"[{UP}][{LOW}{APOS}]+(?:-[{UP}]?[{LOW}{APOS}]+)*"
# Letters that look the same in Cyrillic and Latin (vehicle plates, passport series).
LOOKALIKE_CYR = "АВСЕНІКМОРТХ"
LOOKALIKE_LAT = "ABCEHIKMOPTX"
TO_LATIN = str.maketrans(LOOKALIKE_CYR, LOOKALIKE_LAT)


def words(text: str) -> frozenset[str]:
    """A frozenset of the white-space separated words of `text` (for long word lists)."""
    return frozenset(text.split())
