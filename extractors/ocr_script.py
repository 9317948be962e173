"""Cyrillic look-alike words on an English page read back in Latin letters.

Why: with Ukrainian and Russian models loaded beside English, tesseract reads some short Latin
words, initials and letters in Cyrillic letters of the same shape: "14 В," for "14 B,", "К. І."
for "K. I.", "Мо. 7" for "No. 7" (bench/results/ocr_cer.md, held-out sets 8 and 10). The text
looks right but a name's initials or an identifier then mixes scripts, and recognisers and
searches miss it. A word is turned to Latin only when every letter of it has a Latin twin of the
same shape (А В С Е Н І К М О Р Т Х, а с е і о р х у) and the nearest words on its line that
are not such look-alikes themselves hold Latin letters and no Cyrillic ones. A word with any
other Cyrillic letter ("Київ", "ВХОД") is Cyrillic for sure and stays, and so do its look-alike
neighbours. Only words of one or two letters are turned this way (initials, "No", "B"): a
longer all-look-alike word ("КОСАР", "ОКСАНА") may be a Cyrillic name quoted on an English page,
and in Latin letters it would no longer match that name's other spellings (leak terms), so it
stays as read. A word mixing Latin letters with look-alikes ("ор@mail.com") is always turned.
Letters map one for one, so offsets and word boxes stay valid. Pure; no logging.
"""

from __future__ import annotations

_TWINS = str.maketrans("АВСЕНІКМОРТХасеіорху", "ABCEHIKMOPTXaceiopxy")
_LOOK_ALIKE = frozenset("АВСЕНІКМОРТХасеіорху")


def _cyrillic(ch: str) -> bool:
    return "\u0400" <= ch <= "\u04ff"


_TWIN_MAX = 2  # letters: "К.", "В", "Мо"; never a whole name


def _kind(token: str) -> str:
    """'twin' (one or two letters, all look-alike Cyrillic), 'mixed' (Latin and look-alikes),
    'cyrillic', 'latin', or '' (no letters)."""
    letters = [c for c in token if c.isalpha()]
    if not letters:
        return ""
    if all(c in _LOOK_ALIKE for c in letters):
        return "twin" if len(letters) <= _TWIN_MAX else "cyrillic"
    cyrillic = [c for c in letters if _cyrillic(c)]
    if cyrillic and len(cyrillic) < len(letters) and all(c in _LOOK_ALIKE for c in cyrillic):
        return "mixed"  # Latin letters and look-alikes: "ор@mail.com" is always a misreading
    if cyrillic:
        return "cyrillic"
    return "latin"


def latin_twins(text: str) -> str:
    """`text` (an English page) with look-alike Cyrillic words between Latin ones in Latin."""
    lines = text.split("\n")
    return "\n".join(_fix_line(line) for line in lines)


def _fix_line(line: str) -> str:
    tokens = line.split(" ")
    kinds = [_kind(t) for t in tokens]
    if "twin" not in kinds and "mixed" not in kinds:
        return line
    out = list(tokens)
    for i, kind in enumerate(kinds):
        if kind == "mixed":
            out[i] = tokens[i].translate(_TWINS)
            kinds[i] = "latin"
        if kind != "twin":
            continue
        before = next((k for k in reversed(kinds[:i]) if k not in ("", "twin")), None)
        after = next((k for k in kinds[i + 1 :] if k not in ("", "twin")), None)
        sides = {before, after} - {None}
        if sides == {"latin"}:
            out[i] = tokens[i].translate(_TWINS)
    return " ".join(out)
