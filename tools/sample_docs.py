"""Sample file writers for formats that need a library: SRT, VTT, Whisper JSON, DOCX, PDFs.

Fixed timestamps and ids everywhere, so regenerating gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from pathlib import Path

from PIL import Image

from tools.synth_scan import font_path

FIXED_TIME = dt.datetime(2024, 1, 15, 12, 0, 0, tzinfo=dt.UTC)
ZIP_TIME = (2024, 1, 15, 12, 0, 0)
Timed = list[tuple[float, float, str, str]]


def _ts(seconds: float, sep: str) -> str:
    ms = round(seconds * 1000)
    h, rest = divmod(ms, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{sep}{ms:03d}"


def srt(timed: Timed) -> str:
    """SubRip with "Speaker: utterance" cue text."""
    blocks = [
        f"{n}\n{_ts(a, ',')} --> {_ts(b, ',')}\n{who}: {what}\n"
        for n, (a, b, who, what) in enumerate(timed, start=1)
    ]
    return "\n".join(blocks)


def vtt(timed: Timed) -> str:
    """WebVTT with `<v Speaker>` voices, a NOTE block and cue identifiers."""
    out = ["WEBVTT - synthetic interview", "", "NOTE synthetic sample, no real person", ""]
    for n, (a, b, who, what) in enumerate(timed, start=1):
        out += [f"cue-{n}", f"{_ts(a, '.')} --> {_ts(b, '.')} align:start", f"<v {who}>{what}", ""]
    return "\n".join(out)


def whisper(timed: Timed, lang: str, *, words: bool, speaker_key: bool) -> str:
    """Whisper JSON. `words`: word timings; `speaker_key`: WhisperX-style "speaker" field;
    neither: labels written into the segment text (as after hand correction)."""
    segments = []
    for n, (a, b, who, what) in enumerate(timed):
        text = f" {what}" if (words or speaker_key) else f" {who}: {what}"
        seg: dict = {
            "id": n,
            "seek": 0,
            "start": a,
            "end": b,
            "text": text,
            "avg_logprob": -0.21,
            "no_speech_prob": 0.01,
        }
        if speaker_key:
            seg["speaker"] = who
        if words:
            tokens = what.split()
            step = (b - a) / len(tokens)
            seg["words"] = [
                {
                    "word": f" {tok}",
                    "start": round(a + i * step, 2),
                    "end": round(a + (i + 1) * step, 2),
                    "probability": 0.9,
                }
                for i, tok in enumerate(tokens)
            ]
        segments.append(seg)
    doc = {"text": "".join(s["text"] for s in segments), "segments": segments, "language": lang}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


TITLES = {"uk": "Протокол інтерв'ю", "ru": "Протокол интервью", "en": "Interview record"}


def docx(path: Path, lang: str, turns: tuple[tuple[str, str], ...]) -> None:
    """A Word document: title, a small metadata table, one paragraph per turn."""
    import docx as python_docx

    document = python_docx.Document()
    document.add_heading(TITLES[lang], level=1)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "ID"
    table.cell(0, 1).text = f"INT-{lang.upper()}-0412"
    table.cell(1, 0).text = "Lang"
    table.cell(1, 1).text = lang
    for who, what in turns:
        document.add_paragraph(f"{who}: {what}")
    props = document.core_properties
    props.author = "sestry samples"
    props.created = props.modified = FIXED_TIME.replace(tzinfo=None)
    props.last_modified_by = "sestry samples"
    buffer = io.BytesIO()
    document.save(buffer)
    path.write_bytes(_fixed_zip(buffer.getvalue()))


def corrupt_docx(path: Path) -> None:
    """A docx-shaped zip whose document.xml is not XML."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as zf:
        for name, body in (
            ("[Content_Types].xml", b"<?xml version='1.0'?><Types/>"),
            ("word/document.xml", b"<w:document><w:body><w:p>broken"),
        ):
            zf.writestr(zipfile.ZipInfo(name, ZIP_TIME), body)
    path.write_bytes(buffer.getvalue())


def _fixed_zip(data: bytes) -> bytes:
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, ZIP_TIME)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def _pdf():  # noqa: ANN202 - an fpdf.FPDF
    from fpdf import FPDF

    pdf = FPDF(format="A4", unit="mm")
    pdf.set_creation_date(FIXED_TIME)
    pdf.set_producer("sestry samples")
    pdf.add_font("DejaVuSerif", fname=str(font_path("serif")))
    pdf.set_font("DejaVuSerif", size=12)
    pdf.set_margins(22, 22)
    return pdf


def _write_paragraphs(pdf: object, paragraphs: list[str] | tuple[str, ...]) -> None:
    for paragraph in paragraphs:
        pdf.multi_cell(0, 7, paragraph)  # type: ignore[attr-defined]
        pdf.ln(3)  # type: ignore[attr-defined]


def text_layer_pdf(path: Path, paragraphs: tuple[str, ...]) -> None:
    """One A4 page with a real text layer (DejaVu embedded, so Cyrillic works)."""
    pdf = _pdf()
    pdf.add_page()
    _write_paragraphs(pdf, paragraphs)
    pdf.output(str(path))


def garbled_layer_pdf(source: Path, path: Path) -> None:
    """The text-layer PDF with its font's ToUnicode map blanked out (same byte length, so the
    xref stays valid): it looks right but its text layer reads as control characters, as PDFs
    from some scanners and old converters do."""
    import re
    data = source.read_bytes()
    blanked, count = re.subn(rb"/ToUnicode \d+ 0 R", lambda m: b" " * len(m.group(0)), data)
    assert count, "no ToUnicode entry to blank"
    path.write_bytes(blanked)


def mixed_pdf(path: Path, page1: tuple[str, ...], page2: Image.Image) -> None:
    """Page 1 with a text layer, page 2 an image only (a scanned page): a mixed PDF."""
    pdf = _pdf()
    pdf.add_page()
    _write_paragraphs(pdf, page1)
    pdf.add_page()
    buffer = io.BytesIO()
    page2.save(buffer, format="PNG")
    width_mm = page2.width / 300 * 25.4
    pdf.image(buffer, x=0, y=0, w=width_mm)
    pdf.output(str(path))


def header_over_scan_pdf(path: Path, header: str, scan: Image.Image) -> None:
    """One page: a typed header in the text layer above a scanned statement (an image): the
    layer holds only the header, the statement's words are in pixels only."""
    pdf = _pdf()
    pdf.add_page()
    _write_paragraphs(pdf, [header])
    buffer = io.BytesIO()
    scan.save(buffer, format="PNG")
    width_mm = 210 - 2 * 22
    pdf.image(buffer, x=22, y=pdf.get_y() + 4, w=width_mm)
    pdf.output(str(path))


def encrypted_docx(source: Path, path: Path, seed: int) -> None:
    """A password-protected Word file (ECMA-376 agile encryption, as Word writes it).

    msoffcrypto draws salts from `secrets` and stamps the container with the current time; a
    seeded source and a fixed clock make the sample reproducible (it protects nothing, it only
    has to look like the real thing).
    """
    import random

    from msoffcrypto.format.ooxml import OOXMLFile
    from msoffcrypto.method import ecma376_agile
    from msoffcrypto.method.container import ecma376_encrypted

    class _FixedClock(dt.datetime):
        @classmethod
        def now(cls, tz: dt.tzinfo | None = None) -> dt.datetime:  # noqa: ARG003
            return FIXED_TIME.replace(tzinfo=None)

    rng = random.Random(seed)
    saved = ecma376_agile._random_buffer, ecma376_encrypted.datetime
    ecma376_agile._random_buffer = rng.randbytes
    ecma376_encrypted.datetime = _FixedClock
    try:
        out = io.BytesIO()
        with source.open("rb") as fh:
            OOXMLFile(fh).encrypt("user-secret", out)
    finally:
        ecma376_agile._random_buffer, ecma376_encrypted.datetime = saved
    path.write_bytes(out.getvalue())


def encrypted_pdf(path: Path) -> None:
    """A PDF that needs a user password (RC4, deterministic)."""
    from fpdf.enums import EncryptionMethod

    pdf = _pdf()
    pdf.set_encryption(
        owner_password="owner-secret",
        user_password="user-secret",
        encryption_method=EncryptionMethod.RC4,
    )
    pdf.add_page()
    _write_paragraphs(pdf, ["This page is encrypted."])
    pdf.output(str(path))
