"""The internal dataset store: one zstd Parquet file per document per table.

Layout: `dataset/<table>/<doc_id>.parquet`. A document is *known* only when its `documents` file
exists, and that file is always written last, so a crash at any point leaves either the old
complete document, or no document (which a rerun completes), never a half one. Readers only see
rows of known documents. One file per doc_id makes a document appearing twice impossible by
construction. Files are 0600, folders 0700. Nothing here logs or raises row contents.
"""

from __future__ import annotations

import os
import re
from collections.abc import Collection, Mapping
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from sestry.core.durable import durable_writer, ensure_dir, is_temp_name, unlink_durable
from sestry.schemas.tables import TABLES

SUFFIX = ".parquet"
COMPRESSION = "zstd"
COMPRESSION_LEVEL = 3
#: Written last; its presence is what makes a document "known".
COMMIT_TABLE = "documents"
#: Tables written before the commit table.
ROW_TABLES: tuple[str, ...] = tuple(name for name in TABLES if name != COMMIT_TABLE)
_DOC_ID = re.compile(r"^[0-9a-f]{64}$")


class DatasetError(ValueError):
    """Rows handed to the store break its contract (message has codes and digests only)."""


def _check_doc_id(doc_id: str) -> None:
    if not isinstance(doc_id, str) or not _DOC_ID.match(doc_id):
        raise DatasetError("doc_id must be a 64-character lower-case hex digest")


def table_path(dataset_dir: Path, name: str, doc_id: str) -> Path:
    """Where the rows of one document for one table live."""
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


def write_parquet(path: Path, table: pa.Table) -> None:
    """Write `table` to `path` durably (core.durable), with sestry's one Parquet codec."""
    with durable_writer(path) as sink:
        pq.write_table(table, sink, compression=COMPRESSION, compression_level=COMPRESSION_LEVEL)


def write_document(dataset_dir: Path, doc_id: str, tables: Mapping[str, pa.Table]) -> list[Path]:
    """Store (or replace) every row of one document; return the files written, commit file last.

    `tables` must hold a one-row `documents` table; other tables may be missing or empty. A
    rewrite first withdraws the document (removes its `documents` file), then writes the row
    tables, then the `documents` file: readers never see old and new rows mixed, and a crash
    leaves the document unknown so the next run writes it again. Raises DatasetError when rows
    break the schema or belong to another document.
    """
    dataset_dir = Path(dataset_dir)
    _check_doc_id(doc_id)
    unknown = set(tables) - set(TABLES)
    if unknown:
        raise DatasetError(f"unknown tables: {sorted(unknown)}")
    if COMMIT_TABLE not in tables:
        raise DatasetError(f"documents row missing ({doc_id[:12]})")
    conformed = {name: _conform(name, doc_id, table) for name, table in tables.items()}
    ensure_dir(dataset_dir)
    unlink_durable(table_path(dataset_dir, COMMIT_TABLE, doc_id))
    written: list[Path] = []
    for name in ROW_TABLES:
        path = table_path(dataset_dir, name, doc_id)
        table = conformed.get(name)
        if table is None or table.num_rows == 0:
            unlink_durable(path)
            continue
        write_parquet(path, table)
        written.append(path)
    path = table_path(dataset_dir, COMMIT_TABLE, doc_id)
    write_parquet(path, conformed[COMMIT_TABLE])
    written.append(path)
    return written


def remove_document(dataset_dir: Path, doc_id: str) -> None:
    """Withdraw a document: its commit file first, then its row files."""
    _check_doc_id(doc_id)
    unlink_durable(table_path(dataset_dir, COMMIT_TABLE, doc_id))
    for name in ROW_TABLES:
        unlink_durable(table_path(dataset_dir, name, doc_id))


def known_doc_ids(dataset_dir: Path) -> set[str]:
    """Doc ids whose rows are all durable (their `documents` file exists)."""
    folder = Path(dataset_dir) / COMMIT_TABLE
    if not folder.is_dir():
        return set()
    found = set()
    for entry in os.scandir(folder):
        stem = entry.name[: -len(SUFFIX)]
        if entry.name.endswith(SUFFIX) and _DOC_ID.match(stem) and entry.is_file():
            found.add(stem)
    return found


def read_table(dataset_dir: Path, name: str, doc_ids: Collection[str] | None = None) -> pa.Table:
    """Current rows of table `name` for known documents (all, or those in `doc_ids`).

    The result has exactly the schema `schemas.tables.TABLES[name]`, sorted by doc_id; rows of a
    document being written or withdrawn are not returned.
    """
    if name not in TABLES:
        raise DatasetError(f"unknown table: {name}")
    schema = TABLES[name]
    wanted = known_doc_ids(dataset_dir)
    if doc_ids is not None:
        wanted &= set(doc_ids)
    parts = []
    for doc_id in sorted(wanted):
        path = table_path(dataset_dir, name, doc_id)
        try:
            part = pq.read_table(path, schema=schema)
        except FileNotFoundError:
            continue  # no rows of this table for this document
        parts.append(part)
    if not parts:
        return schema.empty_table()
    return pa.concat_tables(parts).cast(schema)


def sweep_temp(dataset_dir: Path) -> int:
    """Remove temp files left by a killed writer; return how many were removed."""
    removed = 0
    for name in TABLES:
        folder = Path(dataset_dir) / name
        if not folder.is_dir():
            continue
        for entry in os.scandir(folder):
            legacy = entry.name.startswith(".") and entry.name.endswith(".tmp")  # before 0.2
            if is_temp_name(entry.name) or legacy:
                Path(entry.path).unlink(missing_ok=True)
                removed += 1
    return removed
