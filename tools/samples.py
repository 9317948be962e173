"""Write the synthetic sample corpus in data/samples/ (deterministic: seeded Faker, fixed texts).

Run from the repository root:  .venv/bin/python -m tools.samples [--out data/samples]
Needs the dev extra (faker, fpdf2) and fonts-dejavu-core. Everything written is synthetic.
"""

from __future__ import annotations

import argparse
import io
import json
import math
import random
import shutil
import struct
import wave
import zlib
from pathlib import Path

from sestry.core.languages import LANGUAGES
from tools import sample_docs
from tools.sample_texts import CANARIES, STATEMENTS, TURNS, plain_transcript
from tools.synth_scan import degrade, fit_text_pages, render_page

SEED = 20220224
LANGS = LANGUAGES
TEXT_ENCODINGS = {
    # file suffix: (codec, BOM bytes)
    "": ("utf-8", b""),
    "_utf8bom": ("utf-8", b"\xef\xbb\xbf"),
    "_cp1251": ("cp1251", b""),
    "_koi8u": ("koi8-u", b""),
    "_utf16": ("utf-16-le", b"\xff\xfe"),
}
EXTRA_ENCODINGS = {
    "ru": {"_koi8r": ("koi8-r", b"")},
    "en": {"_utf16be": ("utf-16-be", b"\xfe\xff")},
}
NO_SIDECAR = "interview_en_utf16be.txt"
AUDIO_NAME = "interview_uk.wav"
AUDIO_LINKED_FROM = "interview_uk.whisper.json"
CONSENTS = {
    "uk": ["prosecution", "register"],
    "ru": ["prosecution"],
    "en": ["prosecution", "research"],
}


def main() -> None:
    """Regenerate the corpus from scratch."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--out", type=Path, default=Path("data/samples"))
    out = parser.parse_args().out
    if out.exists():
        shutil.rmtree(out)
    (out / "bad").mkdir(parents=True)
    expected: dict[str, dict] = {}
    meta = Meta(random.Random(SEED))
    for lang in LANGS:
        write_transcripts(out, lang, expected, meta)
    write_audio(out, expected, meta)
    write_scans(out, expected, meta)
    write_bad(out, expected)
    (out / "CANARIES.txt").write_text("\n".join(CANARIES) + "\n", encoding="utf-8")
    doc = {
        "about": "Expected extractor results per sample (paths relative to data/samples).",
        "files": dict(sorted(expected.items())),
    }
    (out / "EXPECTED.json").write_text(
        json.dumps(doc, ensure_ascii=False, indent=2, sort_keys=False) + "\n", encoding="utf-8"
    )


class Meta:
    """Seeded sidecar values (Faker for documenter codes and dates)."""

    def __init__(self, rng: random.Random) -> None:
        from faker import Faker

        self.fake = Faker(["uk_UA", "ru_RU", "en_US"])
        self.fake.seed_instance(SEED)
        self.rng = rng

    def sidecar(self, lang: str, consent: list[str], **extra: str) -> dict:
        day = self.fake.date_between_dates(
            date_start=__import__("datetime").date(2022, 5, 1),
            date_end=__import__("datetime").date(2024, 12, 31),
        )
        case = f"UA-{day.year}-{self.rng.randrange(1000, 9999)}"
        return {
            "case_id": case,
            "language": lang,
            "collected_at": day.isoformat(),
            "collected_by": self.fake.bothify("DOC-??##").upper(),
            "consent": consent,
            **extra,
        }


def write_sidecar(path: Path, data: dict) -> None:
    path.with_name(path.name + ".meta.json").write_text(
        json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )


def sentences(lang: str) -> list[str]:
    """Exact sentences every transcript format of `lang` must contain."""
    turns = TURNS[lang]
    return [turns[1][1], turns[3][1].split(". ")[1], turns[5][1]]


def write_transcripts(out: Path, lang: str, expected: dict, meta: Meta) -> None:
    text = plain_transcript(lang)
    speakers = sorted({who for who, _ in TURNS[lang]})
    common = {"kind": "transcript", "language": lang, "sentences": sentences(lang)}
    encodings = {**TEXT_ENCODINGS, **EXTRA_ENCODINGS.get(lang, {})}
    for suffix, (codec, bom) in encodings.items():
        name = f"interview_{lang}{suffix}.txt"
        (out / name).write_bytes(bom + text.encode(codec))
        expected[name] = {
            **common,
            "media_type": "text/plain",
            "encodings": _accepted_encodings(lang, codec, bom),
            "speakers": speakers,
            "segments": len(TURNS[lang]),
        }
    timed = _timed(lang)
    files = {
        f"interview_{lang}.srt": ("application/x-subrip", sample_docs.srt(timed)),
        f"interview_{lang}.vtt": ("text/vtt", sample_docs.vtt(timed)),
        f"interview_{lang}.whisper.json": (
            "application/x-whisper+json",
            sample_docs.whisper(timed, lang, words=lang == "uk", speaker_key=lang == "en"),
        ),
    }
    for name, (media_type, body) in files.items():
        (out / name).write_text(body, encoding="utf-8")
        whisper_plain = name.endswith(".whisper.json") and lang == "uk"  # no diarisation
        expected[name] = {
            **common,
            "media_type": media_type,
            "speakers": [] if whisper_plain else speakers,
            "segments": len(TURNS[lang]),
        }
    docx_name = f"interview_{lang}.docx"
    sample_docs.docx(out / docx_name, lang, TURNS[lang])
    expected[docx_name] = {
        **common,
        "kind": "document",
        "media_type": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "speakers": speakers,
    }
    for name in [*(f"interview_{lang}{s}.txt" for s in encodings), *files, docx_name]:
        if name == NO_SIDECAR:
            continue
        extra = {"audio": AUDIO_NAME} if name == AUDIO_LINKED_FROM else {}
        write_sidecar(out / name, meta.sidecar(lang, CONSENTS[lang], **extra))


def _accepted_encodings(lang: str, codec: str, bom: bytes) -> list[str]:
    """Encoding names a correct decoder may report (same text, so all are right)."""
    if codec == "utf-8" and bom:
        return ["utf-8-sig"]
    if lang == "en" and codec in ("cp1251", "koi8-u"):
        return ["utf-8"]  # the English text is ASCII: valid UTF-8 too
    if lang == "ru" and codec in ("koi8-u", "koi8-r"):
        return ["koi8-r", "koi8-u"]  # identical for Russian letters
    return [codec]


def _timed(lang: str) -> list[tuple[float, float, str, str]]:
    """(start, end, speaker, utterance) with plausible speaking times."""
    t = 1.0
    rows = []
    for who, what in TURNS[lang]:
        dur = round(max(2.0, len(what) / 14), 2)
        rows.append((round(t, 2), round(t + dur, 2), who, what))
        t += dur + 0.8
    return rows


def write_audio(out: Path, expected: dict, meta: Meta) -> None:
    """Six seconds of a quiet two-tone hum (8 kHz, 16-bit mono): no speech, a stand-in."""
    rate, seconds = 8000, 6.0
    frames = bytearray()
    for n in range(int(rate * seconds)):
        v = 0.2 * math.sin(2 * math.pi * 220 * n / rate) + 0.1 * math.sin(
            2 * math.pi * 330 * n / rate
        )
        frames += struct.pack("<h", int(v * 32767))
    with wave.open(str(out / AUDIO_NAME), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(bytes(frames))
    write_sidecar(out / AUDIO_NAME, meta.sidecar("uk", CONSENTS["uk"]))
    expected[AUDIO_NAME] = {
        "kind": "audio",
        "media_type": "audio/wav",
        "duration_s": seconds,
        "transcript": AUDIO_LINKED_FROM,
    }


def write_scans(out: Path, expected: dict, meta: Meta) -> None:
    scans = {}
    image, _ = render_page(STATEMENTS["uk"], dpi=300)
    image.save(out / "scan_uk_clean.png", optimize=True)
    scans["scan_uk_clean.png"] = ("uk", "image/png", 1, "scan")

    image, _ = render_page(STATEMENTS["ru"], dpi=200)
    degrade(image, 2.5, 0.002, SEED).save(out / "scan_ru_skewed.jpg", quality=70)
    scans["scan_ru_skewed.jpg"] = ("ru", "image/jpeg", 1, "scan")

    image, _ = render_page(STATEMENTS["en"], dpi=300)
    stored = image.rotate(90, expand=True)  # stored on its side; EXIF says "rotate 90 CW"
    exif = stored.getexif()
    exif[0x0112] = 6
    stored.save(out / "scan_en_exif_rotated.jpg", quality=80, exif=exif)
    scans["scan_en_exif_rotated.jpg"] = ("en", "image/jpeg", 1, "scan")

    groups = fit_text_pages(STATEMENTS["uk"], 2)
    tiff_pages = [render_page(g, dpi=300)[0].convert("1") for g in groups]
    tiff_pages[0].save(
        out / "scan_uk_2pages.tif",
        save_all=True,
        append_images=tiff_pages[1:],
        compression="group4",
        dpi=(300, 300),
    )
    scans["scan_uk_2pages.tif"] = ("uk", "image/tiff", 2, "scan")

    sample_docs.text_layer_pdf(out / "statement_uk_textlayer.pdf", STATEMENTS["uk"])
    scans["statement_uk_textlayer.pdf"] = ("uk", "application/pdf", 1, "text_layer")

    sample_docs.garbled_layer_pdf(
        out / "statement_uk_textlayer.pdf", out / "statement_uk_garbled_layer.pdf"
    )
    scans["statement_uk_garbled_layer.pdf"] = ("uk", "application/pdf", 1, "ocr")

    scan, _ = render_page(STATEMENTS["en"][1:], dpi=300)
    sample_docs.header_over_scan_pdf(
        out / "statement_en_header_over_scan.pdf", "Case file INT-EN-0412, attachment 2", scan
    )
    scans["statement_en_header_over_scan.pdf"] = ("en", "application/pdf", 1, "ocr")

    image, _ = render_page(STATEMENTS["ru"], dpi=300)
    image.save(
        out / "statement_ru_scanned.pdf",
        resolution=300,
        creationDate=sample_docs.FIXED_TIME.timetuple(),
        modDate=sample_docs.FIXED_TIME.timetuple(),
    )
    scans["statement_ru_scanned.pdf"] = ("ru", "application/pdf", 1, "ocr")

    half = len(STATEMENTS["en"]) // 2
    page2, _ = render_page(STATEMENTS["en"][half:], dpi=300)
    sample_docs.mixed_pdf(out / "statement_en_mixed.pdf", STATEMENTS["en"][:half], page2)
    scans["statement_en_mixed.pdf"] = ("en", "application/pdf", 2, "mixed")

    consent_cycle = [["register"], ["prosecution", "register"], ["research"], ["prosecution"]]
    # samples added later go last, so earlier sidecars keep their seeded values
    later = ["statement_uk_garbled_layer.pdf", "statement_en_header_over_scan.pdf"]
    order = sorted(n for n in scans if n not in later) + later
    for n, name in enumerate(order):
        lang, media_type, pages, how = scans[name]
        write_sidecar(out / name, meta.sidecar(lang, consent_cycle[n % len(consent_cycle)]))
        expected[name] = {
            "kind": "pdf" if media_type == "application/pdf" else "scan",
            "media_type": media_type,
            "language": lang,
            "pages": pages,
            "methods": _methods(how, pages),
            "sentences": [STATEMENTS[lang][2]],
        }


def _methods(how: str, pages: int) -> list[str]:
    if how == "mixed":
        return ["text_layer", "ocr"]
    return ["ocr" if how in ("scan", "ocr") else "text_layer"] * pages


def write_bad(out: Path, expected: dict) -> None:
    bad = out / "bad"
    rng = random.Random(SEED)

    def record(name: str, media_type: str, reason: str | None, **extra: object) -> None:
        expected[f"bad/{name}"] = {"media_type": media_type, "reason": reason, **extra}

    (bad / "empty.txt").write_bytes(b"")
    record("empty.txt", "application/x-empty", "empty", kind="unknown")

    good_pdf = (out / "statement_uk_textlayer.pdf").read_bytes()
    (bad / "truncated.pdf").write_bytes(good_pdf[:400])
    record("truncated.pdf", "application/pdf", "corrupt", kind="pdf")

    (bad / "corrupt.png").write_bytes(_png(64, 64, zlib.compress(b"\x00" * 10)[:-4] + b"junk!"))
    record("corrupt.png", "image/png", "corrupt", kind="scan")

    jpeg = (out / "scan_ru_skewed.jpg").read_bytes()
    (bad / "truncated.jpg").write_bytes(jpeg[: len(jpeg) // 2])
    record("truncated.jpg", "image/jpeg", "corrupt", kind="scan")

    sample_docs.encrypted_pdf(bad / "encrypted.pdf")
    record("encrypted.pdf", "application/pdf", "encrypted", kind="pdf")

    (bad / "bomb.png").write_bytes(_png(100_000, 100_000, zlib.compress(b"\x00" * 100)))
    record("bomb.png", "image/png", "too_large", kind="scan", declared_pixels=10**10)

    # High bytes that read as no language in any candidate encoding (C1 symbols, box drawing).
    junk = bytes(rng.choice((0x80, 0x81, 0x83, 0x88, 0x98, 0x99, 0x9C)) for _ in range(600))
    (bad / "undecodable.txt").write_bytes(b"Q: " + junk + b"\n")
    record("undecodable.txt", "text/plain", "undecodable", kind="transcript")

    (bad / "unknown.bin").write_bytes(b"\x00\x01SESTRYBIN" + rng.randbytes(2000))
    record("unknown.bin", "application/octet-stream", "unsupported_format", kind="unknown")

    sample_docs.encrypted_docx(out / "interview_en.docx", bad / "encrypted.docx", SEED)
    record("encrypted.docx", "application/x-cfb", "encrypted", kind="document")

    sample_docs.corrupt_docx(bad / "corrupt.docx")
    record(
        "corrupt.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "corrupt",
        kind="document",
    )

    control_name = "note\x1b[31m.txt"
    (bad / control_name).write_text("Q: Is this name safe to print?\nA: No.\n", encoding="utf-8")
    record(
        control_name,
        "text/plain",
        None,
        kind="transcript",
        hazard="control character (ESC) in the file name: print it escaped, never raw",
        sentences=["Is this name safe to print?"],
    )

    image, _ = render_page(["This file says it is text but it is an image."], dpi=300)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    (bad / "lying.txt").write_bytes(buffer.getvalue())
    record(
        "lying.txt",
        "image/png",
        None,
        kind="scan",
        extension_mismatch=True,
        sentences=["This file says it is text but it is an image."],
    )


def _png(width: int, height: int, idat: bytes) -> bytes:
    def chunk(tag: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


if __name__ == "__main__":
    main()
