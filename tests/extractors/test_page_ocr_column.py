"""documents.page_ocr: each page's language and OCR passes, written by ingest and read back;
a dataset written before the column reads it as null."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sestry.core.settings import Settings
from sestry.extractors.base import Extraction, ItemInfo, PageInfo
from sestry.extractors.image import ImageOcr
from sestry.ingestion.process import WorkItem, build_tables
from sestry.schemas import dataset
from sestry.schemas.tables import DOCUMENTS
from tools.synth_scan import render_page

D = "d" * 64
UK = ["ЗАЯВА", "Прошу встановити, де перебуває мій брат, якого затримали на виїзді з міста."]
RU = [
    "ОБЪЯСНЕНИЕ",
    "Мы были в подвале восемь дней. Съёмку вели ночью, этих людей я больше не видела.",
]


def _work(hint: str | None = None) -> WorkItem:
    return WorkItem(
        digest=D,
        source_name="scan.tif",
        size=1,
        media_type="image/tiff",
        language_hint=hint,
        ingested_at=dt.datetime(2026, 11, 29, tzinfo=dt.UTC),
    )


def _write_and_read(tmp_path: Path, extraction: Extraction) -> list[dict] | None:
    tables = build_tables(_work(), extraction, "mixed", [])
    dataset.write_document(tmp_path, D, tables)
    return dataset.read_table(tmp_path, "documents").to_pylist()[0]["page_ocr"]


def test_page_ocr_written_and_read(tmp_path: Path) -> None:
    extraction = Extraction(
        kind="pdf",
        method="ocr",
        text="x\fy",
        pages=2,
        page_info=(
            PageInfo(1, "text_layer", language="uk"),
            PageInfo(2, "ocr", 91.0, language="ru", passes=("ukr+rus+eng", "rus+ukr+eng")),
        ),
    )
    assert _write_and_read(tmp_path, extraction) == [
        {"page": 1, "language": "uk", "passes": []},
        {"page": 2, "language": "ru", "passes": ["ukr+rus+eng", "rus+ukr+eng"]},
    ]


def test_transcript_has_no_page_ocr(tmp_path: Path) -> None:
    extraction = Extraction(kind="transcript", method="transcript", text="Текст.", pages=1)
    assert _write_and_read(tmp_path, extraction) is None


def test_dataset_written_before_the_column_reads_null(tmp_path: Path) -> None:
    extraction = Extraction(
        kind="scan", method="ocr", text="x", pages=1, page_info=(PageInfo(1, "ocr"),)
    )
    dataset.write_document(tmp_path, D, build_tables(_work(), extraction, "uk", []))
    (path,) = [p for p in dataset.document_files(tmp_path, D) if "documents" in str(p)]
    old = pq.read_table(path).drop_columns(["page_ocr"])  # what an older sestry wrote
    pq.write_table(old, path)
    assert "page_ocr" not in pq.read_schema(path).names
    table = dataset.read_table(tmp_path, "documents")
    assert table.schema == DOCUMENTS
    assert table.column("page_ocr").to_pylist() == [None]


@pytest.mark.ocr
def test_two_page_scan_languages_reach_the_dataset(tmp_path: Path) -> None:
    first, _ = render_page(UK, dpi=200)
    second, _ = render_page(RU, dpi=200)
    scan = tmp_path / "scan.tif"
    first.save(scan, save_all=True, append_images=[second])
    extractor = ImageOcr(Settings.load())
    info = ItemInfo(D, "scan.tif", scan.stat().st_size, "image/tiff", None)
    rows = _write_and_read(tmp_path / "data", extractor.extract(scan, info))
    assert rows is not None
    assert [(r["page"], r["language"]) for r in rows] == [(1, "uk"), (2, "ru")]
    assert rows[1]["passes"][-1].startswith("rus+")
    assert pa.types.is_list(DOCUMENTS.field("page_ocr").type)
