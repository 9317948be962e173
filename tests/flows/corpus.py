"""Small synthetic inboxes for flow and CLI tests: one item per format, plus bad inputs.

Every text is synthetic. CANARY strings mark content that must never leave the dataset.
"""

from __future__ import annotations

import io
import json
import os
import struct
import wave
from pathlib import Path

CANARY_NAME = "Ярослава Хомутенко-Канарейко"
CANARY_PHONE = "+380 67 555 01 99"
SENTENCES = {
    "uk": f"Мене звати {CANARY_NAME}, мене тримали у підвалі в Херсоні з березня 2022 року.",
    "ru": "Меня зовут Олег Смирнов-Канарейкин, меня держали в подвале в Мелитополе.",
    "en": f"My neighbour called me on {CANARY_PHONE} after the soldiers left Bucha.",
}
CANARIES = (CANARY_NAME, CANARY_PHONE, "Смирнов-Канарейкин")


def _write(path: Path, data: bytes | str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def _wav(seconds: float = 0.5, rate: int = 8000) -> bytes:
    buf = io.BytesIO()
    with wave.open(buf, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(struct.pack("<h", 0) * int(seconds * rate))
    return buf.getvalue()


def _docx(text: str) -> bytes:
    import docx
    document = docx.Document()
    document.add_paragraph(text)
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()


def _scan_png(text: str) -> bytes:
    from PIL import Image, ImageDraw, ImageFont

    image = Image.new("L", (1400, 300), 255)
    draw = ImageDraw.Draw(image)
    font = None
    for candidate in (
        "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
        "/usr/share/fonts/truetype/liberation/LiberationSans-Regular.ttf",
    ):
        if os.path.exists(candidate):
            font = ImageFont.truetype(candidate, 40)
            break
    draw.text((40, 100), text, fill=0, font=font or ImageFont.load_default(size=40))
    buf = io.BytesIO()
    image.save(buf, format="PNG", dpi=(300, 300))
    return buf.getvalue()


def transcripts(inbox: Path, n: int = 1, prefix: str = "") -> list[Path]:
    """Good transcripts in each text format (txt uk, srt ru, vtt en, whisper json, docx)."""
    made = []
    for i in range(n):
        tag = f"{prefix}{i:03d}"
        made.append(_write(inbox / f"case1/int_{tag}.txt", f"{SENTENCES['uk']} ({tag})\n"))
        made.append(
            _write(
                inbox / f"case1/int_{tag}.txt.meta.json",
                json.dumps({"case_id": "UA-001", "consent": ["research"], "language": "uk"}),
            )
        )
        made.append(
            _write(
                inbox / f"case2/cue_{tag}.srt",
                f"1\n00:00:01,000 --> 00:00:04,000\n{SENTENCES['ru']}\n\n"
                f"2\n00:00:05,000 --> 00:00:06,000\n({tag})\n",
            )
        )
        made.append(
            _write(
                inbox / f"case3/cue_{tag}.vtt",
                f"WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Interviewer>{SENTENCES['en']}\n\n"
                f"00:00:04.000 --> 00:00:05.000\n({tag})\n",
            )
        )
        whisper = {
            "text": f"{SENTENCES['uk']} {tag}",
            "segments": [{"start": 0.0, "end": 2.5, "text": f"{SENTENCES['uk']} {tag}"}],
            "language": "uk",
        }
        made.append(
            _write(inbox / f"case4/asr_{tag}.json", json.dumps(whisper, ensure_ascii=False))
        )
    return made


def full_inbox(inbox: Path, *, scan: bool = True) -> dict[str, str]:
    """One item per format plus bad inputs; return {relative name: expected outcome}."""
    transcripts(inbox)
    _write(inbox / "case5/statement.docx", _docx(SENTENCES["uk"]))
    _write(inbox / "case1/int_000.wav", _wav())  # linked to case1/int_000.txt by base name
    _write(inbox / "case6/talk.txt", f"{SENTENCES['en']}\n")
    _write(inbox / "case6/talk.txt.meta.json", json.dumps({"audio": "rec/take.wav"}))
    _write(inbox / "case6/rec/take.wav", _wav(1.0))
    expected = {
        "case1/int_000.txt": "ok",
        "case2/cue_000.srt": "ok",
        "case3/cue_000.vtt": "ok",
        "case4/asr_000.json": "ok",
        "case5/statement.docx": "ok",
        "case1/int_000.wav": "ok",
        "case6/talk.txt": "ok",
        "case6/rec/take.wav": "ok",
        "bad/empty.txt": "empty",
        "bad/garbage.bin": "unsupported_format",
        "bad/truncated.pdf": "corrupt",
        "bad/sidecar.txt": "invalid_sidecar",
        # Not a valid sidecar, so evidence of its own (JSON that no extractor reads).
        "bad/sidecar.txt.meta.json": "unsupported_format",
    }
    _write(inbox / "bad/empty.txt", b"")
    _write(inbox / "bad/garbage.bin", bytes(range(256)) * 8)
    _write(inbox / "bad/truncated.pdf", b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R")
    _write(inbox / "bad/sidecar.txt", "Свідчення без згоди.\n")
    _write(inbox / "bad/sidecar.txt.meta.json", json.dumps({"consent": "all", "share": True}))
    if scan:
        _write(inbox / "scans/page1.png", _scan_png("Protocol 17 Kherson 2022"))
        expected["scans/page1.png"] = "ok"
    return expected
