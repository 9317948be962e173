"""Redaction benchmark: term sweep, engine, validation, and page redaction with OCR recheck.

Rerun: `.venv/bin/python -m bench.redaction.run [--docs 300]`; writes bench/results/redaction.md.
Synthetic data only (Faker uk_UA names and places in a fixed template, written with
schemas.dataset.write_document into a temp data dir). Phases are timed in one process, one after
the other; the OCR recheck is timed side by side with and without it on the same page.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import random
import sys
import tempfile
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

import pyarrow as pa  # noqa: E402

from sestry.core.digest import b3_bytes  # noqa: E402
from sestry.core.settings import Settings  # noqa: E402
from sestry.custody.keys import init_layout  # noqa: E402
from sestry.schemas.dataset import write_document  # noqa: E402
from sestry.schemas.tables import DOCUMENTS, ENTITIES  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"


def make_dataset(settings: Settings, docs: int, seed: int = 11) -> int:
    """Write `docs` synthetic testimonies (~3 KB, ~12 entities each); return total characters."""
    from faker import Faker

    fake = Faker("uk_UA")
    Faker.seed(seed)
    rng = random.Random(seed)
    people = [f"{fake.first_name()} {fake.last_name()}" for _ in range(max(20, docs // 3))]
    total = 0
    for n in range(docs):
        parts: list[str] = []
        ents: list[tuple[int, int, str, str, str]] = []
        for _ in range(6):
            who, other = rng.choice(people), rng.choice(people)
            phone = f"+380 {rng.randint(50, 99)} {rng.randint(100, 999)} {rng.randint(10, 99)} 12"
            sentence = (
                f"Свідок {who} розповіла, що її тримали в підвалі разом із {other}. "
                f"Конвоїри забрали телефон {phone} і документи, погрожували рідним. "
                "Допити тривали кілька днів, їжі майже не давали, світла не було. "
            )
            base = sum(len(p) for p in parts)
            for surface, label in ((who, "PERSON"), (other, "PERSON"), (phone, "PHONE")):
                start = base + sentence.index(surface)
                ents.append((start, start + len(surface), label, surface, surface.casefold()))
            parts.append(sentence)
        text = "".join(parts)
        total += len(text)
        doc_id = b3_bytes(f"{n}{text}".encode())
        doc = {
            "doc_id": doc_id,
            "case_id": f"UA-{n:04d}",
            "kind": "transcript",
            "media_type": "text/plain",
            "source_name": "x.txt",
            "language": "uk",
            "text": text,
            "pages": 0,
            "method": "transcript",
            "ocr_confidence": None,
            "consent": ["prosecution", "research"],
            "collected_at": "2023-01-05",
            "ingested_at": dt.datetime.now(dt.UTC),
            "extractor_version": "bench@1",
            "audio_id": None,
            "duration_s": None,
        }
        rows = [
            {
                "doc_id": doc_id,
                "start": s,
                "end": e,
                "label": lbl,
                "text": t,
                "norm": nm,
                "detector": "bench",
                "score": 1.0,
                "code": None,
                "oblast": None,
            }
            for s, e, lbl, t, nm in ents
        ]
        write_document(
            settings.dataset_dir,
            doc_id,
            {
                "documents": pa.Table.from_pylist([doc], DOCUMENTS),
                "entities": pa.Table.from_pylist(rows, ENTITIES),
            },
        )
    return total


def bench_text(settings: Settings, total_chars: int) -> list[tuple[str, float, str]]:
    from sestry.redaction.engine import redact_document
    from sestry.redaction.profiles import load_profile
    from sestry.redaction.pseudonyms import derive_pseudonym_key
    from sestry.redaction.terms import TermMatcher, default_lemmatizer
    from sestry.redaction.text import build_terms, entity_spans, sweep_spans
    from sestry.schemas.dataset import read_table

    profile = load_profile("prosecution")
    key = derive_pseudonym_key(b"\x01" * 32)
    docs = read_table(settings.dataset_dir, "documents").to_pylist()
    ents = read_table(settings.dataset_dir, "entities").to_pylist()
    rows: list[tuple[str, float, str]] = []

    t = time.perf_counter()
    lemmatizer = default_lemmatizer()
    terms = build_terms(ents, profile, lemmatizer)
    matcher = TermMatcher(terms, lemmatizer)
    rows.append(
        (
            "build leak terms + matcher",
            time.perf_counter() - t,
            f"{len(ents)} entities → {len(terms)} terms",
        )
    )
    by_doc: dict[str, list[dict]] = {}
    for e in ents:
        by_doc.setdefault(e["doc_id"], []).append(e)
    t = time.perf_counter()
    sweeps = {
        d["doc_id"]: sweep_spans(d["text"], matcher, entity_spans(by_doc[d["doc_id"]]))
        for d in docs
    }
    took = time.perf_counter() - t
    rows.append(
        ("sweep (phrase regex + lemmas)", took, f"{total_chars / took / 1000:.0f}k chars/s")
    )
    t = time.perf_counter()
    for d in docs:
        redact_document(d, entity_spans(by_doc[d["doc_id"]]) + sweeps[d["doc_id"]], profile, key)
    took = time.perf_counter() - t
    rows.append(("redact_document (engine)", took, f"{total_chars / took / 1000:.0f}k chars/s"))
    t = time.perf_counter()
    for d in docs:
        matcher.count(d["text"])
    took = time.perf_counter() - t
    rows.append(
        ("leak count on text (validation)", took, f"{total_chars / took / 1000:.0f}k chars/s")
    )
    return rows


def bench_run(settings: Settings) -> list[tuple[str, float, str]]:
    import subprocess

    from sestry.release.redact_job import redact_dataset

    t = time.perf_counter()
    subprocess.run([sys.executable, "-c", "import great_expectations"], check=True)
    ge = time.perf_counter() - t
    t = time.perf_counter()
    result = redact_dataset(settings, "prosecution")
    took = time.perf_counter() - t
    return [
        ("import great_expectations (fresh process)", ge, "paid once per validating process"),
        (
            "redact_dataset, whole (incl. GE validation)",
            took,
            f"{len(result.doc_ids)} docs, passed={result.passed}",
        ),
    ]


def bench_page(settings: Settings) -> list[tuple[str, float, str]]:
    """One A4 page at 300 dpi with 30 lines; 2 names per line are redacted."""
    from PIL import Image, ImageDraw, ImageFont

    from sestry.extractors.ocr import ocr_image, ocr_page
    from sestry.redaction.image import paint, plan_boxes, recheck_page
    from sestry.redaction.metadata import save_png
    from sestry.redaction.terms import (
        LeakTerms,
        Origin,
        TermMatcher,
        add_entity,
        default_lemmatizer,
    )

    image = Image.new("L", (2480, 3508), 255)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(FONT, 40)
    for n in range(30):
        draw.text(
            (150, 150 + 100 * n),
            f"Рядок {n}: свідок Олена Коваленко бачила Петра Бондаря",
            fill=0,
            font=font,
        )
    t = time.perf_counter()
    page = ocr_page(image, settings.ocr_languages)
    ocr_s = time.perf_counter() - t
    ranges = []
    for name in ("Олена Коваленко", "Петра Бондаря"):
        start = 0
        while (start := page.text.find(name, start)) >= 0:
            ranges.append((start, start + len(name)))
            start += 1
    words = [w.__dict__ for w in page.words]
    terms = LeakTerms()
    lem = default_lemmatizer()
    add_entity(terms, Origin("PERSON", "олена коваленко", None, None), "Олена Коваленко", lem)
    add_entity(terms, Origin("PERSON", "петро бондар", None, None), "Петра Бондаря", lem)
    matcher = TermMatcher(terms, lem)
    t = time.perf_counter()
    painted = paint(image, plan_boxes(words, ranges).boxes.get(1, ()))
    paint_s = time.perf_counter() - t
    t = time.perf_counter()
    rechecked, boxed = recheck_page(painted, matcher, settings.ocr_languages)
    recheck_s = time.perf_counter() - t
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        save_png(rechecked, Path(tmp) / "p.png")
        png_s = time.perf_counter() - t
    t = time.perf_counter()
    left = matcher.count(ocr_image(rechecked, settings.ocr_languages)[0])
    validate_s = time.perf_counter() - t
    return [
        ("OCR of the original page (reference)", ocr_s, f"{len(page.words)} words"),
        ("plan + paint boxes", paint_s, f"{len(ranges)} names located"),
        ("OCR recheck pass", recheck_s, f"{boxed} more words boxed"),
        ("write PNG (metadata-free)", png_s, ""),
        ("validation re-OCR of the page", validate_s, f"{left} leak hits"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=300)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        data.mkdir(mode=0o700)
        settings = Settings.load(data)
        init_layout(settings)
        total = make_dataset(settings, args.docs)
        sections = {
            f"Text: {args.docs} documents, {total / 1e6:.2f} M characters": bench_text(
                settings, total
            ),
            "Whole run": bench_run(settings),
            "One A4 page, 300 dpi, ukr+rus+eng": bench_page(settings),
        }
    now = dt.datetime.now(dt.UTC)
    lines = [
        "# Redaction benchmark",
        "",
        (
            f"Run: `.venv/bin/python -m bench.redaction.run --docs {args.docs}` on "
            f"{now:%Y-%m-%d %H:%M} UTC; {platform.platform()}, Python {platform.python_version()}."
        ),
        "",
        "**Other engineers shared the 2 cores during this run**: absolute figures are noisy.",
        "",
    ]
    for title, rows in sections.items():
        lines += [f"## {title}", "", "| phase | seconds | note |", "| --- | ---: | --- |"]
        lines += [f"| {name} | {sec:.3f} | {note} |" for name, sec, note in rows]
        lines.append("")
    out = REPO / "bench" / "results" / "redaction.md"
    out.write_text("\n".join(lines), encoding="utf-8")
    print("\n".join(lines))


if __name__ == "__main__":
    main()
