"""Tesseract OCR: words with boxes and confidences, text built from them.

tesseract runs as a subprocess writing its TSV to stdout (no output file); the binary is
pytesseract's `tesseract_cmd` setting. Each page is cleaned and written once (`prepared`) however
many language orders read it (`read_prepared`).

Speed: tesseract's own OpenMP threading is slow on few cores (one A4 page at 300 dpi, ukr+rus+eng:
12 s threaded vs 2 s with OMP_THREAD_LIMIT=1 on 2 cores). So every tesseract process sestry starts
is single-threaded, and a process-wide limiter keeps at most `ocr_workers` of them running,
shared by every caller (pages of one item and items run in parallel by the flow).
Never logs text: only counts, confidences and reason codes.
"""

from __future__ import annotations

import logging
import os
import subprocess
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from sestry.core.errors import MissingDependency, OcrFailed, TransientFailure
from sestry.extractors.base import Segment, Word
from sestry.extractors.deskew import Deskewed, deskew
from sestry.extractors.despeckle import despeckle
from sestry.extractors.ocr_missed import MIN_CONFIDENCE, band_confidence, merge_band, missed_bands
from sestry.extractors.ocr_rules import tidy
from sestry.extractors.textbuild import TextBuilder

if TYPE_CHECKING:
    from PIL import Image

log = logging.getLogger(__name__)

PAGE_TIMEOUT_S = 600
TESSERACT_ENV = {"OMP_THREAD_LIMIT": "1"}
PNG_LEVEL = 1  # zlib level of the page file tesseract reads (see prepared)


class _Limiter:
    """A counting semaphore whose size can change: the latest `ocr_workers` wins."""

    def __init__(self, limit: int) -> None:
        self._cond = threading.Condition()
        self._limit = max(1, limit)
        self._active = 0

    @property
    def limit(self) -> int:
        return self._limit

    def set_limit(self, limit: int) -> None:
        with self._cond:
            self._limit = max(1, limit)
            self._cond.notify_all()

    def __enter__(self) -> _Limiter:
        with self._cond:
            self._cond.wait_for(lambda: self._active < self._limit)
            self._active += 1
        return self

    def __exit__(self, *exc: object) -> None:
        with self._cond:
            self._active -= 1
            self._cond.notify_all()


TESSERACT_SLOTS = _Limiter(os.cpu_count() or 1)


def _tesseract_cmd() -> str:
    """The tesseract binary: pytesseract's `tesseract_cmd` setting (default `tesseract` on PATH),
    so a path configured there keeps working."""
    try:
        import pytesseract.pytesseract as impl
    except ImportError as exc:
        raise MissingDependency("pytesseract is missing: pip install 'sestry[ocr]'") from exc
    return str(impl.tesseract_cmd)


@dataclass(frozen=True)
class PageText:
    """OCR (or text-layer) result of one page, offsets local to `text`."""

    text: str
    words: tuple[Word, ...]
    segments: tuple[Segment, ...]
    confidence: float | None
    width: int
    height: int
    skew: float = 0.0  # degrees the page was turned before OCR (0: read as it was)
    language: str | None = None  # the page's language from its letters (ocr_language.py)
    passes: tuple[str, ...] = ()  # tesseract language orders run on the page, the kept one last


def ocr_image(
    image: Image.Image, languages: str, *, straighten: bool = True
) -> tuple[str, list[Word], float | None]:
    """OCR one image: (text, words with offsets into that text and pixel boxes, mean confidence).

    Boxes are in the pixel coordinates of `image` as given (a skewed page is straightened for
    OCR and the boxes mapped back); words are on page 1. Raises OcrFailed (or
    MissingDependency when tesseract is absent).
    """
    page = ocr_page(image, languages, straighten=straighten)
    return page.text, list(page.words), page.confidence


def ocr_page(
    image: Image.Image, languages: str, page: int = 1, *, straighten: bool = True
) -> PageText:
    """OCR one page image under the shared limiter; see ocr_image. Lone-pixel specks are
    removed first (despeckle.py), then a skewed page is straightened (deskew.py)."""
    with prepared(image, straighten=straighten) as ready:
        return read_prepared(ready, languages, page)


@dataclass(frozen=True)
class Prepared:
    """A page as tesseract reads it: grey, despeckled, straightened, written once as a PNG.

    Why: a page read twice (ocr_extraction's second pass, with its own language first) is
    cleaned and encoded once; only tesseract runs again.
    """

    path: str  # the PNG, in a private (0700) folder that lives as long as the context
    fixed: Deskewed | None  # the straightening, None when the page was read as it was
    size: tuple[int, int]  # the page as given: boxes are mapped back into these pixels
    work: Image.Image  # the page as tesseract reads it (grey, cleaned, straightened)


@contextmanager
def prepared(image: Image.Image, *, straighten: bool = True) -> Iterator[Prepared]:
    """The page cleaned and written for tesseract; the file is removed when the context ends.

    The page goes to tesseract as a PNG in a private (0700) folder, never a world-readable copy
    of a testimony page in /tmp (pytesseract's own temp file has default permissions). PNG, not
    PGM/BMP: measured side by side, tesseract spends ~0.13 s more CPU reading an A4 PGM. zlib
    level 1: the same pixels in half the encoding time of the default level 6 (about 0.06 s
    less CPU on an A4 page at 300 dpi, bench/results/ocr_speed.md), a third larger file.
    """
    gray = despeckle(image if image.mode == "L" else image.convert("L"))
    fixed = deskew(gray) if straighten else None
    work = fixed.image if fixed else gray
    with tempfile.TemporaryDirectory(prefix="sestry-ocr-") as folder:
        source = os.path.join(folder, "page.png")
        try:
            work.save(source, format="PNG", compress_level=PNG_LEVEL)
        except (OSError, ValueError) as exc:
            raise OcrFailed(f"page image not written for OCR ({type(exc).__name__})") from None
        yield Prepared(source, fixed, image.size, work)


def read_prepared(ready: Prepared, languages: str, page: int = 1) -> PageText:
    """One tesseract run on a prepared page, boxes in the pixels of the page as given. Lines of
    ink its layout left out are read again as blocks (ocr_missed.py); specks read as marks are
    dropped and blank fill-in rules put back as underscores (ocr_rules.py)."""
    data = parse_tsv(_run_tesseract(ready.path, languages, page))
    data = tidy(_reread_missed(ready, data, languages, page), ready.work)
    width, height = ready.size
    result = assemble_tsv(data, page, width, height)
    if ready.fixed is None:
        return result
    words = _boxes_back(result.words, ready.fixed, ready.size)
    return replace(result, words=words, skew=ready.fixed.angle)


def _reread_missed(
    ready: Prepared, data: dict[str, list], languages: str, page: int
) -> dict[str, list]:
    """`data` with each band of ink no word covers read again on its own as one block (`--psm
    6`), kept when tesseract is confident there (ocr_missed.py). Costs a tesseract run only
    on a page with such a band."""
    for top, bottom in missed_bands(data, ready.work):
        band = os.path.join(os.path.dirname(ready.path), "band.png")
        try:
            ready.work.crop((0, top, ready.work.width, bottom)).save(
                band, format="PNG", compress_level=PNG_LEVEL
            )
        except (OSError, ValueError) as exc:
            raise OcrFailed(f"band image not written for OCR ({type(exc).__name__})") from None
        read = parse_tsv(_run_tesseract(band, languages, page, ("--psm", "6")))
        if band_confidence(read) >= MIN_CONFIDENCE:
            data = merge_band(data, read, top)
    return data


def _run_tesseract(path: str, languages: str, page: int, extra: tuple[str, ...] = ()) -> str:
    """tesseract's TSV for the page file, read from its stdout under the shared limiter.

    Why not pytesseract's image_to_data: it has tesseract write the TSV (the page's text) to a
    file in $TMPDIR with the process umask, then reads it back; stdout leaves no file. Single
    threaded (OMP_THREAD_LIMIT=1, in the child's environment only). A child killed by a
    signal (OOM, kill -9) is a TransientFailure; any other failure is OcrFailed.
    """
    argv = [
        _tesseract_cmd(),
        path,
        "stdout",
        "-l",
        languages,
        *extra,
        "-c",
        "tessedit_create_tsv=1",
    ]
    try:
        with TESSERACT_SLOTS:
            done = subprocess.run(  # noqa: S603 - fixed argv, no shell
                argv,
                stdin=subprocess.DEVNULL,
                capture_output=True,
                env={**os.environ, **TESSERACT_ENV},
                timeout=PAGE_TIMEOUT_S,
                check=False,
            )
    except FileNotFoundError as exc:
        raise MissingDependency("tesseract is missing: apt-get install tesseract-ocr") from exc
    except (subprocess.TimeoutExpired, OSError) as exc:
        raise OcrFailed(f"tesseract failed on page {page} ({type(exc).__name__})") from None
    if done.returncode < 0:
        signal = -done.returncode
        raise TransientFailure(f"tesseract killed on page {page} (signal {signal})")
    if done.returncode:
        raise OcrFailed(f"tesseract failed on page {page} (exit {done.returncode})")
    try:
        return done.stdout.decode("utf-8")
    except UnicodeDecodeError:
        raise OcrFailed(f"tesseract output on page {page} is not UTF-8") from None


def parse_tsv(tsv: str) -> dict[str, list]:
    """tesseract's TSV as columns, as pytesseract's DICT output gave them: every cell but the
    last column's (the text) an int (confidences truncated), a text missing at the end ''.
    Pure, so it is unit-tested without tesseract."""
    rows = [row.split("\t") for row in tsv.strip().split("\n")]
    header = rows.pop(0) if rows and rows[0] != [""] else []
    if not header:
        raise OcrFailed("tesseract gave no TSV header")
    if rows and len(rows[-1]) < len(header):
        rows[-1].append("")  # the last row's empty text lost to strip()
    text_col = len(header) - 1
    data: dict[str, list] = {}
    for i, head in enumerate(header):
        column: list = []
        for row in rows:
            if len(row) <= i:
                continue
            if i == text_col:
                column.append(row[i])
                continue
            try:
                column.append(int(float(row[i])))
            except ValueError:
                column.append(row[i])
        data[head] = column
    return data


def _boxes_back(
    words: tuple[Word, ...], fixed: Deskewed, size: tuple[int, int]
) -> tuple[Word, ...]:
    """Boxes found on the straightened page, as boxes on the page as given."""
    out = []
    for w in words:
        left, top, width, height = fixed.box_to_original(w.left, w.top, w.width, w.height, size)
        out.append(replace(w, left=left, top=top, width=width, height=height))
    return tuple(out)


def assemble_tsv(data: Mapping[str, list], page: int, width: int, height: int) -> PageText:
    """Build page text from tesseract's TSV rows: words by " ", lines by "\\n", paragraphs by a
    blank line; one segment per paragraph. Pure, so it is unit-tested without tesseract."""
    out = TextBuilder()
    words: list[Word] = []
    segments: list[Segment] = []
    confs: list[float] = []
    para_key = line_key = None
    para_start = None
    for i, token in enumerate(data["text"]):
        token = (token or "").strip()
        if int(data["level"][i]) != 5 or not token:
            continue
        pk = (data["block_num"][i], data["par_num"][i])
        lk = (*pk, data["line_num"][i])
        if pk != para_key:
            if para_start is not None:
                segments.append(Segment(para_start, len(out), page))
            if len(out):
                out.add("\n\n")
            para_start = len(out)
        elif lk != line_key:
            out.add("\n")
        elif len(out):
            out.add(" ")
        para_key, line_key = pk, lk
        start, end = out.add(token)
        conf = float(data["conf"][i])
        conf_value = conf if conf >= 0 else None
        if conf_value is not None:
            confs.append(conf_value)
        words.append(
            Word(
                page=page,
                index=len(words),
                start=start,
                end=end,
                left=int(data["left"][i]),
                top=int(data["top"][i]),
                width=int(data["width"][i]),
                height=int(data["height"][i]),
                confidence=conf_value,
            )
        )
    if para_start is not None:
        segments.append(Segment(para_start, len(out), page))
    mean = sum(confs) / len(confs) if confs else None
    return PageText(out.text(), tuple(words), tuple(segments), mean, width, height)


def map_pages(
    func: Callable[[int, Image.Image], PageText],
    pages: Iterable[tuple[int, Image.Image]],
    workers: int,
) -> list[PageText]:
    """Run func(page_number, image) over (page_number, image) pairs in parallel, in order.

    At most 2 x workers pages are rendered and waiting at once, so a long PDF never holds all
    its pages in memory. The tesseract limiter is resized to `workers`.
    """
    TESSERACT_SLOTS.set_limit(workers)
    results: list[PageText] = []
    pending: deque[Future[PageText]] = deque()
    with ThreadPoolExecutor(max_workers=max(1, workers), thread_name_prefix="ocr") as pool:
        try:
            for number, image in pages:
                pending.append(pool.submit(func, number, image))
                while len(pending) >= 2 * max(1, workers):
                    results.append(pending.popleft().result())
            while pending:
                results.append(pending.popleft().result())
        finally:
            for fut in pending:
                fut.cancel()
    return results


def join_pages(pages: list[PageText]) -> tuple[str, tuple[Word, ...], tuple[Segment, ...]]:
    """Concatenate pages with a form feed between them, shifting offsets; renumber words."""
    out = TextBuilder()
    words: list[Word] = []
    segments: list[Segment] = []
    for n, page in enumerate(pages):
        if n:
            out.add("\f")
        base, _ = out.add(page.text)
        for w in page.words:
            words.append(replace(w, index=len(words), start=w.start + base, end=w.end + base))
        segments.extend(replace(s, start=s.start + base, end=s.end + base) for s in page.segments)
    return out.text(), tuple(words), tuple(segments)


def mean_confidence(pages: list[PageText]) -> float | None:
    """Document confidence: mean over every word with a confidence, all pages together."""
    confs = [w.confidence for p in pages for w in p.words if w.confidence is not None]
    return sum(confs) / len(confs) if confs else None
