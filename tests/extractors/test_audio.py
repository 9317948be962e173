"""Audio: duration and format, never text; damaged headers are corrupt."""

from __future__ import annotations

import struct
from pathlib import Path

import pytest

from sestry.core.errors import CorruptItem, EmptyItem


def test_wav_sample(run, samples: Path, expected: dict) -> None:
    result = run(samples / "interview_uk.wav")
    assert (result.kind, result.method, result.text) == ("audio", "none", "")
    assert result.duration_s == pytest.approx(expected["interview_uk.wav"]["duration_s"])
    assert "format:wav" in result.notes


def _flac(rate: int, seconds: int) -> bytes:
    """A FLAC stream header (STREAMINFO only): enough for a duration."""
    total = rate * seconds
    info = struct.pack(">HH", 4096, 4096) + b"\x00\x00\x00" * 2
    packed = (rate << 44) | (0 << 41) | (15 << 36) | total  # mono, 16 bit
    info += packed.to_bytes(8, "big") + b"\x00" * 16
    return b"fLaC" + bytes([0x80]) + len(info).to_bytes(3, "big") + info


def test_flac_duration_from_mutagen(run, tmp_path: Path) -> None:
    path = tmp_path / "rec.flac"
    path.write_bytes(_flac(44100, 3))
    result = run(path)
    assert result.kind == "audio"
    assert result.duration_s == pytest.approx(3.0)
    assert "format:flac" in result.notes


def test_damaged_wav_is_corrupt(run, samples: Path, tmp_path: Path) -> None:
    path = tmp_path / "rec.wav"
    path.write_bytes((samples / "interview_uk.wav").read_bytes()[:20])
    with pytest.raises(CorruptItem):
        run(path)


def test_damaged_mp3_is_corrupt(run, tmp_path: Path) -> None:
    path = tmp_path / "rec.mp3"
    path.write_bytes(b"ID3\x04\x00\x00\x00\x00\x00\x10" + b"\x00" * 8)
    with pytest.raises(CorruptItem):
        run(path)


def test_empty_audio_is_empty(run, tmp_path: Path) -> None:
    path = tmp_path / "rec.wav"
    path.write_bytes(b"")
    with pytest.raises(EmptyItem):
        run(path)
