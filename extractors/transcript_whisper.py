"""Whisper / WhisperX JSON: one segment per Whisper segment, with its start and end seconds.

Word-level entries (where present) become `Word`s on page 0 with an empty box: they carry exact
offsets and the recogniser's probability (x100) as confidence, but no pixels, since a transcript
has no page image.
"""

from __future__ import annotations

import json
import math
import unicodedata
from pathlib import Path
from typing import Any, ClassVar

from sestry.core.errors import CorruptItem
from sestry.extractors import sniff
from sestry.extractors.base import Extraction, Extractor, ItemInfo, Segment, Word
from sestry.extractors.speakers import parse_line_head
from sestry.extractors.textbuild import TextBuilder, read_nonempty, require_text
from sestry.extractors.textdecode import decode_text


class WhisperTranscript(Extractor):
    """Output of OpenAI Whisper (`--output_format json`) or WhisperX (with `speaker`)."""

    name: ClassVar[str] = "transcript_whisper"
    version: ClassVar[str] = "1"
    media_types: ClassVar[frozenset[str]] = frozenset({sniff.WHISPER})
    score: ClassVar[int] = 10

    def extract(self, path: Path, item: ItemInfo) -> Extraction:
        """Parse segments; CorruptItem on malformed JSON or segments, never logs text."""
        raw, _ = decode_text(read_nonempty(path))
        data = _parse(raw)
        if not isinstance(data, dict) or not isinstance(data.get("segments"), list):
            raise CorruptItem("no segments list")
        out = TextBuilder()
        segments: list[Segment] = []
        words: list[Word] = []
        for n, seg in enumerate(data["segments"]):
            if not isinstance(seg, dict):
                raise CorruptItem(f"segment {n} is not an object")
            _add_segment(out, seg, n, segments, words)
        text = out.text()
        require_text(text, "whisper json")
        return Extraction(
            kind="transcript",
            method="transcript",
            text=text,
            segments=tuple(segments),
            words=tuple(words),
        )


def _parse(raw: str) -> Any:
    """json.loads; a JSONDecodeError holds the whole document, so it is never chained."""
    try:
        return json.loads(raw)
    except ValueError as exc:
        line = getattr(exc, "lineno", "?")
    raise CorruptItem(f"invalid JSON at line {line}")


def _seconds(value: Any, n: int) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        raise CorruptItem(f"segment {n} has a non-numeric time")
    return float(value)


def _add_segment(
    out: TextBuilder, seg: dict, n: int, segments: list[Segment], words: list[Word]
) -> None:
    seg_words = [w for w in seg.get("words") or [] if isinstance(w, dict)]
    utterance = seg.get("text")
    if not isinstance(utterance, str):
        utterance = "".join(str(w.get("word", "")) for w in seg_words)
    utterance = utterance.strip()
    if not utterance:
        return
    speaker = seg.get("speaker") if isinstance(seg.get("speaker"), str) else None
    if speaker is None:
        head = parse_line_head(utterance)
        if head.speaker is not None:
            speaker = head.speaker
            utterance = utterance[head.content_start :].strip()
    if len(out):
        out.add("\n")
    if speaker:
        out.add(f"{speaker}: ")
    start, end = out.add(utterance)
    segments.append(
        Segment(
            start, end, None, speaker, _seconds(seg.get("start"), n), _seconds(seg.get("end"), n)
        )
    )
    body = unicodedata.normalize("NFC", utterance)  # what the builder appended
    cursor = 0
    for w in seg_words:
        token = str(w.get("word", "")).strip()
        at = body.find(token, cursor) if token else -1
        if at < 0:
            continue
        cursor = at + len(token)
        prob = w.get("probability", w.get("score"))
        conf = float(prob) * 100 if isinstance(prob, int | float) and math.isfinite(prob) else None
        words.append(Word(0, len(words), start + at, start + cursor, 0, 0, 0, 0, conf))
