"""The extractor contract: from one original's bytes to text, segments and word boxes.

Extractors are pure: they read a path and return an `Extraction`; they never write the vault or
the ledger, and never log text. Bad input raises an `ItemError` subclass (see sestry.errors).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

if TYPE_CHECKING:
    from sestry.core.settings import Settings


@dataclass(frozen=True)
class ItemInfo:
    """What is known about an item before extraction."""

    digest: str
    source_name: str  # original relative name in the inbox
    size: int
    media_type: str  # sniffed from content
    language_hint: str | None = None  # from the sidecar


@dataclass(frozen=True)
class Segment:
    """A span of the document text: a transcript cue/turn or an OCR line/paragraph."""

    start: int
    end: int
    page: int | None = None
    speaker: str | None = None
    t_start: float | None = None
    t_end: float | None = None


@dataclass(frozen=True)
class Word:
    """One OCR word with its box in page pixels, and its offsets in the document text."""

    page: int
    index: int
    start: int
    end: int
    left: int
    top: int
    width: int
    height: int
    confidence: float | None


@dataclass(frozen=True)
class PageInfo:
    """Per-page facts for the summary: how it was read and how well."""

    page: int
    method: str  # text_layer | ocr
    confidence: float | None = None
    width: int | None = None
    height: int | None = None
    language: str | None = None  # uk | ru | en from the page's letters; None: they do not say
    passes: tuple[str, ...] = ()  # tesseract language orders run, the kept one last; () no OCR


@dataclass(frozen=True)
class Extraction:
    """The result of one extractor on one item; mirrors documents/segments/words rows."""

    kind: str  # transcript | audio | scan | pdf | document
    method: str  # transcript | text_layer | ocr | none
    text: str
    pages: int = 0
    segments: tuple[Segment, ...] = ()
    words: tuple[Word, ...] = ()
    page_info: tuple[PageInfo, ...] = ()
    ocr_confidence: float | None = None
    duration_s: float | None = None  # audio
    versions: dict[str, str] = field(default_factory=dict)  # e.g. tesseract + traineddata digests
    attempts: tuple[str, ...] = ()  # extractor names tried, in order (fallbacks visible)
    notes: tuple[str, ...] = ()  # reason codes worth recording, e.g. "extension_mismatch"


class Extractor(ABC):
    """Turn one vault object into text."""

    name: ClassVar[str]
    version: ClassVar[str]
    media_types: ClassVar[frozenset[str]]
    score: ClassVar[int] = 5
    needs_bins: ClassVar[tuple[str, ...]] = ()
    needs_langs: ClassVar[tuple[str, ...]] = ()

    def __init__(self, settings: Settings | None = None) -> None:
        """Built once per run with the run's settings (size limits, OCR languages, workers)."""
        self.settings = settings

    @classmethod
    def match(cls, item: ItemInfo) -> int:
        """Return a bid for this item; -1 means it cannot handle it."""
        if item.media_type in cls.media_types:
            return cls.score
        return -1

    @abstractmethod
    def extract(self, path: Path, item: ItemInfo) -> Extraction:
        """Return the item's text; raise an ItemError subclass for bad input.

        Never returns empty text to signal failure.
        """
