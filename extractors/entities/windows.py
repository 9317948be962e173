"""Bounded windows for spaCy: long texts are analysed piece by piece, never whole.

Why: spaCy refuses texts over `nlp.max_length` (E088) and its memory grows with the length of a
doc, and its tokenizer is quadratic in the length of one whitespace-free run (60 KB of brackets
took minutes). So every language segment is cut into windows of at most `WINDOW_CHARS`, at a
paragraph, line, sentence or word boundary when there is one, and whitespace-free runs are cut
every `MAX_RUN_CHARS`. Offsets stay document offsets; merging (resolve, name echoes) still sees
the whole text. Texts over `MAX_TEXT_CHARS` are refused as `too_large` with the limit named.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from sestry.core.errors import TooLarge

#: Longest text sestry analyses for entities (characters); beyond it the item is quarantined.
MAX_TEXT_CHARS = 10_000_000
#: A text file over this many bytes surely holds more than MAX_TEXT_CHARS (UTF-8: <= 4 per char).
MAX_TEXT_BYTES = 4 * MAX_TEXT_CHARS
#: Longest piece handed to spaCy at once (characters).
WINDOW_CHARS = 20_000
#: Longest whitespace-free run handed to spaCy's tokenizer at once (characters).
MAX_RUN_CHARS = 200

_BOUNDARIES = tuple(re.compile(p) for p in (r"\n\s*\n", r"\n", r"[.!?…]\s", r"\s"))
_LONG_RUN = re.compile(rf"\S{{{MAX_RUN_CHARS + 1},}}")


def check_length(text: str) -> None:
    """Raise TooLarge (reason `too_large`) when `text` is over MAX_TEXT_CHARS; say the limit."""
    if len(text) > MAX_TEXT_CHARS:
        raise TooLarge(
            f"text of {len(text):,} characters is over the limit of {MAX_TEXT_CHARS:,} characters"
            " for entity recognition"
        )


def _cut(text: str, start: int, end: int) -> int:
    """Where to end a window that starts at `start` and may not pass `end`."""
    if end - start <= WINDOW_CHARS:
        return end
    limit = start + WINDOW_CHARS
    floor = start + WINDOW_CHARS // 2  # never cut so early that windows get tiny
    for boundary in _BOUNDARIES:
        last = None
        for match in boundary.finditer(text, floor, limit):
            last = match.end()
        if last is not None and last > start:
            return last
    return limit


def _bounded(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    """Windows of text[start:end]: long runs in pieces of MAX_RUN_CHARS, the rest by _cut."""
    pos = start
    for run in _LONG_RUN.finditer(text, start, end):
        while pos < run.start():
            stop = _cut(text, pos, run.start())
            yield pos, stop
            pos = stop
        for piece in range(run.start(), run.end(), MAX_RUN_CHARS):
            yield piece, min(piece + MAX_RUN_CHARS, run.end())
        pos = run.end()
    while pos < end:
        stop = _cut(text, pos, end)
        yield pos, stop
        pos = stop


def windows(
    text: str, segments: Iterable[tuple[int, int, str]]
) -> Iterator[tuple[int, int, str]]:
    """Split each (start, end, lang) segment of `text` into bounded windows, in order."""
    for start, end, lang in segments:
        for window_start, window_end in _bounded(text, start, end):
            yield window_start, window_end, lang
