"""Identity documents (ID_DOC) and tax numbers (TAX_ID, RNOKPP with its check digit)."""

from __future__ import annotations

import re
from typing import ClassVar

from sestry.extractors.entities.base import Pattern, PatternRecognizer
from sestry.extractors.entities.chars import LOOKALIKE_LAT, TO_LATIN

_SERIES = f"[А-ЯЁІЇЄҐ{LOOKALIKE_LAT}]{{2}}"
_DOC_CONTEXT = (
    r"(?:паспорт\w*|passport|id[- ]?карт\w*|id[- ]?card|ід[- ]?карт\w*|картк\w+|"
    r"документ\w*|document|посвідчен\w*|удостоверени\w*|квит\w*|билет\w*|свідоцтв\w*|"
    r"свидетельств\w*|номер|№|no\.?)"
)
# "№ 123456", "No. 123456" or nothing between a series and its number.
_NO = r"(?:(?:№|No\.?)\s?)?"
# Birth certificates: a Roman numeral (Latin or Cyrillic I/X), a dash, two Cyrillic letters
# or their Latin transliteration ("I-ЖС", "II-AH", "I-ZhS").
_ROMAN_SERIES = r"[IVXІХ]{1,4}\s?-\s?(?:[А-ЯІЇЄҐ]{2}|[A-Z][A-Za-z]{1,3})"
# Documents whose number may stand alone after the document's name.
_DOC_NUMBER_CUE = (
    r"military\s+ID|військов\w+\s+квит\w*|военн\w+\s+билет\w*|birth\s+certificate|"
    r"свідоцтв\w+\s+про\s+народження|свидетельств\w+\s+о\s+рождении|посвідченн\w+|"
    r"удостоверени\w+|passport"
)
_RNOKPP_WEIGHTS = (-1, 5, 7, 9, 4, 6, 10, 5, 7)


def rnokpp_valid(digits: str) -> bool:
    """Check digit of a Ukrainian taxpayer number (РНОКПП/ІПН), 10 digits."""
    if len(digits) != 10 or not digits.isdigit():
        return False
    total = sum(int(d) * w for d, w in zip(digits[:9], _RNOKPP_WEIGHTS, strict=True))
    return total % 11 % 10 == int(digits[9])


class IdDocRecognizer(PatternRecognizer):
    """Passports (Ukrainian booklet "СН 123456", ID card, foreign), УНЗР, Russian passports."""

    name = "id_doc"
    version = "4"
    label = "ID_DOC"
    labels = frozenset({"ID_DOC"})
    # The context patterns scan every position for a keyword; their number needs a digit run.
    NEEDS: ClassVar[dict[str, re.Pattern[str]]] = {
        "id_card": re.compile(r"\d{9}"),
        "ru_passport": re.compile(r"\d{6}"),
        "ru_foreign": re.compile(r"\d{7}"),
        "foreign": re.compile(r"\d{7}"),
        "doc_number": re.compile(r"\d{6}"),
    }
    PATTERNS = (
        Pattern("ua_booklet", rf"(?<![\w-])(?P<ent>{_SERIES}\s?{_NO}\d{{6,7}})(?![\d-])", 0.85),
        Pattern("birth_cert", rf"(?<![\w-])(?P<ent>{_ROMAN_SERIES}\s?{_NO}\d{{6}})(?![\d-])", 0.9),
        Pattern(
            "doc_number",
            rf"(?:{_DOC_NUMBER_CUE})[^\d\n]{{0,30}}?(?<![\w-]){_NO}"
            r"(?P<ent>\d{6,8})(?![\d-])",
            0.85,
            re.IGNORECASE,
        ),
        Pattern(
            "id_card",
            rf"{_DOC_CONTEXT}[^\d\n]{{0,40}}?(?<!\d)(?P<ent>\d{{9}})(?!\d)",
            0.92,
            re.IGNORECASE,
        ),
        Pattern("latin_passport", rf"(?<![\w-])(?P<ent>[A-Z]{{2}}\s?{_NO}\d{{6,7}})(?![\d-])", 0.8),
        Pattern("unzr", r"(?<![\d-])(?P<ent>(?:19|20)\d{6}-\d{5})(?![\d-])", 0.9),
        Pattern(
            "ru_passport",
            rf"{_DOC_CONTEXT}[^\d\n]{{0,40}}?(?<!\d)(?P<ent>\d{{2}}\s?\d{{2}}\s?(?:(?:№|N|номер)\s?)?\d{{6}})(?!\d)",
            0.8,
            re.IGNORECASE,
        ),
        Pattern(
            "ru_foreign",
            rf"{_DOC_CONTEXT}[^\d\n]{{0,40}}?(?<!\d)(?P<ent>\d{{2}}\s?\d{{7}})(?!\d)",
            0.8,
            re.IGNORECASE,
        ),
        Pattern(
            "foreign",
            r"(?:passport|паспорт\w*)[^\n]{0,40}?(?<![\w])(?P<ent>[A-Z]{1,2}\s?\d{7,8})(?!\d)",
            0.85,
            re.IGNORECASE,
        ),
    )

    def normalize(self, match: re.Match[str]) -> str | None:
        """Upper-case, no spaces or №, Cyrillic look-alikes → Latin."""
        raw = match.group("ent")
        return re.sub(r"[\s№]|No\.?", "", raw).upper().translate(TO_LATIN)


class TaxIdRecognizer(PatternRecognizer):
    """RNOKPP: 10 digits with a valid check digit, or any 10 digits right after a tax keyword."""

    name = "tax_id"
    version = "2"
    label = "TAX_ID"
    labels = frozenset({"TAX_ID"})
    NEEDS: ClassVar[dict[str, re.Pattern[str]]] = {"rnokpp_context": re.compile(r"\d{10}")}
    PATTERNS = (
        Pattern(
            "rnokpp_context",
            r"(?P<kw>рнокпп|ідентифікаційн\w+\s+код\w*|іпн|інн|инн|ідентифікаційн\w+\s+номер\w*|"
            r"идентификационн\w+\s+номер\w*|податков\w+\s+номер\w*|налогов\w+\s+номер\w*|"
            r"(?:individual\s+)?tax(?:payer)?\s+(?:identification\s+)?(?:id|number|code|no\.?))"
            r"[^\d\n]{0,20}?(?<!\d)(?P<ent>\d{10}|\d{12})(?!\d)",
            0.9,
            re.IGNORECASE,
        ),
        Pattern("rnokpp", r"(?<![\d+-])(?P<ent>\d{10})(?![\d-])", 0.6),
    )

    def validate(self, match: re.Match[str]) -> bool | None:
        """The bare pattern needs the check digit; after a keyword it only raises the score."""
        ok = rnokpp_valid(match.group("ent"))
        if "kw" not in match.re.groupindex:
            return ok
        return True if ok else None
