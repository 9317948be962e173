"""Numbers for people: a decimal comma in Ukrainian, sizes in kB/MB (decimal units, as file
managers show them), seconds with one decimal."""

from __future__ import annotations

from sestry.core.i18n import language

_UNITS: tuple[tuple[int, str], ...] = ((10**9, "GB"), (10**6, "MB"), (10**3, "kB"))
_UK_UNITS = {"GB": "ГБ", "MB": "МБ", "kB": "кБ", "B": "Б"}


def number(value: float, digits: int = 1, lang: str | None = None) -> str:
    """`value` with `digits` decimals; a comma for Ukrainian (12,5), a point for English."""
    text = f"{value:.{digits}f}"
    return text.replace(".", ",") if (lang or language()) == "uk" else text


def size(count: int, lang: str | None = None) -> str:
    """A byte count as people read it: `3.4 MB` / `3,4 МБ`; below 1 kB, in bytes."""
    lang = lang or language()
    for factor, unit in _UNITS:
        if count >= factor:
            shown = f"{number(count / factor, 1, lang)} {unit}"
            break
    else:
        shown = f"{count} B"
    if lang == "uk":
        value, unit = shown.rsplit(" ", 1)
        shown = f"{value} {_UK_UNITS[unit]}"
    return shown


def seconds(value: float, lang: str | None = None) -> str:
    """Elapsed time: `12.5 s` / `12,5 с`."""
    lang = lang or language()
    return f"{number(value, 1, lang)} {'с' if lang == 'uk' else 's'}"
