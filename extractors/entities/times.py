"""Times of day: "о 14:30", "at 3 pm", "в 5 утра". Norm "HH:MM" (24-hour)."""

from __future__ import annotations

import re

from sestry.extractors.entities.base import Pattern, PatternRecognizer

_PM = re.compile(r"p\.?\s?m\.?|вечора|вечера|дня|ночі|ночи", re.IGNORECASE)
_AM = re.compile(r"a\.?\s?m\.?|ранку|утра|зранку|ночі|ночи", re.IGNORECASE)


class TimeRecognizer(PatternRecognizer):
    """Clock times; a bare "14.30" only after a preposition (it could be a date)."""

    name = "time"
    version = "1"
    label = "TIME"
    labels = frozenset({"TIME"})
    PATTERNS = (
        Pattern(
            "hh_mm",
            r"(?<![\d:.])(?P<ent>(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)"
            r"(?:\s?(?P<ap>[ap]\.?\s?m\.?)(?!\w))?)(?![\d:])",
            0.85,
            re.IGNORECASE,
        ),
        Pattern(
            "prep_hh_dot_mm",
            r"(?:\b(?:о|об|в|во|около|близько|приблизно|at|around|about)\s+)"
            r"(?P<ent>(?P<h>[01]?\d|2[0-3])\.(?P<m>[0-5]\d))(?![\d.])",
            0.8,
            re.IGNORECASE,
        ),
        Pattern(
            "hour_ampm",
            r"(?<![\d:.])(?P<ent>(?P<h>1[0-2]|0?[1-9])\s?(?P<ap>[ap]\.\s?m\.|[ap]m)(?!\w))",
            0.85,
            re.IGNORECASE,
        ),
        Pattern(
            "hour_daypart",
            r"(?:\b(?:о|об|в|во|около|близько|приблизно)\s+)(?P<ent>(?P<h>1[0-2]|0?[1-9])"
            r"(?:-?(?:й|ій|ой|ої))?\s+(?P<ap>ранку|вечора|ночі|дня|утра|вечера|ночи))\b",
            0.8,
            re.IGNORECASE,
        ),
    )

    def normalize(self, match: re.Match[str]) -> str | None:
        """24-hour "HH:MM"."""
        groups = match.groupdict()
        hour = int(groups["h"])
        minute = int(groups.get("m") or 0)
        ap = groups.get("ap") or ""
        if ap and _PM.fullmatch(ap.strip()) and hour < 12 and not ap.lower().startswith("ноч"):
            hour += 12
        elif ap and _AM.fullmatch(ap.strip()) and hour == 12:
            hour = 0
        return f"{hour:02d}:{minute:02d}"
