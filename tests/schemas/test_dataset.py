"""The internal dataset store: crash-safe, one document once, exact schemas."""

from __future__ import annotations

import datetime as dt
import stat
from pathlib import Path

import pyarrow as pa
import pytest

from sestry.schemas import dataset
from sestry.schemas.tables import DOCUMENTS, ENTITIES, SEGMENTS, TABLES

A = "a" * 64
B = "b" * 64


def doc_row(doc_id: str, text: str = "Свідок розповів.") -> pa.Table:
    row = {
        "doc_id": doc_id,
        "case_id": "C-1",
        "kind": "transcript",
        "media_type": "text/plain",
        "source_name": "x.txt",
        "language": "uk",
        "text": text,
        "pages": 1,
        "method": "transcript",
        "ocr_confidence": None,
        "consent": ["research"],
        "collected_at": "2024-01-02",
        "ingested_at": dt.datetime(2024, 1, 3, tzinfo=dt.UTC),
        "extractor_version": "plain@1",
        "audio_id": None,
        "duration_s": None,
    }
    return pa.Table.from_pylist([row], schema=DOCUMENTS)


def seg_rows(doc_id: str, n: int) -> pa.Table:
    rows = [
        {
            "doc_id": doc_id,
            "seq": i,
            "page": 1,
            "start": i,
            "end": i + 1,
            "speaker": None,
            "t_start": None,
            "t_end": None,
        }
        for i in range(n)
    ]
    return pa.Table.from_pylist(rows, schema=SEGMENTS)


def test_write_then_read_returns_exact_schemas(tmp_path: Path) -> None:
    dataset.write_document(tmp_path, A, {"documents": doc_row(A), "segments": seg_rows(A, 3)})
    assert dataset.known_doc_ids(tmp_path) == {A}
    for name, schema in TABLES.items():
        table = dataset.read_table(tmp_path, name)
        assert table.schema.equals(schema), name
    assert dataset.read_table(tmp_path, "segments").num_rows == 3
    assert dataset.read_table(tmp_path, "entities").num_rows == 0


def test_rewrite_replaces_rows_never_duplicates(tmp_path: Path) -> None:
    dataset.write_document(tmp_path, A, {"documents": doc_row(A), "segments": seg_rows(A, 3)})
    dataset.write_document(
        tmp_path, A, {"documents": doc_row(A, "нове"), "segments": seg_rows(A, 1)}
    )
    docs = dataset.read_table(tmp_path, "documents")
    assert docs.column("doc_id").to_pylist() == [A]
    assert docs.column("text").to_pylist() == ["нове"]
    assert dataset.read_table(tmp_path, "segments").num_rows == 1


def test_rewrite_without_rows_removes_old_rows(tmp_path: Path) -> None:
    dataset.write_document(tmp_path, A, {"documents": doc_row(A), "segments": seg_rows(A, 3)})
    dataset.write_document(tmp_path, A, {"documents": doc_row(A)})
    assert dataset.read_table(tmp_path, "segments").num_rows == 0


def test_rows_of_an_uncommitted_batch_are_invisible(tmp_path: Path) -> None:
    """A crash after the batch files but before the commit record leaves nothing visible."""
    written = dataset.write_document(
        tmp_path, A, {"documents": doc_row(A), "segments": seg_rows(A, 2)}
    )
    assert written[-1].parent.name == "_commits"  # the record is written last
    written[-1].unlink()
    assert dataset.known_doc_ids(tmp_path) == set()
    assert dataset.read_table(tmp_path, "segments").num_rows == 0


def test_read_filters_by_doc_ids(tmp_path: Path) -> None:
    for doc_id in (A, B):
        dataset.write_document(tmp_path, doc_id, {"documents": doc_row(doc_id)})
    assert dataset.read_table(tmp_path, "documents", [B]).column("doc_id").to_pylist() == [B]
    assert dataset.read_table(tmp_path, "documents", []).num_rows == 0


def test_rows_of_another_document_are_refused(tmp_path: Path) -> None:
    with pytest.raises(dataset.DatasetError) as err:
        dataset.write_document(tmp_path, A, {"documents": doc_row(A), "segments": seg_rows(B, 1)})
    assert "Свідок" not in str(err.value)
    assert dataset.known_doc_ids(tmp_path) == set()


def test_two_document_rows_are_refused(tmp_path: Path) -> None:
    two = pa.concat_tables([doc_row(A), doc_row(A)])
    with pytest.raises(dataset.DatasetError):
        dataset.write_document(tmp_path, A, {"documents": two})


def test_documents_row_is_required(tmp_path: Path) -> None:
    with pytest.raises(dataset.DatasetError):
        dataset.write_document(tmp_path, A, {"segments": seg_rows(A, 1)})


@pytest.mark.parametrize("bad", ["../" + "a" * 61, "A" * 64, "a" * 63, ""])
def test_doc_id_must_be_a_digest(tmp_path: Path, bad: str) -> None:
    with pytest.raises(dataset.DatasetError):
        dataset.write_document(tmp_path, bad, {"documents": doc_row(A)})


def test_wrong_columns_are_refused(tmp_path: Path) -> None:
    ents = pa.table({"doc_id": [A], "start": [0]})
    with pytest.raises(dataset.DatasetError):
        dataset.write_document(tmp_path, A, {"documents": doc_row(A), "entities": ents})
    assert ENTITIES.names  # the schema the store enforces


def test_files_are_private(tmp_path: Path) -> None:
    root = tmp_path / "ds"
    dataset.write_document(root, A, {"documents": doc_row(A), "segments": seg_rows(A, 1)})
    for path in [root, root / "documents", root / "segments"]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o700, path
    for path in (root / "documents").iterdir():
        assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_files_are_zstd(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    dataset.write_document(tmp_path, A, {"documents": doc_row(A)})
    [path] = dataset.document_files(tmp_path, A)
    meta = pq.ParquetFile(path).metadata
    assert meta.row_group(0).column(0).compression == "ZSTD"


def test_sweep_temp_removes_leftovers(tmp_path: Path) -> None:
    dataset.write_document(tmp_path, A, {"documents": doc_row(A)})
    left = tmp_path / "documents" / f".{A}.parquet.1.ab.tmp"
    left.write_bytes(b"partial")
    assert dataset.sweep_temp(tmp_path) == 1
    assert not left.exists()
    assert dataset.known_doc_ids(tmp_path) == {A}


def test_remove_document(tmp_path: Path) -> None:
    dataset.write_document(tmp_path, A, {"documents": doc_row(A), "segments": seg_rows(A, 1)})
    dataset.remove_document(tmp_path, A)
    assert dataset.known_doc_ids(tmp_path) == set()
    assert dataset.read_table(tmp_path, "segments").num_rows == 0
    dataset.write_document(tmp_path, A, {"documents": doc_row(A)})  # back again
    assert dataset.known_doc_ids(tmp_path) == {A}
