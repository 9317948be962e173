"""E-mail addresses and phone numbers (phonenumbers validates; norm is E.164)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import ClassVar

import phonenumbers

from sestry.extractors.entities.base import Pattern, PatternRecognizer, Recognizer, Span

_LAT_LOWER = str.maketrans("аеіорсух", "aeiopcyx")


class EmailRecognizer(PatternRecognizer):
    """RFC-ish e-mail addresses; norm is the lower-cased address."""

    name = "email"
    version = "2"
    label = "EMAIL"
    labels = frozenset({"EMAIL"})
    PATTERNS = (
        Pattern(
            "address",
            # Any letters in the local part and domain: an OCRed or typed Cyrillic look-alike
            # initial ("О.Petrenko@…") or a Cyrillic mailbox must not cut the address short.
            r"(?<![\w.+-])[^\W_][\w.%+-]*@[^\W_][\w-]*(?:\.[\w-]+)*"
            r"\.[^\W\d_]{2,24}(?![\w-])",
            0.95,
        ),
    )

    def normalize(self, match: re.Match[str]) -> str | None:
        """Lower-case: one key per mailbox (Cyrillic look-alikes in a Latin address as Latin)."""
        low = match.group().lower()
        return low.translate(_LAT_LOWER) if re.search("[a-z]", low) else low


_CANDIDATE = re.compile(
    r"(?<![\w+/.-])(?:\+|00)?\(?\d(?:[\d ()\u00a0-]|\.(?=\d)){5,18}\d(?![\w/]|[.-]\d)"
)
_REGIONS = {"uk": ("UA", "RU"), "ru": ("RU", "UA"), "en": ("UA", "US", "GB", "RU")}


class PhoneRecognizer(Recognizer):
    """Phone numbers: a digit-run candidate must parse as a valid number (default region UA)."""

    name = "phone"
    version = "2"
    labels: ClassVar[frozenset[str]] = frozenset({"PHONE"})

    def find(self, text: str, lang: str, nlp: object | None = None) -> Iterator[Span]:
        """Yield valid phone numbers; norm is E.164 ("+380671234567")."""
        for m in _CANDIDATE.finditer(text):
            raw = m.group().rstrip(" .-(")
            digits = sum(ch.isdigit() for ch in raw)
            if not 7 <= digits <= 15 or _looks_like_date(raw):
                continue
            number = _parse(raw, lang)
            if number is None:
                continue
            yield Span(
                m.start(),
                m.start() + len(raw),
                "PHONE",
                raw,
                phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164),
                self.detector("valid" if raw[0] in "+0(" else "valid_local"),
                0.9 if raw[0] in "+0(" else 0.6,
            )


_DATE_LIKE = re.compile(r"^\d{1,4}[./-]\d{1,2}[./-]\d{2,4}$")


def _looks_like_date(raw: str) -> bool:
    return bool(_DATE_LIKE.match(raw.replace(" ", "")))


def _parse(raw: str, lang: str) -> phonenumbers.PhoneNumber | None:
    for region in _REGIONS.get(lang, ("UA",)):
        try:
            number = phonenumbers.parse(raw, region)
        except phonenumbers.NumberParseException:
            continue
        if phonenumbers.is_valid_number(number):
            return number
        if raw.startswith("+"):
            break
    return None
