"""Shared helpers for release tests: synthetic redaction folders with real Parquet, PNG and PDF.

A redaction folder mirrors what `redaction.run.redact_dataset` writes (documents, segments and
entities Parquet, pages/<doc_id>/page-NNNN.png, pages/<doc_id>.pdf, redaction.json), built from
Faker uk_UA/ru_RU/en text with entities already replaced. The canary names below are never
written into a redaction: a release or report that contains one has leaked.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
from faker import Faker
from PIL import Image, ImageDraw

from sestry.core.digest import b3_bytes

CANARY_NAMES = ("Оксана Канарейко", "Вероника Канареечная", "Canary Sentinelson")
PROFILE_LABELS = ("PERSON", "LOC", "DATE", "PHONE", "MILITARY_UNIT")
LANGS = (("uk", "uk_UA"), ("ru", "ru_RU"), ("en", "en_US"))


@dataclass(frozen=True)
class Passed:
    """A validation result row."""

    name: str
    passed: bool


@dataclass(frozen=True)
class CheckReport:
    """Same shape as schemas.suites.ValidationReport: passed + results."""

    passed: bool
    results: tuple[Passed, ...]


def leak_validator(payload: Path, settings: object) -> CheckReport:
    """A real (not GE) check of the staged files: no canary in any released file, tables present."""
    blobs = b"".join(p.read_bytes() for p in payload.rglob("*") if p.is_file())
    no_canary = not any(name.encode("utf-8") in blobs for name in CANARY_NAMES)
    tables = all((payload / f"{t}.parquet").is_file() for t in ("documents", "entities"))
    results = (Passed("no_canary_in_payload", no_canary), Passed("tables_present", tables))
    return CheckReport(all(r.passed for r in results), results)


def make_release(base: Path, docs: int) -> Path:
    """One real signed release (prosecution) of a synthetic redaction of `docs` documents, in a
    fresh data folder under `base`; returns the release folder."""
    from sestry.core.settings import Settings
    from sestry.custody.keys import init_layout
    from sestry.release.handoff_job import build_release

    settings = Settings.load(base / "data")
    init_layout(settings)
    folder = make_redaction(settings.data_dir, docs=docs)
    outcome = build_release(settings, "prosecution", redaction_dir=folder, validator=leak_validator)
    return Path(outcome.release_dir)


def _png(path: Path, seed: int) -> None:
    image = Image.new("RGB", (200, 280), "white")
    draw = ImageDraw.Draw(image)
    for row in range(12):
        y = 20 + row * 20
        draw.rectangle((20, y, 20 + (seed * 37 + row * 53) % 150 + 20, y + 10), fill="black")
    image.save(path, format="PNG")


def _store_original(data_dir: Path, data: bytes) -> str:
    """Put an original's bytes into the data dir's vault (as ingest would); return its digest."""
    from sestry.custody.vault import Vault

    return Vault(Path(data_dir) / "vault").put_bytes(data).digest


def make_redaction(
    data_dir: Path,
    profile: str = "prosecution",
    *,
    docs: int = 6,
    with_pages: int = 2,
    leak: bool = False,
    seed: int = 7,
) -> Path:
    """Write `redactions/<profile>/<id>/` with `docs` documents; `leak` plants a canary name."""

    fake = {code: Faker(locale) for code, locale in LANGS}
    for f in fake.values():
        f.seed_instance(seed)
    redaction_id = f"{profile}-{secrets.token_hex(4)}"
    folder = Path(data_dir) / "redactions" / profile / redaction_id
    (folder / "pages").mkdir(parents=True)
    doc_rows: dict[str, list[object]] = {k: [] for k in ("doc_id", "language", "text", "pages")}
    seg_rows: dict[str, list[object]] = {k: [] for k in ("doc_id", "seq", "start", "end")}
    ent: dict[str, list[object]] = {
        k: [] for k in ("doc_id", "start", "end", "label", "text", "norm", "operator")
    }
    labels: dict[str, int] = {}
    for i in range(docs):
        lang, _ = LANGS[i % len(LANGS)]
        doc_id = _store_original(data_dir, f"original-{seed}-{i}".encode())
        pseudo = f"PERSON-{b3_bytes(doc_id.encode())[:6]}"
        month = f"2022-{(i % 9) + 2:02d}"
        text = f"{pseudo} {fake[lang].sentence(nb_words=12)} [PHONE] {month}-1{i % 9}"
        if leak and i == 0:
            text += f" {CANARY_NAMES[0]}"
        doc_rows["doc_id"].append(doc_id)
        doc_rows["language"].append(lang)
        doc_rows["text"].append(text)
        doc_rows["pages"].append(with_pages)
        seg_rows["doc_id"].append(doc_id)
        seg_rows["seq"].append(0)
        seg_rows["start"].append(0)
        seg_rows["end"].append(len(text))
        for label, surface, norm, op in (
            ("PERSON", pseudo, None, "pseudonym"),
            ("PHONE", "[PHONE]", None, "redact"),
            ("DATE", f"{month}-1{i % 9}", f"{month}-1{i % 9}", "keep"),
        ):
            start = text.index(surface)
            for key, value in zip(
                ent, (doc_id, start, start + len(surface), label, surface, norm, op), strict=True
            ):
                ent[key].append(value)
            labels[label] = labels.get(label, 0) + 1
        if with_pages:
            (folder / "pages" / doc_id).mkdir()
            images = []
            for page in range(1, with_pages + 1):
                png = folder / "pages" / doc_id / f"page-{page:04d}.png"
                _png(png, i + page)
                images.append(Image.open(png).convert("RGB"))
            images[0].save(
                folder / "pages" / f"{doc_id}.pdf", save_all=True, append_images=images[1:]
            )
    for name, rows in (("documents", doc_rows), ("segments", seg_rows), ("entities", ent)):
        pq.write_table(pa.table(rows), folder / f"{name}.parquet", compression="zstd")
    summary = {
        "profile": profile,
        "scope": profile,
        "redaction_id": redaction_id,
        "doc_ids": sorted(doc_rows["doc_id"]),  # type: ignore[type-var]
        "excluded_count": 2,
        "counts": {
            "labels": labels,
            "operators": {"pseudonym": docs, "redact": docs, "keep": docs},
        },
        "validation": {"passed": True},
        "ledger_head": None,
    }
    (folder / "redaction.json").write_text(json.dumps(summary), encoding="utf-8")
    (folder / "validation.json").write_text(json.dumps({"passed": True}), encoding="utf-8")
    return folder


# --- a synthetic INTERNAL dataset (unredacted), for end-to-end redact → handoff runs -----------

SENTENCES = {
    "uk": "{person} розповіла, що {date} її затримали у місті {loc}. "
    "Її телефон {phone}. Допит вела в/ч {unit}. {filler}",
    "ru": "{person} рассказала, что {date} её задержали в городе {loc}. "
    "Её телефон {phone}. Допрос вела в/ч {unit}. {filler}",
    "en": "{person} said that on {date} she was detained in {loc}. "
    "Her phone is {phone}. Unit {unit} questioned her. {filler}",
}
CITIES = ("Херсон", "Ізюм", "Буча", "Мелітополь", "Маріуполь")


def synthetic_transcripts(
    docs: int, unconsented: int, seed: int, filler_words: int
) -> Iterator[tuple[str, str, dict[str, str]]]:
    """(language, text, the values written into it) of `docs` consented transcripts, then
    `unconsented` ones naming a canary; the same for the same arguments."""
    import datetime as dt

    fake = {code: Faker(locale) for code, locale in LANGS}
    for f in fake.values():
        f.seed_instance(seed)
    for i in range(docs + unconsented):
        lang, _ = LANGS[i % len(LANGS)]
        person = CANARY_NAMES[i % 2] if i >= docs else _person(fake[lang])
        day = dt.date(2022, 2, 24) + dt.timedelta(days=(i * 17) % 700)
        values = {
            "person": person,
            "date": day.isoformat(),
            "loc": CITIES[i % len(CITIES)],
            "phone": f"+38067{1000000 + (i * 7919) % 8999999:07d}",
            "unit": f"{10000 + (i * 31) % 89999}",
            "filler": " ".join(fake["en"].words(nb=filler_words, ext_word_list=_FILLER)),
        }
        yield lang, SENTENCES[lang].format(**values), values


def make_dataset(
    data_dir: Path,
    docs: int,
    *,
    consent: tuple[str, ...] = ("prosecution", "research", "register"),
    unconsented: int = 0,
    seed: int = 11,
    filler_words: int = 40,
) -> list[str]:
    """Write `docs` + `unconsented` transcript documents with entities via write_document.

    Unconsented documents carry no consent scope and a canary name. Returns the doc_ids.
    """
    import datetime as dt

    from sestry.schemas.dataset import write_document
    from sestry.schemas.tables import DOCUMENTS, ENTITIES

    ids: list[str] = []
    transcripts = synthetic_transcripts(docs, unconsented, seed, filler_words)
    for i, (lang, text, values) in enumerate(transcripts):
        withheld = i >= docs
        person = values["person"]
        doc_id = _store_original(data_dir, f"synthetic-original-{seed}-{i}".encode())
        ents = []
        for label, key, norm in (
            ("PERSON", "person", person),
            ("DATE", "date", values["date"]),
            ("LOC", "loc", values["loc"]),
            ("PHONE", "phone", values["phone"]),
            ("MILITARY_UNIT", "unit", values["unit"]),
        ):
            start = text.index(values[key])
            ents.append(
                {
                    "doc_id": doc_id,
                    "start": start,
                    "end": start + len(values[key]),
                    "label": label,
                    "text": values[key],
                    "norm": norm,
                    "detector": "synthetic@1",
                    "score": 1.0,
                    "code": None,
                    "oblast": None,
                }
            )
        row = {
            "doc_id": doc_id,
            "case_id": f"case-{i % 7:03d}",
            "kind": "transcript",
            "media_type": "text/plain",
            "source_name": f"interview_{i:04d}.txt",
            "language": lang,
            "text": text,
            "pages": 1,
            "method": "transcript",
            "ocr_confidence": None,
            "consent": [] if withheld else list(consent),
            "collected_at": "2023-05-02",
            "ingested_at": dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
            "extractor_version": "transcript_text@1",
            "audio_id": None,
            "duration_s": None,
        }
        segments = pa.table(
            {
                "doc_id": [doc_id],
                "seq": pa.array([0], pa.int32()),
                "page": pa.array([None], pa.int32()),
                "start": pa.array([0], pa.int64()),
                "end": pa.array([len(text)], pa.int64()),
                "speaker": ["S1"],
                "t_start": pa.array([None], pa.float64()),
                "t_end": pa.array([None], pa.float64()),
            }
        )
        write_document(
            Path(data_dir) / "dataset",
            doc_id,
            {
                "documents": pa.Table.from_pylist([row], DOCUMENTS),
                "entities": pa.Table.from_pylist(ents, ENTITIES),
                "segments": segments,
            },
        )
        ids.append(doc_id)
    return ids


# Neutral filler (no names, numbers or places), so only the planted entities are sensitive.
_FILLER = (
    "evening", "window", "corridor", "question", "silence", "door", "cold", "water", "bread",
    "blanket", "noise", "morning", "wall", "floor", "light", "voice", "room", "chair", "table",
)  # fmt: skip


def _person(fake: Faker) -> str:
    return f"{fake.first_name_female()} {fake.last_name_female()}"


def record_decision(
    data_dir: Path, doc_id: str, action: str, n: int, reviewer: str = "T01", **extra: object
) -> None:
    """Append one review decision (the n-th: its timestamp orders it) as the workbench would."""
    from sestry.schemas.annotations import append_decision

    append_decision(
        data_dir,
        {
            "doc_id": doc_id,
            "action": action,
            "reviewer": reviewer,
            "ts": f"2026-01-01T00:00:0{n}.000000Z",
            **extra,
        },
    )
