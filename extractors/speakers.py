"""Speaker labels and timestamps at the start of a transcript line.

"Інтерв'юер: ...", "С: ...", "Q: ...", "WITNESS: ...", "Интервьюер: ...", "[00:01:02] A: ..." all
give (speaker, where the utterance starts). A label is one to three capitalised words without
digits before ": "; anything else is content, never a speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_TIME = r"(?:(?P<h>\d{1,2}):)?(?P<m>\d{1,2}):(?P<s>\d{2})(?:[.,](?P<f>\d{1,3}))?"
_HMS = r"(?P<h>\d{1,2}):(?P<m>\d{2}):(?P<s>\d{2})(?:[.,](?P<f>\d{1,3}))?"
# A bare "12:30" at a line start is content (a time of day); a stamp is bracketed or has hours.
_LEADING_TIMES = (
    re.compile(r"^\s*[\[(]" + _TIME + r"[\])]\s*(?:[-–—]\s*)?"),
    re.compile(r"^\s*" + _HMS + r"(?=\s)\s*(?:[-–—]\s*)?"),
)
_WORD = r"[^\W\d_][\w'’ʼ.-]*"
_LABEL = re.compile(rf"^\s*(?P<label>{_WORD}(?:[ ]{_WORD}){{0,2}})\s?:[ \t]+(?=\S)")


@dataclass(frozen=True)
class LineHead:
    """What a line's head says: optional speaker and start time, and where the content begins."""

    speaker: str | None
    t_start: float | None
    content_start: int


def parse_time(text: str) -> float | None:
    """Parse "HH:MM:SS.mmm" / "MM:SS,mmm" to seconds; None if it is not a time."""
    match = re.fullmatch(_TIME, text.strip())
    return _seconds(match) if match else None


def _seconds(match: re.Match[str]) -> float:
    hours = int(match.group("h") or 0)
    frac = match.group("f") or "0"
    return (
        hours * 3600
        + int(match.group("m")) * 60
        + int(match.group("s"))
        + int(frac) / (10 ** len(frac))
    )


def parse_line_head(line: str) -> LineHead:
    """Find a leading timestamp and speaker label in one line of a transcript."""
    pos = 0
    t_start = None
    for pattern in _LEADING_TIMES:
        time_match = pattern.match(line)
        if time_match:
            t_start = _seconds(time_match)
            pos = time_match.end()
            break
    label_match = _LABEL.match(line[pos:])
    speaker = None
    if label_match is not None:
        candidate = label_match.group("label").strip()
        if _is_label(candidate):
            speaker = candidate
            pos += label_match.end()
    return LineHead(speaker, t_start, pos)


def _is_label(candidate: str) -> bool:
    """Every word of a label is capitalised: "Це було так: ..." is prose, not a speaker."""
    return len(candidate) <= 40 and all(word[:1].isupper() for word in candidate.split())
