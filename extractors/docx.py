"""Word documents (.docx): paragraphs and table cells in document order, one segment each.

A docx is a zip: its uncompressed size is checked before parsing (zip-bomb guard).
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

from sestry.core.errors import CorruptItem, MissingDependency, TooLarge
from sestry.extractors import sniff
from sestry.extractors.base import Extraction, Extractor, ItemInfo, Segment
from sestry.extractors.speakers import parse_line_head
from sestry.extractors.textbuild import TextBuilder, read_nonempty, require_text

MAX_UNCOMPRESSED = 256 * 1024 * 1024


class DocxDocument(Extractor):
    """Office Open XML word-processing documents, via python-docx."""

    name: ClassVar[str] = "docx"
    version: ClassVar[str] = "1"
    media_types: ClassVar[frozenset[str]] = frozenset({sniff.DOCX})
    score: ClassVar[int] = 10

    def extract(self, path: Path, item: ItemInfo) -> Extraction:
        """Read paragraphs; CorruptItem for a damaged package, TooLarge for a zip bomb."""
        read_nonempty(path)
        images = _check_zip(path)
        out = TextBuilder()
        segments: list[Segment] = []
        for paragraph in _paragraphs(path):
            body = paragraph.strip()
            if not body:
                continue
            if len(out):
                out.add("\n")
            head = parse_line_head(body)
            if head.content_start:
                out.add(body[: head.content_start])
            start, end = out.add(body[head.content_start :])
            segments.append(Segment(start, end, None, head.speaker, head.t_start))
        text = out.text()
        require_text(text, "docx")
        # Text inside pictures (a scan pasted into Word) is not read: say so, for the staff.
        notes = (f"embedded_images:{images}",) if images else ()
        return Extraction(
            kind="document",
            method="transcript",
            text=text,
            segments=tuple(segments),
            notes=notes,
        )


def _check_zip(path: Path) -> int:
    """Declared sizes first (zip-bomb guard, nothing inflated), then every member's CRC;
    return the number of embedded media files.

    zipfile stops inflating a member at its declared size, so the CRC pass is bounded too.
    """
    failure = None
    try:
        with zipfile.ZipFile(path) as zf:
            total = sum(info.file_size for info in zf.infolist())
            if total > MAX_UNCOMPRESSED:
                raise TooLarge(f"docx expands to {total} bytes")
            bad = zf.testzip()
            images = sum(1 for name in zf.namelist() if name.startswith("word/media/"))
    except (
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        EOFError,
        ValueError,
        NotImplementedError,  # an unsupported zip version or compression
        RuntimeError,  # an encrypted zip member
        KeyError,
    ) as exc:
        failure = type(exc).__name__
    if failure is not None:
        raise CorruptItem(f"damaged docx package ({failure})")
    if bad is not None:
        raise CorruptItem("docx member fails its CRC check")
    return images


def _paragraphs(path: Path) -> Iterator[str]:
    try:
        import docx
        from docx.table import Table
    except ImportError:  # pragma: no cover - depends on the install
        raise MissingDependency(
            "python-docx is missing: pip install 'sestry[transcripts]'"
        ) from None
    failure = None
    try:
        document = docx.Document(str(path))
        blocks = list(document.iter_inner_content())
    except Exception as exc:  # noqa: BLE001 - library errors become CorruptItem at the boundary
        failure = type(exc).__name__
    if failure is not None:  # raised outside the handler: XML errors may quote content
        raise CorruptItem(f"unreadable docx ({failure})")
    for block in blocks:
        if isinstance(block, Table):
            yield from _table_paragraphs(block)
        else:
            yield block.text


def _table_paragraphs(table: object) -> Iterator[str]:
    seen: set[object] = set()  # the cell elements themselves: merged cells repeat
    for row in table.rows:  # type: ignore[attr-defined]
        for cell in row.cells:
            if cell._tc in seen:
                continue
            seen.add(cell._tc)
            for paragraph in cell.paragraphs:
                yield paragraph.text
