"""The recognizer contract: text in, `Span`s out.

A recognizer never decides what to hide (that is redaction's job) and never logs the text it reads.
Every span names its detector as ``name@version:pattern`` so a rerun can be explained later.
"""

from __future__ import annotations

import dataclasses
import re
from abc import ABC, abstractmethod
from collections.abc import Iterator
from dataclasses import dataclass
from typing import ClassVar

from sestry.core.languages import LANGUAGES


@dataclass(frozen=True)
class Span:
    """One entity: character offsets into the analysed text, label, normalised key, provenance.

    The one span type of detection and redaction. `redact_always` marks a span that no profile
    may keep (a profile's deny term, an ambiguous sweep hit, offsets that do not fit): fail closed.
    """

    start: int
    end: int
    label: str
    text: str
    norm: str | None = None
    detector: str = ""
    score: float = 1.0
    code: str | None = None  # KATOTTG code for Ukrainian places
    oblast: str | None = None  # KATOTTG oblast code for Ukrainian places
    redact_always: bool = False

    def shifted(self, offset: int) -> Span:
        """The same span, moved by `offset` characters (segment → document offsets)."""
        if not offset:
            return self
        return dataclasses.replace(self, start=self.start + offset, end=self.end + offset)


@dataclass(frozen=True)
class Pattern:
    """A named regular expression with a base score; group `ent` (if any) is the entity."""

    name: str
    regex: str
    score: float
    flags: int = 0


class Recognizer(ABC):
    """Finds spans of some labels in some languages."""

    name: ClassVar[str]
    version: ClassVar[str]
    labels: ClassVar[frozenset[str]]
    languages: ClassVar[frozenset[str]] = frozenset(LANGUAGES)
    context: ClassVar[tuple[str, ...]] = ()

    def detector(self, pattern: str) -> str:
        """Provenance string stored in `entities.detector`."""
        return f"{self.name}@{self.version}:{pattern}"

    @abstractmethod
    def find(self, text: str, lang: str, nlp: object | None = None) -> Iterator[Span]:
        """Yield spans found in `text` (offsets into `text`)."""


class PatternRecognizer(Recognizer):
    """Regex recognizer: `PATTERNS` are compiled once; `validate` can veto or confirm a match.

    `validate(match)` returns True (confirmed: score raised), False (rejected) or None (kept as
    is). `normalize(match)` returns the span's norm. `label_for(match)` can refine the label.
    """

    PATTERNS: ClassVar[tuple[Pattern, ...]] = ()
    # Pattern name -> a regex that every match of that pattern contains (e.g. its digit run):
    # when it occurs nowhere in the text, the pattern's slow full scan is skipped. Speed only.
    NEEDS: ClassVar[dict[str, re.Pattern[str]]] = {}
    label: ClassVar[str]
    _compiled: ClassVar[tuple[tuple[Pattern, re.Pattern[str]], ...] | None] = None

    def __init__(self) -> None:
        cls = type(self)
        if cls.__dict__.get("_compiled") is None:
            cls._compiled = tuple((p, re.compile(p.regex, p.flags)) for p in cls.PATTERNS)

    def validate(self, match: re.Match[str]) -> bool | None:
        """Checksum or context check; None means "no opinion"."""
        return None

    def normalize(self, match: re.Match[str]) -> str | None:
        """Normalised key of the entity; default: the entity text."""
        return _group(match)[2]

    def label_for(self, match: re.Match[str], pattern: Pattern) -> str:
        """Label of this match (a recognizer may emit several labels)."""
        return self.label

    def find(self, text: str, lang: str, nlp: object | None = None) -> Iterator[Span]:
        """Yield one span per regex match that validation does not reject."""
        assert self._compiled is not None
        for pattern, rx in self._compiled:
            needs = self.NEEDS.get(pattern.name)
            if needs is not None and needs.search(text) is None:
                continue
            for m in rx.finditer(text):
                verdict = self.validate(m)
                if verdict is False:
                    continue
                score = min(1.0, pattern.score + 0.2) if verdict else pattern.score
                start, end, surface = _group(m)
                if start == end:
                    continue
                yield Span(
                    start,
                    end,
                    self.label_for(m, pattern),
                    surface,
                    self.normalize(m),
                    self.detector(pattern.name),
                    score,
                )


def _group(m: re.Match[str]) -> tuple[int, int, str]:
    """Offsets and text of group `ent` if the pattern has it, else of the whole match."""
    if "ent" in m.re.groupindex and m.group("ent") is not None:
        return m.start("ent"), m.end("ent"), m.group("ent")
    return m.start(), m.end(), m.group()
