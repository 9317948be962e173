"""Audio recordings: no speech recognition. Duration and format only, text "".

This is the one documented exception to "never return empty text": an audio item is preserved and
described (kind "audio", method "none"); its words come from a linked transcript (sidecar `audio`).
"""

from __future__ import annotations

import contextlib
import wave
from pathlib import Path
from typing import ClassVar

from sestry.core.errors import CorruptItem, MissingDependency
from sestry.extractors import sniff
from sestry.extractors.base import Extraction, Extractor, ItemInfo
from sestry.extractors.textbuild import read_nonempty

AUDIO_TYPES = frozenset({sniff.WAV, sniff.MP3, sniff.M4A, sniff.OGG, sniff.FLAC})


class AudioRecording(Extractor):
    """WAV, MP3, M4A, Ogg (Vorbis/Opus), FLAC: duration from the container headers."""

    name: ClassVar[str] = "audio"
    version: ClassVar[str] = "1"
    media_types: ClassVar[frozenset[str]] = AUDIO_TYPES
    score: ClassVar[int] = 10

    def extract(self, path: Path, item: ItemInfo) -> Extraction:
        """Return kind "audio", method "none", text "", duration_s; CorruptItem if unreadable."""
        read_nonempty(path)
        duration, fmt = audio_duration(path, item.media_type)
        return Extraction(
            kind="audio",
            method="none",
            text="",
            duration_s=duration,
            notes=(f"format:{fmt}",),
        )


def audio_duration(path: Path, media_type: str) -> tuple[float, str]:
    """(seconds, format name); stdlib `wave` for PCM WAV, mutagen for the rest."""
    if media_type == sniff.WAV:
        with contextlib.suppress(wave.Error, EOFError), wave.open(str(path), "rb") as wav:
            rate = wav.getframerate()
            if rate > 0:
                return wav.getnframes() / rate, "wav"
    try:
        import mutagen
    except ImportError:
        raise MissingDependency("mutagen is missing: pip install 'sestry[ocr]'") from None
    try:
        parsed = mutagen.File(str(path))
    except Exception as exc:  # noqa: BLE001 - mutagen raises many types; all mean unreadable
        raise CorruptItem(f"audio headers unreadable ({type(exc).__name__})") from None
    length = getattr(getattr(parsed, "info", None), "length", None)
    if parsed is None or not isinstance(length, int | float) or length < 0:
        raise CorruptItem("audio headers unreadable")
    return float(length), type(parsed).__name__.lower()
