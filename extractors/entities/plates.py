"""Vehicle plates: Ukrainian "АА 1234 ВВ" (Cyrillic or Latin look-alikes) and Russian ones."""

from __future__ import annotations

import re

from sestry.extractors.entities.base import Pattern, PatternRecognizer
from sestry.extractors.entities.chars import LOOKALIKE_CYR, LOOKALIKE_LAT, TO_LATIN

_L = f"[{LOOKALIKE_CYR}{LOOKALIKE_LAT}]"


class PlateRecognizer(PatternRecognizer):
    """Norm: upper-case Latin letters and digits without spaces ("AA1234BB")."""

    name = "plate"
    version = "1"
    label = "VEHICLE_PLATE"
    labels = frozenset({"VEHICLE_PLATE"})
    PATTERNS = (
        Pattern("ua", rf"(?<![\w-])(?P<ent>{_L}{{2}}[ -]?\d{{4}}[ -]?{_L}{{2}})(?![\w-])", 0.9),
        Pattern(
            "ru", rf"(?<![\w-])(?P<ent>{_L}[ -]?\d{{3}}[ -]?{_L}{{2}}[ -]?\d{{2,3}})(?![\w-])", 0.85
        ),
    )

    def normalize(self, match: re.Match[str]) -> str | None:
        """One key whatever the alphabet or spacing."""
        return re.sub(r"[\s-]", "", match.group("ent")).upper().translate(TO_LATIN)
