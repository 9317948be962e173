"""Where a released text differs from its analysed original: the statistical model reruns there.

Why: the residual pass runs the whole entity pipeline over every released text, and the
statistical model (Natasha, Russian) is most of its cost. Redaction only replaces spans, so a
released text is its original with some ranges substituted; outside a margin around those
ranges the model reads the same words as at ingest, and what it found there then is in the
entities table (and was acted on by redaction). So the model reruns only in windows around
each replacement (the core: its sentence plus `MARGIN_WORDS` words either side, as Slovnet's
tagger reads a few tokens of context), and the ingest-time model spans are reused for the rest.
The model reads `MARGIN_WORDS` more words either side of the core and only its spans touching
the core count: what it finds at the edge of what it read is not what it finds in the whole
text (measured with bench/release/equivalence.py: the last word of a window read as an
organisation). Here the rules, gazetteers and patterns read the whole text (a profile that
generalises); text_windows.py narrows them too when the document's pipeline version is
recorded. Fail closed: a text that is not exactly its
original with the released replacements substituted (edited on disk, no original known), or a
document with no entity of the installed model's version (the model may never have read it:
ingested with it off, before it existed, or with another version), gets the model everywhere:
reuse never skips text that differs from the original or that the model has not read.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache
from importlib import metadata
from typing import NamedTuple

from sestry.extractors.entities.base import Span

Range = tuple[int, int]
Run = tuple[int, int, int]  # (released start, released end, original start) of unchanged text
MARGIN_WORDS = 8
_SENTENCE_END = re.compile(r"[.!?…]+(?=\s)|\n")
_WORD = re.compile(r"\S+")


def align(original: str, released: str, replaced: Sequence[Range]) -> list[Run] | None:
    """The unchanged runs of `released` and where each sits in `original`, or None when
    `released` is not `original` with exactly the `replaced` ranges (released offsets)
    substituted. Runs are found in order (first at the start, last at the end); any such
    decomposition makes every run verbatim original text."""
    if not replaced:
        return [(0, len(released), 0)] if released == original else None
    bounds: list[Range] = []
    cursor = 0
    for start, end in sorted(replaced):
        if start < cursor or end < start or end > len(released):
            return None
        bounds.append((cursor, start))
        cursor = end
    runs: list[Run] = []
    pos = 0
    for i, (start, end) in enumerate(bounds):
        chunk = released[start:end]
        at = 0 if i == 0 else original.find(chunk, pos)
        if at < 0 or original[at : at + len(chunk)] != chunk:
            return None
        runs.append((start, end, at))
        pos = at + len(chunk)
    tail = released[cursor:]
    at = len(original) - len(tail)
    if at < pos or not original.endswith(tail):
        return None
    runs.append((cursor, len(released), at))
    return runs


@lru_cache(maxsize=1)
def model_detector() -> str | None:
    """The detector prefix of the installed model's spans ("natasha@1.6.0:"), None without it."""
    try:
        return f"natasha@{metadata.version('natasha')}:"
    except metadata.PackageNotFoundError:
        return None


def windows(text: str, changed: Sequence[Range], margin: int = MARGIN_WORDS) -> list[Range]:
    """Merged ranges of `text` covering each changed range, its sentence and `margin` words
    on either side."""
    ends, words, word_ends = _bounds(text)
    out: list[Range] = []
    for start, end in changed:
        i = bisect_right(ends, start)  # sentence ends at or before `start`
        lo = ends[i - 1] if i else 0
        j = bisect_left(ends, end)  # the first sentence end at or after `end`
        hi = ends[j] if j < len(ends) else len(text)
        k = bisect_right(word_ends, lo) - margin  # `margin` whole words before the sentence
        lo = words[k] if k >= 0 and lo > 0 else 0
        m = bisect_left(words, hi) + margin - 1  # `margin` whole words after it
        hi = word_ends[m] if m < len(words) and hi < len(text) else len(text)
        out.append((min(lo, start), max(hi, end)))
    return merge(out)


@lru_cache(maxsize=8)
def _bounds(text: str) -> tuple[list[int], list[int], list[int]]:
    """Sentence ends, word starts and word ends of `text` (one text is windowed, widened and
    windowed again by the redaction and the validation pass: computed once)."""
    ends = [m.end() for m in _SENTENCE_END.finditer(text)]
    spans = [m.span() for m in _WORD.finditer(text)]
    return ends, [a for a, _b in spans], [b for _a, b in spans]


def merge(ranges: Sequence[Range]) -> list[Range]:
    """Sorted, non-overlapping union of `ranges` (touching ranges joined)."""
    out: list[Range] = []
    for start, end in sorted(ranges):
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


class ModelPlan(NamedTuple):
    """Where the model reruns (`read`), which of its rerun spans count (those touching
    `core`) and which ingest spans are reused (the model's, outside `core`)."""

    read: list[Range] | None
    reused: list[Span]
    core: list[Range]


def plan(
    original: str | None,
    released: str,
    replaced: Sequence[Range],
    model_spans: Sequence[Span],
) -> ModelPlan:
    """The model's rerun plan for `released` (ranges and spans in released offsets).

    (None, [], []) when the released text does not align with `original` or no span of
    `model_spans` comes from the installed model (no witness that it read the original): the
    model then reads the whole text. Only spans inside one unchanged run are moved over."""
    prefix = model_detector()
    mine = [s for s in model_spans if prefix and s.detector.startswith(prefix)]
    runs = align(original, released, replaced) if original is not None and mine else None
    if runs is None:
        return ModelPlan(None, [], [])
    return model_ranges(released, replaced, moved(mine, runs))


def model_ranges(
    released: str, replaced: Sequence[Range], model_spans: Sequence[Span]
) -> ModelPlan:
    """The core (the windows around `replaced`, grown to hold whole every model span they
    touch), the model's read ranges (the core and `MARGIN_WORDS` more words either side: a
    span found near the edge of what the model read is not trusted, measured: a last word
    read as an organisation) and the model spans reused (outside the core)."""
    core = grow(windows(released, replaced), model_spans)
    read = widen(released, core, MARGIN_WORDS)
    return ModelPlan(read, [s for s in model_spans if not overlaps(s, core)], core)


def grow(core: Sequence[Range], spans: Sequence[Span]) -> list[Range]:
    """`core` grown until it holds whole every span of `spans` that it touches."""
    ranges = merge(core)
    while True:
        grown = merge(ranges + [(s.start, s.end) for s in spans if overlaps(s, ranges)])
        if grown == ranges:
            return ranges
        ranges = grown


def widen(text: str, ranges: Sequence[Range], margin: int) -> list[Range]:
    """`ranges` with `margin` whole words more on either side, merged."""
    _ends, words, word_ends = _bounds(text)
    out: list[Range] = []
    for start, end in ranges:
        k = bisect_right(word_ends, start) - margin
        m = bisect_left(words, end) + margin - 1
        lo = words[k] if k >= 0 else 0
        hi = word_ends[m] if m < len(words) else len(text)
        out.append((min(lo, start), max(hi, end)))
    return merge(out)


def trusted(spans: Sequence[Span], core: Sequence[Range]) -> list[Span]:
    """`spans` without the model's spans that touch no part of `core` (found near the edge of
    what it read)."""
    prefix = model_detector()
    return [s for s in spans if not (prefix and s.detector.startswith(prefix)) or overlaps(s, core)]


def moved(spans: Sequence[Span], runs: Sequence[Run]) -> list[Span]:
    """The spans (original offsets) lying inside one unchanged run, moved into released
    offsets; a span crossing a replacement is left out."""
    out: list[Span] = []
    for span in spans:
        for start, end, at in runs:
            if at <= span.start and span.end <= at + (end - start):
                shift = start - at
                out.append(replace(span, start=span.start + shift, end=span.end + shift))
                break
    return out


def overlaps(span: Span, ranges: Sequence[Range]) -> bool:
    """True when `span` shares a character with one of `ranges`."""
    return any(a < span.end and span.start < b for a, b in ranges)


def fill_gaps(spans: Sequence[Span], reused: Sequence[Span]) -> list[Span]:
    """`spans` plus the reused model spans where they found nothing (the model fills the
    rules' gaps, as in the pipeline's Natasha component), sorted. A reused merged span (its
    detector has "+": natasha_ner.merge settled the rules' weak PERSON there) replaces the rule
    PERSON/CALLSIGN spans it holds, as at ingest, when nothing else overlaps it."""
    spans = list(spans)
    for m in (r for r in reused if "+" in r.detector):
        held = [s for s in spans if m.start <= s.start and s.end <= m.end
                and s.label in ("PERSON", "CALLSIGN")]  # fmt: skip
        crossing = [s for s in spans if s.start < m.end and m.start < s.end and s not in held]
        if held and not crossing:
            spans = [*(s for s in spans if s not in held), m]
    taken = [(s.start, s.end) for s in spans]
    extra = [s for s in reused if not any(a < s.end and s.start < b for a, b in taken)]
    return sorted([*spans, *extra], key=lambda s: (s.start, s.end))
