"""Military units: "в/ч 12345", "військова частина А1234", "military unit 12345"."""

from __future__ import annotations

import re

from sestry.extractors.entities.base import Pattern, PatternRecognizer
from sestry.extractors.entities.chars import TO_LATIN

_KEY = (
    r"в/ч|в\.\s?ч\.|військов\w+\s+частин\w+|воинск\w+\s+част\w+|войсков\w+\s+част\w+|"
    r"military\s+unit|\bMU\b"
)


class MilitaryUnitRecognizer(PatternRecognizer):
    """The span covers keyword and number; norm is the number ("A1234", "12345")."""

    name = "military_unit"
    version = "1"
    label = "MILITARY_UNIT"
    labels = frozenset({"MILITARY_UNIT"})
    PATTERNS = (
        Pattern(
            "keyword_number",
            rf"(?P<ent>(?:{_KEY})\s*(?:№\s*|No\.?\s*)?(?P<num>[АAВB]?[ -]?\d{{4}}\d?))(?!\d)",
            0.95,
            re.IGNORECASE,
        ),
    )

    def normalize(self, match: re.Match[str]) -> str | None:
        """Upper-case Latin letter + digits."""
        return re.sub(r"[\s-]", "", match.group("num")).upper().translate(TO_LATIN)
