"""SubRip (.srt) and WebVTT (.vtt) transcripts: one segment per cue (per voice within a cue).

The text is rebuilt from the cue payloads, one line per cue, "Speaker: utterance" when a voice or
label names the speaker, so names in labels stay in the text where redaction can find them.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import ClassVar

from sestry.core.errors import CorruptItem
from sestry.extractors import sniff
from sestry.extractors.base import Extraction, Extractor, ItemInfo, Segment
from sestry.extractors.speakers import parse_line_head, parse_time
from sestry.extractors.textbuild import TextBuilder, read_nonempty, require_text
from sestry.extractors.textdecode import decode_text

_ARROW = re.compile(r"^\s*(?P<a>[\d:.,]+)\s*-->\s*(?P<b>[\d:.,]+)")
_VOICE = re.compile(r"<v(?:\.[\w.-]+)?\s+(?P<who>[^>]+)>")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>|<\d[\d:.]*>")
_BLOCK_SPLIT = re.compile(r"\r?\n[ \t]*\r?\n")


@dataclass(frozen=True)
class Cue:
    """One subtitle cue: its times and its payload lines (tags still in)."""

    t_start: float | None
    t_end: float | None
    lines: tuple[str, ...]


def parse_cues(text: str) -> Iterator[Cue]:
    """Yield cues of an SRT or VTT body; headers, NOTE/STYLE/REGION blocks are skipped."""
    for block in _BLOCK_SPLIT.split(text.lstrip("\ufeff")):
        lines = [ln for ln in block.splitlines() if ln.strip()]
        for i, line in enumerate(lines[:2]):
            match = _ARROW.match(line)
            if match:
                yield Cue(
                    parse_time(match.group("a")),
                    parse_time(match.group("b")),
                    tuple(lines[i + 1 :]),
                )
                break


def build(cues: Iterator[Cue]) -> tuple[str, list[Segment]]:
    """Rebuild the text from cues; one segment per cue, or per voice when a cue has several."""
    out = TextBuilder()
    segments: list[Segment] = []
    for cue in cues:
        for speaker, utterance in _turns(cue.lines):
            if not utterance:
                continue
            if len(out):
                out.add("\n")
            if speaker:
                out.add(f"{speaker}: ")
            start, end = out.add(utterance)
            segments.append(Segment(start, end, None, speaker, cue.t_start, cue.t_end))
    return out.text(), segments


def _turns(lines: tuple[str, ...]) -> list[tuple[str | None, str]]:
    """Group a cue's lines into (speaker, utterance); a new voice or label starts a new turn."""
    turns: list[list] = []
    for raw in lines:
        voice = _VOICE.search(raw)
        plain = html.unescape(_TAG.sub("", raw)).strip()
        speaker = voice.group("who").strip() if voice else None
        if speaker is None:
            head = parse_line_head(plain)
            if head.speaker is not None:
                speaker, plain = head.speaker, plain[head.content_start :].strip()
        if speaker is not None or not turns:
            turns.append([speaker, [plain]])
        else:
            turns[-1][1].append(plain)
    return [(who, "\n".join(p for p in parts if p)) for who, parts in turns]


class _SubtitleTranscript(Extractor):
    kind_label: ClassVar[str] = "subtitles"

    def extract(self, path: Path, item: ItemInfo) -> Extraction:
        """Parse cues; CorruptItem when none parse, EmptyItem when they hold no words."""
        raw, encoding = decode_text(read_nonempty(path))
        cues = list(parse_cues(raw))
        if not cues:
            raise CorruptItem(f"no {self.kind_label} cues")
        text, segments = build(iter(cues))
        require_text(text, self.kind_label)
        return Extraction(
            kind="transcript",
            method="transcript",
            text=text,
            segments=tuple(segments),
            notes=(f"encoding:{encoding}",),
        )


class SrtTranscript(_SubtitleTranscript):
    """SubRip subtitles."""

    name: ClassVar[str] = "transcript_srt"
    version: ClassVar[str] = "1"
    media_types: ClassVar[frozenset[str]] = frozenset({sniff.SRT})
    score: ClassVar[int] = 10
    kind_label: ClassVar[str] = "srt"


class VttTranscript(_SubtitleTranscript):
    """WebVTT captions, `<v Speaker>` voices become segment speakers."""

    name: ClassVar[str] = "transcript_vtt"
    version: ClassVar[str] = "1"
    media_types: ClassVar[frozenset[str]] = frozenset({sniff.VTT})
    score: ClassVar[int] = 10
    kind_label: ClassVar[str] = "vtt"
