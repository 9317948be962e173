"""Vehicle plates: Ukrainian "АА 1234 ВВ" (Cyrillic or Latin look-alikes) and Russian ones."""

from __future__ import annotations

import re

from sestry.extractors.entities.base import Pattern, PatternRecognizer
from sestry.extractors.entities.chars import LOOKALIKE_CYR, LOOKALIKE_LAT, TO_LATIN

_L = f"[{LOOKALIKE_CYR}{LOOKALIKE_LAT}]"
# Polish plates: a district code (2-3 letters, the first one a voivodeship letter) and 4-5
# letters or digits ("WX 12345", "KR 1234A", "WPI 4J21"). Shapes like this are common in prose,
# so a Polish plate needs a vehicle word within 40 characters before it.
_PL = r"[BCDEFGKLNOPRSTWZ][A-Z]{1,2}[ -]?(?=[0-9A-Z]*\d)[0-9A-Z]{4,5}"
_VEHICLE = re.compile(
    r"(?:plate|registration|registered|reg\.|car|vehicle|van|truck|lorry|bus|minibus|ambulance|"
    r"jeep|pickup|tractor|номер\w*|знак\w*|автомобіл\w*|"
    r"автомобил\w*|машин\w*|авто|бус\w*|tablic\w*|rejestrac\w*)\W",
    re.IGNORECASE,
)


class PlateRecognizer(PatternRecognizer):
    """Norm: upper-case Latin letters and digits without spaces ("AA1234BB")."""

    name = "plate"
    version = "3"
    label = "VEHICLE_PLATE"
    labels = frozenset({"VEHICLE_PLATE"})
    PATTERNS = (
        Pattern("ua", rf"(?<![\w-])(?P<ent>{_L}{{2}}[ -]?\d{{4}}[ -]?{_L}{{2}})(?![\w-])", 0.9),
        Pattern(
            "ru", rf"(?<![\w-])(?P<ent>{_L}[ -]?\d{{3}}[ -]?{_L}{{2}}[ -]?\d{{2,3}})(?![\w-])", 0.85
        ),
        Pattern("pl", rf"(?<![\w-])(?P<ent>(?P<pl>{_PL}))(?![\w-])", 0.8),
    )

    def validate(self, match: re.Match[str]) -> bool | None:
        """A Polish-shaped plate only after a vehicle word; the others need no context."""
        if "pl" not in match.re.groupindex:
            return None
        before = match.string[max(0, match.start() - 40) : match.start()]
        return None if _VEHICLE.search(before) else False

    def normalize(self, match: re.Match[str]) -> str | None:
        """One key whatever the alphabet or spacing."""
        return re.sub(r"[\s-]", "", match.group("ent")).upper().translate(TO_LATIN)
