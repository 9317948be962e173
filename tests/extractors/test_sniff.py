"""Type sniffing from content: every sample, lying names, magic bytes of each audio family."""

from __future__ import annotations

import shutil
import struct
from pathlib import Path

import pytest

from sestry.extractors import sniff as sniff_mod
from sestry.extractors.sniff import EXTENSION_TYPES, Sniffed, extension_mismatch, kind_of, sniff

from .conftest import EXPECTED


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_sniff_matches_expected_media_type_and_kind(samples: Path, name: str) -> None:
    exp = EXPECTED[name]
    got = sniff(samples / name)
    assert got.media_type == exp["media_type"]
    assert got.kind == exp["kind"]
    assert got.extension_mismatch is exp.get("extension_mismatch", False)


def test_empty_file_is_application_x_empty(tmp_path: Path) -> None:
    path = tmp_path / "nothing.pdf"
    path.write_bytes(b"")
    assert sniff(path) == Sniffed("application/x-empty", "unknown", False)


def test_png_named_txt_is_png_and_flagged(samples: Path, tmp_path: Path) -> None:
    lying = tmp_path / "statement.txt"
    shutil.copy(samples / "scan_uk_clean.png", lying)
    assert sniff(lying) == Sniffed("image/png", "scan", True)


def test_docx_is_found_by_content_whatever_its_name(samples: Path, tmp_path: Path) -> None:
    hidden = tmp_path / "archive.bin"
    shutil.copy(samples / "interview_uk.docx", hidden)
    got = sniff(hidden)
    assert got.media_type == sniff_mod.DOCX
    assert got.kind == "document"
    assert got.extension_mismatch is False  # .bin says nothing known


def test_pdf_named_jpg_is_a_pdf_with_mismatch(samples: Path, tmp_path: Path) -> None:
    path = tmp_path / "photo.jpg"
    shutil.copy(samples / "statement_uk_textlayer.pdf", path)
    assert sniff(path) == Sniffed("application/pdf", "pdf", True)


def _riff_wave() -> bytes:
    fmt = struct.pack("<HHIIHH", 1, 1, 8000, 16000, 2, 16)
    return b"RIFF" + struct.pack("<I", 36) + b"WAVE" + b"fmt " + struct.pack("<I", 16) + fmt


@pytest.mark.parametrize(
    ("head", "media_type"),
    [
        (_riff_wave(), "audio/wav"),
        (b"ID3\x04\x00\x00\x00\x00\x00\x00" + b"\x00" * 32, "audio/mpeg"),
        (b"\xff\xfb\x90\x00" + b"\x00" * 64, "audio/mpeg"),
        (b"\x00\x00\x00\x20ftypM4A \x00\x00\x00\x00" + b"\x00" * 16, "audio/mp4"),
        (b"OggS\x00\x02" + b"\x00" * 40, "audio/ogg"),
        (b"fLaC\x00\x00\x00\x22" + b"\x00" * 40, "audio/flac"),
        (b"II*\x00\x08\x00\x00\x00" + b"\x00" * 16, "image/tiff"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "application/pdf"),
        (b"PK\x03\x04" + b"\x00" * 40, "application/zip"),
        (b"\x00\x01\x02\x03binary", "application/octet-stream"),
        (b"WEBVTT\n\n00:01.000 --> 00:02.000\nhi\n", "text/vtt"),
        (b"1\n00:00:01,000 --> 00:00:02,000\nhi\n", "application/x-subrip"),
        (b'{"text": "x", "segments": []}', "application/x-whisper+json"),
        (b'{"rows": [1, 2]}', "application/json"),
        (b"{\\rtf1\\ansi\\deff0 {\\fonttbl {\\f0 Times;}} hi}", "application/rtf"),
        ("Свідок: так".encode("cp1251"), "text/plain"),
        ("Свідок: так".encode("koi8-u"), "text/plain"),
        (b"\xff\xfe" + "Свідок: так".encode("utf-16-le"), "text/plain"),
    ],
)
def test_magic_bytes(tmp_path: Path, head: bytes, media_type: str) -> None:
    path = tmp_path / "item"
    path.write_bytes(head)
    assert sniff(path).media_type == media_type


def test_kinds_cover_every_extension_type() -> None:
    for types in EXTENSION_TYPES.values():
        for media_type in types:
            if media_type not in ("application/json", "application/zip", "application/rtf"):
                assert kind_of(media_type) != "unknown", media_type


def test_extension_mismatch_ignores_unknown_and_compatible_names() -> None:
    assert extension_mismatch("a.srt", "text/plain") is False
    assert extension_mismatch("a.TXT", "application/x-subrip") is False
    assert extension_mismatch("a", "image/png") is False
    assert extension_mismatch("a.png", "image/jpeg") is True
