"""Ukrainian or English for people: gettext catalogs (core/locale/uk/LC_MESSAGES/sestry.po,
compiled to sestry.mo beside it) read with the standard library, so `sestry verify` needs no
extra package.

The language is `SESTRY_LANG` (uk | en), else the POSIX locale (LC_ALL, LC_MESSAGES, LANG: the
first one set); Ukrainian when it starts with `uk`, English otherwise. Only words for people are
translated: JSON output, exit codes, ledger entries and file names never are.
"""

from __future__ import annotations

import gettext
import os
from functools import cache
from pathlib import Path

LANGS: tuple[str, ...] = ("uk", "en")
DOMAIN = "sestry"
LOCALE_DIR = Path(__file__).with_name("locale")


def language() -> str:
    """`uk` or `en`, from SESTRY_LANG or the locale variables, read on every call."""
    chosen = os.environ.get("SESTRY_LANG", "").strip().lower()
    if chosen[:2] in LANGS:
        return chosen[:2]
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(name, "")
        if value:
            return "uk" if value.lower().startswith("uk") else "en"
    return "en"


@cache
def catalog(lang: str, domain: str = DOMAIN) -> gettext.NullTranslations:
    """The compiled `domain` catalog for `lang`; English (the msgids) when there is none."""
    if lang == "en":
        return gettext.NullTranslations()
    return gettext.translation(domain, LOCALE_DIR, languages=[lang], fallback=True)


def translate(lang: str, message: str) -> str:
    """`message` in `lang` (the English msgid when the catalog lacks it)."""
    return catalog(lang).gettext(message)


def _(message: str) -> str:
    """`message` in the reader's language (see `language`)."""
    return translate(language(), message)


def N_(message: str) -> str:  # noqa: N802 - the gettext convention, read by the extractor
    """Mark a message for extraction without translating it yet (translated where shown)."""
    return message
