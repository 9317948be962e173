"""Batches, commits, legacy files and compaction of the internal dataset."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from sestry.schemas import dataset, dataset_compact
from sestry.schemas import dataset_log as log
from tests.schemas.test_dataset import doc_row, seg_rows

IDS = [f"{i:064x}" for i in range(1, 13)]


def batch_of(root: Path, ids: list[str], segs: int = 2) -> dataset.Committed:
    batch = dataset.Batch(root)
    for doc_id in ids:
        batch.add(doc_id, {"documents": doc_row(doc_id), "segments": seg_rows(doc_id, segs)})
    committed = batch.commit()
    assert committed is not None
    return committed


def write_legacy(root: Path, doc_id: str) -> None:
    """A document as sestry 0.2 stored it: one file per table, documents file last."""
    dataset.write_parquet(dataset.table_path(root, "segments", doc_id), seg_rows(doc_id, 1))
    dataset.write_parquet(dataset.table_path(root, "documents", doc_id), doc_row(doc_id))


def test_a_batch_is_one_file_per_table_and_one_commit(tmp_path: Path) -> None:
    batch_of(tmp_path, IDS[:5])
    assert len(list((tmp_path / "documents").iterdir())) == 1
    assert len(list((tmp_path / "segments").iterdir())) == 1
    assert len(log.list_commits(tmp_path)) == 1
    assert dataset.known_doc_ids(tmp_path) == set(IDS[:5])
    segs = dataset.read_table(tmp_path, "segments")
    assert segs.column("doc_id").to_pylist() == sorted(IDS[:5] * 2)
    assert segs.column("seq").to_pylist() == [0, 1] * 5  # a document's rows keep their order
    for path in [tmp_path / "_commits", *(tmp_path / "_commits").iterdir()]:
        mode = stat.S_IMODE(path.stat().st_mode)
        assert mode == (0o700 if path.is_dir() else 0o600), path


def test_a_newer_commit_wins_and_nothing_is_duplicated(tmp_path: Path) -> None:
    batch_of(tmp_path, IDS[:4], segs=3)
    batch_of(tmp_path, IDS[2:6], segs=1)
    docs = dataset.read_table(tmp_path, "documents").column("doc_id").to_pylist()
    assert docs == sorted(IDS[:6])
    segs = dataset.read_table(tmp_path, "segments").column("doc_id").to_pylist()
    assert segs.count(IDS[0]) == 3
    assert segs.count(IDS[3]) == 1


def test_reads_open_only_the_batches_they_need(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    batch_of(tmp_path, IDS[:4])
    second = batch_of(tmp_path, IDS[4:8])
    opened: list[str] = []
    real = pq.read_table

    def spy(path: object, **kwargs: object) -> object:
        opened.append(Path(str(path)).name)
        return real(path, **kwargs)

    monkeypatch.setattr(dataset.pq, "read_table", spy)
    table = dataset.read_table(tmp_path, "segments", [IDS[5]])
    assert table.column("doc_id").to_pylist() == [IDS[5], IDS[5]]
    assert opened == [second.paths[0].name]


def test_case_index_finds_documents_without_reading_rows(tmp_path: Path) -> None:
    batch_of(tmp_path, IDS[:2])
    assert dataset.doc_ids_of_cases(tmp_path, ["C-1"]) == set(IDS[:2])
    assert dataset.doc_ids_of_cases(tmp_path, ["C-2"]) == set()


def test_legacy_per_document_files_are_read_and_overridden(tmp_path: Path) -> None:
    write_legacy(tmp_path, IDS[0])
    write_legacy(tmp_path, IDS[1])
    assert dataset.known_doc_ids(tmp_path) == set(IDS[:2])
    assert dataset.doc_ids_of_cases(tmp_path, ["C-1"]) == set(IDS[:2])
    batch_of(tmp_path, [IDS[1]], segs=4)
    segs = dataset.read_table(tmp_path, "segments").column("doc_id").to_pylist()
    assert segs == [IDS[0]] + [IDS[1]] * 4
    dataset.remove_document(tmp_path, IDS[0])
    assert dataset.known_doc_ids(tmp_path) == {IDS[1]}


def test_compaction_folds_batches_and_legacy_files_into_one(tmp_path: Path) -> None:
    write_legacy(tmp_path, IDS[0])
    for start in range(1, 10, 3):
        batch_of(tmp_path, IDS[start : start + 3])
    dataset.remove_document(tmp_path, IDS[9])
    before = {n: dataset.read_table(tmp_path, n) for n in ("documents", "segments")}
    report = dataset_compact.compact(tmp_path)
    assert report.compacted
    assert report.documents == 9
    assert report.legacy_before == 1
    for name, table in before.items():
        assert dataset.read_table(tmp_path, name).equals(table), name
        assert len(list((tmp_path / name).iterdir())) == 1, name
    assert len(log.list_commits(tmp_path)) == 1
    assert not dataset_compact.compact(tmp_path).compacted  # nothing left to fold


def test_a_commit_made_during_compaction_is_kept(tmp_path: Path) -> None:
    batch_of(tmp_path, IDS[:2])
    current = dataset.view(tmp_path)
    batch_of(tmp_path, [IDS[0], IDS[5]], segs=5)  # lands after compaction read the view
    parts = {n: [dataset.read_table(tmp_path, n, IDS[:2])] for n in ("documents", "segments")}
    parts["segments"] = [seg_rows(IDS[0], 1), seg_rows(IDS[1], 1)]  # the older rows
    dataset.write_batch(tmp_path, parts, {d: "C-1" for d in IDS[:2]}, base_through=1)
    assert current.last_seq == 1
    segs = dataset.read_table(tmp_path, "segments").column("doc_id").to_pylist()
    assert segs.count(IDS[0]) == 5
    assert segs.count(IDS[5]) == 5
    assert segs.count(IDS[1]) == 1


def test_compaction_refuses_a_changed_batch_file(tmp_path: Path) -> None:
    committed = batch_of(tmp_path, IDS[:2])
    batch_of(tmp_path, IDS[2:4])
    path = committed.paths[0]
    os.chmod(path, 0o600)
    data = bytearray(path.read_bytes())
    data[-20] ^= 1
    path.write_bytes(bytes(data))
    with pytest.raises(dataset_compact.IntegrityError) as err:
        dataset_compact.compact(tmp_path)
    assert "documents/" in str(err.value)
    assert len(log.list_commits(tmp_path)) == 2  # nothing rewritten


def test_sweep_removes_old_orphans_only(tmp_path: Path) -> None:
    committed = batch_of(tmp_path, IDS[:2])
    committed.paths[-1].unlink()  # killed before the commit record
    assert dataset.sweep_temp(tmp_path) == 0  # young: a writer may still be committing
    assert dataset.sweep_temp(tmp_path, grace_s=-1) == 2
    batch_of(tmp_path, IDS[:1])
    assert dataset.sweep_temp(tmp_path, grace_s=-1) == 0
    assert dataset.known_doc_ids(tmp_path) == {IDS[0]}


def test_a_bad_commit_record_fails_closed(tmp_path: Path) -> None:
    committed = batch_of(tmp_path, IDS[:1])
    record = committed.paths[-1]
    os.chmod(record, 0o600)
    record.write_text('{"format": "other"}')
    with pytest.raises(log.LogError):
        dataset.known_doc_ids(tmp_path)


def test_documents_of_a_large_batch_are_in_small_row_groups(tmp_path: Path) -> None:
    """A read of one document decodes one group of documents rows, not the whole batch."""
    ids = [f"{i:064x}" for i in range(1, 2101)]
    committed = batch_of(tmp_path, ids, segs=1)
    meta = pq.ParquetFile(committed.paths[0]).metadata
    assert meta.num_row_groups == 3
    table = dataset.read_table(tmp_path, "documents", [ids[1500]])
    assert table.column("doc_id").to_pylist() == [ids[1500]]
