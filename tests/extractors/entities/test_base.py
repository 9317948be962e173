"""Recognizer contract: detector names, validate() semantics, the `ent` group, Span.shifted."""

from __future__ import annotations

import re

from sestry.extractors.entities.base import Pattern, PatternRecognizer, Span


class _Digits(PatternRecognizer):
    name = "digits"
    version = "7"
    label = "TAX_ID"
    labels = frozenset({"TAX_ID"})
    PATTERNS = (Pattern("four", r"no\.(?P<ent>\d{4})", 0.5),)

    def validate(self, match: re.Match[str]) -> bool | None:
        value = match.group("ent")
        if value == "0000":
            return False
        return True if value.endswith("7") else None


def test_pattern_recognizer_contract() -> None:
    spans = list(_Digits().find("no.1237 no.0000 no.1234", "uk"))
    assert [(s.text, s.start, s.score) for s in spans] == [("1237", 3, 0.7), ("1234", 19, 0.5)]
    assert spans[0].detector == "digits@7:four"


def test_span_shifted() -> None:
    span = Span(1, 3, "LOC", "ab", "ab", "x@1:y", 0.5, "UA1", "UA0")
    moved = span.shifted(10)
    assert (moved.start, moved.end, moved.code, moved.oblast) == (11, 13, "UA1", "UA0")
    assert span.shifted(0) is span
