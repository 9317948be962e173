"""Dataset layout benchmark: per-document files (before 0.3) against batches, same rows.

    .venv/bin/python -m bench.dataset_layout [--docs 2000]

Writes `--docs` synthetic documents (one documents row of ~1.4 KB text, 20 segments, 5
entities each) twice: as legacy per-document files (`<table>/<doc_id>.parquet`, the layout
before 0.3) and as batches of 256 documents, then compacted. Times writing, reading each whole
table, and reading one document by digest; counts files. Prints one JSON object.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import tempfile
import time
from pathlib import Path

import pyarrow as pa

from sestry.schemas import dataset, dataset_compact
from sestry.schemas.tables import DOCUMENTS, ENTITIES, SEGMENTS

BATCH = 256


def _tables(i: int) -> tuple[str, dict[str, pa.Table]]:
    doc_id = f"{i * 2654435761 % (1 << 64):064x}"
    doc = {n: None for n in DOCUMENTS.names}
    doc.update(
        doc_id=doc_id,
        case_id=f"C-{i % 25}",
        kind="transcript",
        media_type="text/plain",
        text=("Свідок розповів про вечір і холод. " * 40)[:1400],
        pages=1,
        method="transcript",
        consent=["research"],
        ingested_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
        extractor_version="bench@1",
    )
    segs = [{"doc_id": doc_id, "seq": k, "start": k * 70, "end": k * 70 + 69} for k in range(20)]
    ents = [
        {"doc_id": doc_id, "start": k * 9, "end": k * 9 + 5, "label": "PERSON", "text": "Олена",
         "detector": "bench@1", "score": 1.0}
        for k in range(5)
    ]  # fmt: skip
    return doc_id, {
        "documents": pa.Table.from_pylist([doc], DOCUMENTS),
        "segments": pa.Table.from_pylist(segs, SEGMENTS),
        "entities": pa.Table.from_pylist(ents, ENTITIES),
    }


def _write_legacy(root: Path, docs: list[tuple[str, dict[str, pa.Table]]]) -> None:
    for doc_id, tables in docs:  # the 0.2 order: row tables, then the documents file
        for name in ("segments", "entities", "documents"):
            dataset.write_parquet(dataset.table_path(root, name, doc_id), tables[name])


def _write_batches(root: Path, docs: list[tuple[str, dict[str, pa.Table]]]) -> None:
    batch = dataset.Batch(root)
    for doc_id, tables in docs:
        batch.add(doc_id, tables)
        if len(batch) >= BATCH:
            batch.commit()
    batch.commit()


def _timed(fn: object) -> float:
    start = time.perf_counter()
    fn()  # type: ignore[operator]
    return round(time.perf_counter() - start, 3)


def _reads(root: Path, one: str) -> dict[str, float | int]:
    return {
        "files": sum(1 for p in root.rglob("*") if p.is_file()),
        "read_documents_s": _timed(lambda: dataset.read_table(root, "documents")),
        "read_segments_s": _timed(lambda: dataset.read_table(root, "segments")),
        "read_one_document_s": _timed(lambda: dataset.read_table(root, "segments", [one])),
    }


def run(n: int) -> dict[str, object]:
    """Both layouts over the same `n` documents; seconds and file counts."""
    docs = [_tables(i) for i in range(n)]
    one = docs[n // 2][0]
    out: dict[str, object] = {"docs": n}
    with tempfile.TemporaryDirectory(prefix="sestry-layout-") as tmp:
        legacy, batched = Path(tmp) / "legacy", Path(tmp) / "batched"
        out["legacy"] = {"write_s": _timed(lambda: _write_legacy(legacy, docs))}
        out["legacy"].update(_reads(legacy, one))  # type: ignore[union-attr]
        out["batches"] = {"write_s": _timed(lambda: _write_batches(batched, docs))}
        out["batches"].update(_reads(batched, one))  # type: ignore[union-attr]
        out["compacted"] = {"compact_s": _timed(lambda: dataset_compact.compact(batched))}
        out["compacted"].update(_reads(batched, one))  # type: ignore[union-attr]
        out["migrated"] = {"compact_s": _timed(lambda: dataset_compact.compact(legacy))}
        out["migrated"].update(_reads(legacy, one))  # type: ignore[union-attr]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=2000)
    print(json.dumps(run(parser.parse_args().docs)))


if __name__ == "__main__":
    main()
