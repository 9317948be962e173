"""Which extractor reads an item: an auction over built-ins and entry-point plugins.

Every extractor bids on the item's sniffed media type; the highest bid runs (ties by name). An
extractor that raises NoTextLayer passes the item on to the next bidder, and every attempt is
recorded in `Extraction.attempts` as "name@version" (the last one produced the result). Never logs
text: digests, extractor names, counts and reason codes only.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib
import logging
import shutil
from importlib.metadata import entry_points
from pathlib import Path

from sestry.core.errors import (
    ConfigError,
    EmptyItem,
    ItemError,
    MissingDependency,
    NoTextLayer,
    SestryError,
    UnsupportedFormat,
)
from sestry.core.settings import Settings
from sestry.extractors import sniff, tesseract
from sestry.extractors.audio import AudioRecording
from sestry.extractors.base import Extraction, Extractor, ItemInfo
from sestry.extractors.docx import DocxDocument
from sestry.extractors.image import ImageOcr
from sestry.extractors.office_cfb import OfficeCompoundFile
from sestry.extractors.pdf import PdfOcr, PdfTextLayer
from sestry.extractors.transcript_subtitles import SrtTranscript, VttTranscript
from sestry.extractors.transcript_text import PlainTextTranscript
from sestry.extractors.transcript_whisper import WhisperTranscript

log = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "sestry.extractors"
BUILTIN_EXTRACTORS: tuple[type[Extractor], ...] = (
    PlainTextTranscript,
    SrtTranscript,
    VttTranscript,
    WhisperTranscript,
    DocxDocument,
    OfficeCompoundFile,
    AudioRecording,
    ImageOcr,
    PdfTextLayer,
    PdfOcr,
)
BIN_PACKAGES = {"tesseract": "tesseract-ocr"}  # Debian package of each binary an extractor needs

PYTHON_DEPENDENCIES = (
    ("PIL", "pillow", "ocr"),
    ("pypdfium2", "pypdfium2", "ocr"),
    ("pytesseract", "pytesseract", "ocr"),
    ("mutagen", "mutagen", "ocr"),
    ("charset_normalizer", "charset-normalizer", "transcripts"),
    ("docx", "python-docx", "transcripts"),
)


@functools.cache
def registered() -> tuple[type[Extractor], ...]:
    """Built-ins plus extractors from the "sestry.extractors" entry-point group.

    A plugin that is not an Extractor subclass, or reuses a name, is a ConfigError (exit 2).
    """
    found = list(BUILTIN_EXTRACTORS)
    for ep in entry_points(group=ENTRY_POINT_GROUP):
        cls = ep.load()
        if not (isinstance(cls, type) and issubclass(cls, Extractor)):
            raise ConfigError(f"entry point {ep.name} is not an Extractor subclass")
        found.append(cls)
    names = [cls.name for cls in found]
    if len(names) != len(set(names)):
        raise ConfigError("two extractors share a name")
    return tuple(found)


def select(
    item: ItemInfo, candidates: tuple[type[Extractor], ...] | None = None
) -> list[type[Extractor]]:
    """Bidders for `item`, best first (bid descending, then name); empty when none bids > 0."""
    pool = registered() if candidates is None else candidates
    bids = [(cls.match(item), cls.name, cls) for cls in pool]
    return [cls for bid, _, cls in sorted(bids, key=lambda b: (-b[0], b[1])) if bid > 0]


def extract(path: Path, item: ItemInfo, settings: Settings) -> Extraction:
    """Extract one item through the auction; fall back on NoTextLayer; record every attempt.

    Raises an ItemError subclass for bad input (EmptyItem, UnsupportedFormat, CorruptItem, ...):
    the caller quarantines the item. Unexpected library errors become ItemError
    "extractor_error" (fail closed). MissingDependency propagates (exit 2). Never logs text.
    """
    if path.stat().st_size == 0:
        raise EmptyItem("zero bytes")
    if not item.media_type or item.media_type == sniff.OCTET:
        item = dataclasses.replace(item, media_type=sniff.sniff_type(path))
    if item.media_type == sniff.EMPTY:
        raise EmptyItem("zero bytes")
    bidders = select(item)
    if not bidders:
        raise UnsupportedFormat(f"no extractor for {item.media_type}")
    attempts: list[str] = []
    last: ItemError | None = None
    for cls in bidders:
        attempts.append(f"{cls.name}@{cls.version}")
        failure: str | None = None
        try:
            result = cls(settings).extract(path, item)
        except NoTextLayer as exc:
            log.info("fallback digest=%s extractor=%s reason=%s", item.digest, cls.name, exc.reason)
            last = exc
            continue
        except SestryError:
            raise
        except Exception as exc:  # noqa: BLE001 - any other failure quarantines the item
            failure = type(exc).__name__
        if failure is not None:
            # raised outside the handler so the library error (which may quote content) is not
            # chained to it
            log.warning(
                "extractor error digest=%s extractor=%s type=%s", item.digest, cls.name, failure
            )
            raise ItemError(f"{cls.name} failed ({failure})", reason="extractor_error")
        notes = result.notes
        if sniff.extension_mismatch(item.source_name, item.media_type):
            notes = (*notes, "extension_mismatch")
        log.info(
            "extracted digest=%s extractor=%s chars=%d pages=%d",
            item.digest,
            cls.name,
            len(result.text),
            result.pages,
        )
        return dataclasses.replace(result, attempts=tuple(attempts), notes=notes)
    assert last is not None
    raise last


def check(settings: Settings) -> None:
    """Raise MissingDependency, naming the fix, when tesseract, a language file or a library
    that a built-in extractor needs is missing. Run at CLI start (exit 2)."""
    for module, package, extra in PYTHON_DEPENDENCIES:
        try:
            importlib.import_module(module)
        except ImportError:
            raise MissingDependency(
                f"python package {package} is missing: pip install 'sestry[{extra}]'"
            ) from None
    langs = set(tesseract.needed_languages(settings.ocr_languages))
    for cls in registered():
        for binary in cls.needs_bins:
            if shutil.which(binary) is None:
                raise MissingDependency(
                    f"{binary} is not installed (extractor {cls.name}): apt-get install "
                    f"{BIN_PACKAGES.get(binary, binary)}"
                )
        if cls not in BUILTIN_EXTRACTORS:  # built-ins OCR with settings.ocr_languages
            langs.update(cls.needs_langs)
    tesseract.check("+".join(sorted(langs)))


def tesseract_versions(settings: Settings) -> dict[str, str]:
    """Tesseract version and the BLAKE3 of each traineddata used, for the custody ledger."""
    return tesseract.versions(settings.ocr_languages)
