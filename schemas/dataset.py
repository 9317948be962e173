"""The internal dataset store: zstd Parquet written in batches, each committed atomically.

Layout: `dataset/<table>/b-<batch>.parquet` (one file per table per batch, rows sorted by
doc_id) and `dataset/_commits/<seq>.json` (schemas.dataset_log). A batch's files are written
first (each atomically, core.durable); the commit record, created last, is what makes its
documents *known*. A crash before it leaves unreferenced files (swept later) and the old view;
after it, the new view. Replaying commits gives each doc_id one batch (a newer commit wins), so
a document never appears twice, and a rewrite never mixes old and new rows. Readers open only
the batches holding the documents they ask for. Legacy per-document files
(`dataset/<table>/<doc_id>.parquet`, before 0.3) are still read until `sestry compact` folds
them into a batch. Files are 0600, folders 0700. Nothing here logs or raises row contents.
"""

from __future__ import annotations

import os
import re
import secrets
import time
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from sestry.core.digest import b3_file
from sestry.core.durable import durable_writer, ensure_dir, fsync_dir, is_temp_name
from sestry.schemas import dataset_log as log
from sestry.schemas.tables import TABLES

SUFFIX = log.SUFFIX
COMPRESSION = "zstd"
COMPRESSION_LEVEL = 3
#: One row per document; the table a commit's doc list mirrors.
COMMIT_TABLE = "documents"
#: Tables besides the documents table.
ROW_TABLES: tuple[str, ...] = tuple(name for name in TABLES if name != COMMIT_TABLE)
#: Rows per row group in batch files: a read of a few documents decodes only the groups whose
#: doc_id range holds them (documents rows carry the text, so they get small groups).
ROW_GROUP_ROWS = {"documents": 1024}
DEFAULT_ROW_GROUP_ROWS = 16384
#: Unreferenced batch files younger than this may belong to a writer still running.
ORPHAN_GRACE_S = 600.0
_DOC_ID = re.compile(r"^[0-9a-f]{64}$")


class DatasetError(ValueError):
    """Rows handed to the store break its contract (message has codes and digests only)."""


def _check_doc_id(doc_id: str) -> None:
    if not isinstance(doc_id, str) or not _DOC_ID.match(doc_id):
        raise DatasetError("doc_id must be a 64-character lower-case hex digest")


def table_path(dataset_dir: Path, name: str, doc_id: str) -> Path:
    """Where a legacy (before 0.3) per-document file of one table lives."""
    return Path(dataset_dir) / name / f"{doc_id}{SUFFIX}"


def _conform(name: str, doc_id: str, table: pa.Table) -> pa.Table:
    """Cast to the exact table schema and check every row belongs to `doc_id`."""
    schema = TABLES[name]
    if set(table.column_names) != set(schema.names):
        raise DatasetError(f"{name}: columns do not match schemas.tables ({doc_id[:12]})")
    try:
        table = table.select(schema.names).cast(schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError, ValueError) as exc:
        raise DatasetError(f"{name}: rows do not fit the schema ({doc_id[:12]})") from exc
    ids = table.column("doc_id")
    if ids.null_count or (table.num_rows and set(ids.unique().to_pylist()) != {doc_id}):
        raise DatasetError(f"{name}: rows of another document ({doc_id[:12]})")
    if name == COMMIT_TABLE and table.num_rows != 1:
        raise DatasetError(f"documents: expected one row, got {table.num_rows} ({doc_id[:12]})")
    return table


def write_parquet(path: Path, table: pa.Table, row_group_size: int | None = None) -> None:
    """Write `table` to `path` durably (core.durable), with sestry's one Parquet codec."""
    with durable_writer(path) as sink:
        pq.write_table(
            table,
            sink,
            compression=COMPRESSION,
            compression_level=COMPRESSION_LEVEL,
            row_group_size=row_group_size,
        )


@dataclass(frozen=True)
class Committed:
    """A durable batch: its sequence, its files (commit record last) and their BLAKE3."""

    seq: int
    paths: tuple[Path, ...]
    digests: dict[str, str]  # table → BLAKE3 of its batch file


class Batch:
    """Documents gathered in memory, then written as one batch with one atomic commit.

    `add` checks a document's rows at once (DatasetError, nothing kept), so a bad item is
    refused before the batch is written; `commit` writes every table's file, then the record.
    """

    def __init__(self, dataset_dir: Path) -> None:
        self.dataset_dir = Path(dataset_dir)
        self._docs: dict[str, dict[str, pa.Table]] = {}
        self._removed: set[str] = set()

    def __len__(self) -> int:
        return len(self._docs) + len(self._removed)

    def add(self, doc_id: str, tables: Mapping[str, pa.Table]) -> dict[str, int]:
        """Queue (or replace) every row of one document; return its row count per table."""
        _check_doc_id(doc_id)
        unknown = set(tables) - set(TABLES)
        if unknown:
            raise DatasetError(f"unknown tables: {sorted(unknown)}")
        if COMMIT_TABLE not in tables:
            raise DatasetError(f"documents row missing ({doc_id[:12]})")
        conformed = {name: _conform(name, doc_id, table) for name, table in tables.items()}
        self._docs[doc_id] = conformed
        self._removed.discard(doc_id)
        return {name: table.num_rows for name, table in conformed.items()}

    def remove(self, doc_id: str) -> None:
        """Queue the withdrawal of a document."""
        _check_doc_id(doc_id)
        self._docs.pop(doc_id, None)
        self._removed.add(doc_id)

    def commit(self) -> Committed | None:
        """Write the batch (files, then the commit record); None when nothing was queued."""
        if not self._docs and not self._removed:
            return None
        docs, self._docs = self._docs, {}
        removed, self._removed = self._removed, set()
        ids = sorted(docs)
        parts = {name: [docs[d][name] for d in ids if name in docs[d]] for name in TABLES}
        cases = {d: docs[d][COMMIT_TABLE].column("case_id")[0].as_py() for d in ids}
        return write_batch(self.dataset_dir, parts, cases, removed=sorted(removed))


def write_batch(
    dataset_dir: Path,
    parts: Mapping[str, Iterable[pa.Table]],
    cases: Mapping[str, str | None],
    *,
    removed: Collection[str] = (),
    base_through: int | None = None,
) -> Committed:
    """Write conformed rows as one batch (rows sorted by doc_id), then commit it.

    `base_through` makes it a base commit (compaction): it replaces every commit up to that
    sequence and the legacy files.
    """
    dataset_dir = Path(dataset_dir)
    ensure_dir(dataset_dir)
    after = log.list_commits(dataset_dir)
    batch = secrets.token_hex(8)
    name = f"{log.BATCH_PREFIX}{batch}{SUFFIX}"
    files: dict[str, dict[str, object]] = {}
    paths: list[Path] = []
    for table_name in TABLES:
        pieces = [p for p in parts.get(table_name, ()) if p.num_rows]
        if not pieces:
            continue
        table = pa.concat_tables(pieces).cast(TABLES[table_name])
        table = table.take(pc.sort_indices(table, [("doc_id", "ascending")]))
        path = log.batch_file(dataset_dir, table_name, name)
        write_parquet(path, table, ROW_GROUP_ROWS.get(table_name, DEFAULT_ROW_GROUP_ROWS))
        files[table_name] = {"name": name, "b3": b3_file(path), "rows": table.num_rows}
        paths.append(path)
    record: dict[str, object] = {
        "batch": batch,
        "files": files,
        "docs": dict(sorted(cases.items())),
        "removed": sorted(removed),
    }
    if base_through is not None:
        record.update(base=True, through=base_through)
    commit = log.write_commit(dataset_dir, record, after=after[-1][0] if after else 0)
    paths.append(log.commits_dir(dataset_dir) / f"{commit.seq:010d}.json")
    digests = {t: str(e["b3"]) for t, e in files.items()}
    return Committed(seq=commit.seq, paths=tuple(paths), digests=digests)


def write_document(dataset_dir: Path, doc_id: str, tables: Mapping[str, pa.Table]) -> list[Path]:
    """Store (or replace) every row of one document as a batch of one; return the files written.

    `tables` must hold a one-row `documents` table; other tables may be missing or empty. The
    commit record is written last. Raises DatasetError when rows break the schema or belong to
    another document (nothing is written then).
    """
    batch = Batch(dataset_dir)
    batch.add(doc_id, tables)
    committed = batch.commit()
    assert committed is not None
    return list(committed.paths)


def remove_document(dataset_dir: Path, doc_id: str) -> None:
    """Withdraw a document with a commit that removes it (its rows stay until compaction)."""
    batch = Batch(dataset_dir)
    batch.remove(doc_id)
    batch.commit()


def view(dataset_dir: Path) -> log.View:
    """The committed view of the dataset (which batch holds each document)."""
    return log.load_view(Path(dataset_dir), COMMIT_TABLE)


def known_doc_ids(dataset_dir: Path) -> set[str]:
    """Doc ids of committed documents."""
    return set(view(dataset_dir).where)


def doc_ids_of_cases(dataset_dir: Path, case_ids: Collection[str]) -> set[str]:
    """Doc ids of committed documents in the given cases (from the commit index)."""
    current = view(dataset_dir)
    wanted = set(case_ids)
    found = {d for d, case in current.case.items() if case in wanted}
    legacy = {d for d, seq in current.where.items() if seq == log.LEGACY}
    if legacy:  # the case of a legacy document is in its file only
        rows = read_table(dataset_dir, COMMIT_TABLE, legacy).select(["doc_id", "case_id"])
        found |= {r["doc_id"] for r in rows.to_pylist() if r["case_id"] in wanted}
    return found


def document_files(dataset_dir: Path, doc_id: str) -> list[Path]:
    """The files holding a committed document's rows (its batch files, or legacy files)."""
    current = view(dataset_dir)
    seq = current.where.get(doc_id)
    if seq is None:
        return []
    if seq == log.LEGACY:
        names = [*ROW_TABLES, COMMIT_TABLE]
        return [p for n in names if (p := table_path(dataset_dir, n, doc_id)).is_file()]
    commit = current.commits[seq]
    return [
        log.batch_file(dataset_dir, t, name)
        for t in TABLES
        if (name := commit.file_name(t)) is not None
    ]


def read_table(dataset_dir: Path, name: str, doc_ids: Collection[str] | None = None) -> pa.Table:
    """Current rows of table `name` for committed documents (all, or those in `doc_ids`).

    The result has exactly the schema `schemas.tables.TABLES[name]`, sorted by doc_id (a
    document's rows keep their order); only the batches holding wanted documents are opened.
    """
    if name not in TABLES:
        raise DatasetError(f"unknown table: {name}")
    schema = TABLES[name]
    current = view(dataset_dir)
    wanted = set(current.where) if doc_ids is None else set(doc_ids) & set(current.where)
    parts = []
    for seq, docs in sorted(current.batches(wanted).items()):
        if seq == log.LEGACY:
            parts += _read_legacy(dataset_dir, name, docs)
            continue
        commit = current.commits[seq]
        file_name = commit.file_name(name)
        if file_name is None:
            continue
        path = log.batch_file(dataset_dir, name, file_name)
        if docs == set(commit.docs):
            parts.append(pq.read_table(path, schema=schema))
        else:  # row-group statistics on the sorted doc_id skip what is not wanted
            parts.append(pq.read_table(path, schema=schema, filters=[("doc_id", "in", docs)]))
    if not parts:
        return schema.empty_table()
    table = pa.concat_tables(parts).cast(schema)
    return table.take(pc.sort_indices(table, [("doc_id", "ascending")]))


def _read_legacy(dataset_dir: Path, name: str, docs: set[str]) -> list[pa.Table]:
    parts = []
    for doc_id in sorted(docs):
        try:
            parts.append(pq.read_table(table_path(dataset_dir, name, doc_id), schema=TABLES[name]))
        except FileNotFoundError:
            continue  # no rows of this table for this document
    return parts


def sweep_temp(dataset_dir: Path, *, grace_s: float = ORPHAN_GRACE_S) -> int:
    """Remove what killed writers left: temp files, and batch files no commit names.

    An unreferenced batch file is removed only when older than `grace_s` (a writer may still be
    committing it). Returns how many files were removed.
    """
    dataset_dir = Path(dataset_dir)
    removed = 0
    live = _live_batch_files(dataset_dir)
    now = time.time()
    for name in TABLES:
        folder = dataset_dir / name
        if not folder.is_dir():
            continue
        for entry in os.scandir(folder):
            legacy = entry.name.startswith(".") and entry.name.endswith(".tmp")  # before 0.2
            stale = (
                entry.name.startswith(log.BATCH_PREFIX)
                and (name, entry.name) not in live
                and now - entry.stat().st_mtime > grace_s
            )
            if is_temp_name(entry.name) or legacy or stale:
                Path(entry.path).unlink(missing_ok=True)
                removed += 1
    commits = log.commits_dir(dataset_dir)
    if commits.is_dir():
        for entry in os.scandir(commits):
            if is_temp_name(entry.name):
                Path(entry.path).unlink(missing_ok=True)
                removed += 1
    return removed


def _live_batch_files(dataset_dir: Path) -> set[tuple[str, str]]:
    """(table, file name) of every batch file a commit record names."""
    live = set()
    for seq, path in log.list_commits(dataset_dir):
        commit = log.read_commit(path, seq)
        live |= {(t, str(e["name"])) for t, e in commit.files.items()}
    return live


def unlink_files(paths: Iterable[Path]) -> None:
    """Remove files, then fsync each folder once (compaction's clean-up of replaced files).

    One fsync per folder rather than per file: a crash part-way leaves some replaced files,
    which no reader uses and the next compaction removes.
    """
    folders: set[Path] = set()
    for path in paths:
        try:
            Path(path).unlink()
        except FileNotFoundError:
            continue
        folders.add(Path(path).parent)
    for folder in sorted(folders):
        fsync_dir(folder)
