"""Plain-text transcripts: encoding detected, NFC, one segment per speaker turn or paragraph."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from sestry.extractors import sniff
from sestry.extractors.base import Extraction, Extractor, ItemInfo, Segment
from sestry.extractors.speakers import parse_line_head
from sestry.extractors.textbuild import read_nonempty, require_text
from sestry.extractors.textdecode import decode_text


class PlainTextTranscript(Extractor):
    """A `.txt` transcript; the decoded text is kept as is, labels included."""

    name: ClassVar[str] = "transcript_text"
    version: ClassVar[str] = "1"
    media_types: ClassVar[frozenset[str]] = frozenset({sniff.TEXT})
    score: ClassVar[int] = 5

    def extract(self, path: Path, item: ItemInfo) -> Extraction:
        """Decode, then cut into turns; raise UndecodableText / EmptyItem, never log text."""
        text, encoding = decode_text(read_nonempty(path))
        require_text(text, "transcript")
        return Extraction(
            kind="transcript",
            method="transcript",
            text=text,
            segments=tuple(segment_turns(text)),
            notes=(f"encoding:{encoding}",),
        )


def segment_turns(text: str) -> list[Segment]:
    """One segment per speaker turn when lines carry labels, else one per paragraph.

    A segment spans the utterance after the label; unlabelled lines continue the open turn
    (blank lines end a paragraph only in unlabelled text).
    """
    segments: list[Segment] = []
    open_seg: list | None = None  # [start, end, speaker, t_start]
    offset = 0
    for raw in text.splitlines(keepends=True):
        line = raw.rstrip("\r\n")
        line_start = offset
        offset += len(raw)
        body = line.rstrip()
        if not body.strip():
            if open_seg is not None and open_seg[2] is None:
                segments.append(_close(open_seg))
                open_seg = None
            continue
        head = parse_line_head(body)
        content_start = line_start + head.content_start
        content_start += len(body[head.content_start :]) - len(body[head.content_start :].lstrip())
        content_end = line_start + len(body)
        if head.speaker is not None or head.t_start is not None or open_seg is None:
            if open_seg is not None:
                segments.append(_close(open_seg))
            open_seg = [content_start, content_end, head.speaker, head.t_start]
        else:
            open_seg[1] = content_end
    if open_seg is not None:
        segments.append(_close(open_seg))
    return [s for s in segments if s.end > s.start]


def _close(seg: list) -> Segment:
    return Segment(start=seg[0], end=seg[1], speaker=seg[2], t_start=seg[3])
