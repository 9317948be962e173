"""Media type from content: magic bytes and text heuristics, never the file name.

The name's extension is only compared with what the content says, so a lying name is recorded
(`extension_mismatch`) but never obeyed.
"""

from __future__ import annotations

import json
import re
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePath

HEAD_BYTES = 64 * 1024
JSON_SNIFF_LIMIT = 64 * 1024 * 1024  # larger JSON is not parsed during sniffing

EMPTY = "application/x-empty"
OCTET = "application/octet-stream"
TEXT = "text/plain"
VTT = "text/vtt"
SRT = "application/x-subrip"
JSON_TYPE = "application/json"
WHISPER = "application/x-whisper+json"
PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
TIFF = "image/tiff"
BMP = "image/bmp"
WEBP = "image/webp"
GIF = "image/gif"
WAV = "audio/wav"
MP3 = "audio/mpeg"
M4A = "audio/mp4"
OGG = "audio/ogg"
FLAC = "audio/flac"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ZIP = "application/zip"
RTF = "application/rtf"  # no extractor: quarantined as unsupported rather than read as markup
CFB = "application/x-cfb"  # OLE compound file: legacy .doc/.xls, or a password-protected .docx

KINDS: dict[str, str] = {
    TEXT: "transcript",
    VTT: "transcript",
    SRT: "transcript",
    WHISPER: "transcript",
    PDF: "pdf",
    PNG: "scan",
    JPEG: "scan",
    TIFF: "scan",
    BMP: "scan",
    WEBP: "scan",
    GIF: "scan",
    WAV: "audio",
    MP3: "audio",
    M4A: "audio",
    OGG: "audio",
    FLAC: "audio",
    DOCX: "document",
    CFB: "document",
}

_TRANSCRIPT_TYPES = frozenset({TEXT, SRT, VTT})
EXTENSION_TYPES: dict[str, frozenset[str]] = {
    ".txt": _TRANSCRIPT_TYPES,
    ".text": _TRANSCRIPT_TYPES,
    ".srt": frozenset({SRT, TEXT}),
    ".vtt": frozenset({VTT}),
    ".json": frozenset({JSON_TYPE, WHISPER}),
    ".pdf": frozenset({PDF}),
    ".png": frozenset({PNG}),
    ".jpg": frozenset({JPEG}),
    ".jpeg": frozenset({JPEG}),
    ".tif": frozenset({TIFF}),
    ".tiff": frozenset({TIFF}),
    ".bmp": frozenset({BMP}),
    ".webp": frozenset({WEBP}),
    ".gif": frozenset({GIF}),
    ".wav": frozenset({WAV}),
    ".mp3": frozenset({MP3}),
    ".m4a": frozenset({M4A}),
    ".mp4": frozenset({M4A}),
    ".ogg": frozenset({OGG}),
    ".oga": frozenset({OGG}),
    ".opus": frozenset({OGG}),
    ".flac": frozenset({FLAC}),
    ".docx": frozenset({DOCX, CFB}),  # an encrypted .docx is a compound file
    ".doc": frozenset({CFB, RTF}),
    ".rtf": frozenset({RTF}),
    ".zip": frozenset({ZIP, DOCX}),
}

_BOMS = (b"\xef\xbb\xbf", b"\xff\xfe", b"\xfe\xff")
_SRT_HEAD = re.compile(r"\A\s*\d+\s*\r?\n\s*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}\s*-->")
_CONTROL = frozenset(range(0x20)) - frozenset(b"\t\n\r\f\x1b")


@dataclass(frozen=True)
class Sniffed:
    """What the content is, and whether the name claimed something else."""

    media_type: str
    kind: str  # transcript | audio | scan | pdf | document | unknown
    extension_mismatch: bool


def kind_of(media_type: str) -> str:
    """Map a sniffed media type to a document kind ("unknown" when no extractor family)."""
    return KINDS.get(media_type, "unknown")


def extension_mismatch(name: str, media_type: str) -> bool:
    """True when the name's extension names a known type other than the content's."""
    if media_type == EMPTY:
        return False
    expected = EXTENSION_TYPES.get(PurePath(name).suffix.lower())
    return expected is not None and media_type not in expected


def sniff(path: Path) -> Sniffed:
    """Sniff `path` from its bytes; the name is only compared, never trusted."""
    media_type = sniff_type(path)
    return Sniffed(media_type, kind_of(media_type), extension_mismatch(path.name, media_type))


def sniff_type(path: Path) -> str:
    """Return the media type of the file's content."""
    with path.open("rb") as fh:
        head = fh.read(HEAD_BYTES)
    if not head:
        return EMPTY
    binary = _magic(head, path)
    if binary is not None:
        return binary
    if not _looks_like_text(head):
        return OCTET
    return _text_subtype(head, path)


def _magic(head: bytes, path: Path) -> str | None:
    if head.startswith(b"%PDF-") or (b"%PDF-" in head[:1024] and not _has_bom(head)):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:4] in (b"II*\x00", b"MM\x00*", b"II+\x00", b"MM\x00+"):
        return TIFF
    if head[:2] == b"BM" and len(head) >= 26:
        return BMP
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WAVE":
        return WAV
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[:4] == b"fLaC":
        return FLAC
    if head[:4] == b"OggS":
        return OGG
    if head[4:8] == b"ftyp" and head[8:12] in (b"M4A ", b"M4B ", b"mp42", b"isom", b"dash"):
        return M4A
    mpeg_sync = len(head) > 1 and head[0] == 0xFF and head[1] & 0xE0 == 0xE0
    if (head[:3] == b"ID3" or mpeg_sync) and not _looks_like_text(head):
        return MP3
    if head[:4] == b"PK\x03\x04":
        return _zip_type(path)
    if head[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        return CFB
    return None


def _zip_type(path: Path) -> str:
    try:
        with zipfile.ZipFile(path) as zf:
            names = set(zf.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, RuntimeError, EOFError):
        return ZIP  # damaged or exotic zip: still a zip; no extractor will take it
    if "word/document.xml" in names and "[Content_Types].xml" in names:
        return DOCX
    return ZIP


def _has_bom(head: bytes) -> bool:
    return head.startswith(_BOMS)


def _looks_like_text(head: bytes) -> bool:
    """No NULs and almost no control bytes, or a Unicode BOM."""
    if _has_bom(head):
        return True
    if b"\x00" in head:
        return False
    controls = sum(1 for b in head if b in _CONTROL)
    return controls <= max(1, len(head) // 200)


def _text_subtype(head: bytes, path: Path) -> str:
    sample = _decode_head(head)
    stripped = sample.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{\\rtf"):
        return RTF
    if stripped.startswith("WEBVTT"):
        return VTT
    if _SRT_HEAD.match(stripped):
        return SRT
    if stripped.startswith("{") and path.stat().st_size <= JSON_SNIFF_LIMIT:
        return _json_subtype(path)
    return TEXT


def _decode_head(head: bytes) -> str:
    if head.startswith(b"\xff\xfe"):
        return head[2:].decode("utf-16-le", errors="replace")
    if head.startswith(b"\xfe\xff"):
        return head[2:].decode("utf-16-be", errors="replace")
    return head.decode("utf-8", errors="replace")


def _json_subtype(path: Path) -> str:
    try:
        data = json.loads(path.read_bytes().decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return TEXT
    if isinstance(data, dict) and isinstance(data.get("segments"), list):
        return WHISPER
    return JSON_TYPE
