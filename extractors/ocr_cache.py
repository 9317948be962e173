"""Re-OCR of redacted pages, cached by the page's pixels: once per redaction, none at handoff.

A redacted page is OCRed by the recheck pass, by validation and again by handoff's
re-validation; the pixels are the same each time. The result is kept under
`DATA/cache/ocr/<2 hex>/<key>.json`, written once through `core/durable.py`, where `key` is the
BLAKE3 of the grey pixels tesseract is given (mode, size, bytes) plus the OCR languages in their
order ("rus+ukr+eng" and "ukr+rus+eng" read differently), the deskew setting, the tesseract
version and FORMAT (bumped when sestry's own preprocessing changes, e.g. despeckling): a changed
page, language order, preprocessing or tesseract is a new key.
The entries hold OCR text of *redacted* pages, as sensitive as the redaction folders beside them
(files 0600, the data dir's permissions). Never logs text.
"""

from __future__ import annotations

import json
import logging
import threading
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from blake3 import blake3

from sestry.core.durable import create_exclusive, ensure_dir, write_atomic
from sestry.extractors.base import Word
from sestry.extractors.ocr import ocr_image

if TYPE_CHECKING:
    from PIL import Image

log = logging.getLogger(__name__)

FORMAT = "sestry-ocr-cache/2"  # 2: pages despeckled before OCR (same pixels, new text)
OcrResult = tuple[str, list[Word], float | None]


class OcrRuns:
    """How many times tesseract really ran through a cache (tests and benchmarks read it)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.count = 0

    def add(self) -> None:
        with self._lock:
            self.count += 1


RUNS = OcrRuns()


@lru_cache(maxsize=1)
def tesseract_version() -> str:
    """The installed tesseract's version (part of every key); one subprocess per process."""
    import pytesseract

    return str(pytesseract.get_tesseract_version())


def page_key(image: Image.Image, languages: str, *, straighten: bool = True) -> str:
    """BLAKE3 of the grey pixels and the OCR settings: the cache key of one page image."""
    gray = image if image.mode == "L" else image.convert("L")
    hasher = blake3()
    head = f"{FORMAT}\0{languages}\0{straighten}\0{tesseract_version()}\0{gray.size}\0"
    hasher.update(head.encode("utf-8"))
    hasher.update(gray.tobytes())
    return hasher.hexdigest()


class OcrCache:
    """OCR results of page images, content-addressed under `folder` (None: no cache, OCR always)."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder

    def ocr(self, image: Image.Image, languages: str, *, straighten: bool = True) -> OcrResult:
        """`ocr_image(image, languages)`, from the cache when these pixels were OCRed before."""
        if self.folder is None:
            RUNS.add()
            return ocr_image(image, languages, straighten=straighten)
        key = page_key(image, languages, straighten=straighten)
        path = self.folder / key[:2] / f"{key}.json"
        found = _read(path, key)
        if found is not None:
            return found
        RUNS.add()
        result = ocr_image(image, languages, straighten=straighten)
        _write(path, key, result, replace=path.exists())  # exists here: unreadable, replaced
        return result


def cache_for(data_dir: Path) -> OcrCache:
    """The data dir's OCR cache (`DATA/cache/ocr`)."""
    return OcrCache(data_dir / "cache" / "ocr")


def _read(path: Path, key: str) -> OcrResult | None:
    try:
        data = json.loads(path.read_bytes())
        if data.get("key") != key or data.get("format") != FORMAT:
            raise ValueError("foreign entry")
        words = [Word(*row) for row in data["words"]]
        return str(data["text"]), words, data["confidence"]
    except FileNotFoundError:
        return None
    except (OSError, ValueError, TypeError, KeyError, AttributeError):
        log.warning("OCR cache entry %s unreadable; OCRing again", key[:12])
        return None


def _write(path: Path, key: str, result: OcrResult, *, replace: bool) -> None:
    text, words, confidence = result
    rows = [
        [w.page, w.index, w.start, w.end, w.left, w.top, w.width, w.height, w.confidence]
        for w in words
    ]
    data = {"format": FORMAT, "key": key, "text": text, "words": rows, "confidence": confidence}
    body = json.dumps(data, ensure_ascii=False).encode("utf-8")
    ensure_dir(path.parent)
    if replace:
        write_atomic(path, body)
        return
    try:
        create_exclusive(path, body)  # write-once: same key, same pixels, same result
    except FileExistsError:
        return
