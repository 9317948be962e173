"""Helpers for the recognizer tables: mark entities inline, compare (text, label) pairs."""

from __future__ import annotations

import re

from sestry.extractors.entities.base import Recognizer, Span

MARK = re.compile(r"\[([^\]]+)\]\(([A-Z_]+)(?:=([^)]*))?\)")


def unmark(marked: str) -> tuple[str, list[tuple[int, int, str, str | None]]]:
    """ "Мене [Олена](PERSON=олена)" → plain text and (start, end, label, norm) spans."""
    out: list[str] = []
    spans: list[tuple[int, int, str, str | None]] = []
    pos = length = 0
    for m in MARK.finditer(marked):
        out.append(marked[pos : m.start()])
        length += m.start() - pos
        spans.append((length, length + len(m.group(1)), m.group(2), m.group(3)))
        out.append(m.group(1))
        length += len(m.group(1))
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


def found(rec: Recognizer, text: str, lang: str, label: str | None = None) -> list[Span]:
    """Spans of one recognizer, non-overlapping (longest first), sorted."""
    spans = [s for s in rec.find(text, lang) if label is None or s.label == label]
    spans.sort(key=lambda s: (-(s.end - s.start), -s.score))
    kept: list[Span] = []
    for s in spans:
        if all(s.end <= k.start or s.start >= k.end for k in kept):
            kept.append(s)
    return sorted(kept, key=lambda s: s.start)


def check_table(rec: Recognizer, marked: str, lang: str, label: str) -> None:
    """Assert exactly the marked spans of `label` are found, with their norms when given."""
    text, gold = unmark(marked)
    got = found(rec, text, lang, label)
    assert [(s.start, s.end, s.label) for s in got] == [(a, b, lab) for a, b, lab, _ in gold], [
        s.text for s in got
    ]
    for s, (_, _, _, norm) in zip(got, gold, strict=True):
        if norm is not None:
            assert s.norm == norm, (s.norm, norm)
