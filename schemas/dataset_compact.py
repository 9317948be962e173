"""Compaction: fold every batch (and the legacy per-document files) into one base batch.

Why: ingest writes one small batch per run or per few hundred items; reads cost per file, so
many small batches slow every later step. Compaction reads the committed view, writes it as a
new batch with a *base* commit that replaces every commit up to the one it read, then removes
what the base replaced. A kill before the base commit leaves the old view (and unreferenced
files, swept later); after it, the new view; readers never see both or neither. A writer that
commits meanwhile keeps its rows: its commit comes after the base's `through`. Callers hold the
ingest lock so no ingest runs at the same time.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pyarrow as pa

from sestry.core.digest import b3_file
from sestry.schemas import dataset
from sestry.schemas import dataset_log as log
from sestry.schemas.tables import TABLES


class IntegrityError(ValueError):
    """A committed batch file no longer has the BLAKE3 its commit records (names the file)."""


@dataclass(frozen=True)
class CompactReport:
    """Counts only: documents kept, batches and legacy documents before, files removed."""

    documents: int
    batches_before: int
    legacy_before: int
    files_removed: int
    compacted: bool
    record: Path | None = None  # the base commit record written (None when nothing to fold)


def check_files(dataset_dir: Path, current: log.View) -> None:
    """Fail closed if a live batch file differs from the digest its commit records."""
    for commit in current.commits.values():
        for table, entry in commit.files.items():
            path = log.batch_file(dataset_dir, table, str(entry["name"]))
            if b3_file(path) != entry["b3"]:
                raise IntegrityError(f"dataset file changed since its commit: {table}/{path.name}")


def compact(dataset_dir: Path) -> CompactReport:
    """Rewrite the committed view as one base batch, then remove what it replaced."""
    dataset_dir = Path(dataset_dir)
    current = dataset.view(dataset_dir)
    live = set(current.where.values())
    legacy = sum(1 for seq in current.where.values() if seq == log.LEGACY)
    records = len(log.list_commits(dataset_dir))
    needed = bool(legacy) or len(live) > 1 or records > len(live)  # more than one, or dead rows
    if not needed:
        removed = _clean(dataset_dir, current)  # nothing written since it was read
        return CompactReport(len(current.where), len(live), 0, removed, False)
    check_files(dataset_dir, current)
    doc_ids = set(current.where)
    # one table in memory at a time: each is read when write_batch reaches it
    parts = {name: _reader(dataset_dir, name, doc_ids) for name in TABLES}
    cases = dict(current.case)
    old = {d for d, seq in current.where.items() if seq == log.LEGACY}
    if old:  # a legacy document's case is in its file only
        table = dataset.read_table(dataset_dir, "documents", old).select(["doc_id", "case_id"])
        cases.update({r["doc_id"]: r["case_id"] for r in table.to_pylist()})
    committed = dataset.write_batch(dataset_dir, parts, cases, base_through=current.last_seq)
    removed = _clean(dataset_dir, dataset.view(dataset_dir))
    batches = len(live - {log.LEGACY})
    return CompactReport(len(doc_ids), batches, legacy, removed, True, committed.paths[-1])


def _reader(dataset_dir: Path, name: str, doc_ids: set[str]) -> Iterator[pa.Table]:
    yield dataset.read_table(dataset_dir, name, doc_ids)


def _clean(dataset_dir: Path, current: log.View) -> int:
    """Remove commits, batch files and legacy files a base commit replaced; return the count."""
    if current.base_seq is None:
        return 0
    keep = {(t, str(e["name"])) for c in current.commits.values() for t, e in c.files.items()}
    doomed: list[Path] = []
    for seq, path in log.list_commits(dataset_dir):
        if seq <= current.through and seq != current.base_seq:
            commit = log.read_commit(path, seq)
            doomed += [
                log.batch_file(dataset_dir, t, str(e["name"]))
                for t, e in commit.files.items()
                if (t, str(e["name"])) not in keep
            ]
            doomed.append(path)  # the record after its files: a retry still finds them
    for table in TABLES:
        for doc_id in log.legacy_doc_ids(dataset_dir, table):
            doomed.append(dataset.table_path(dataset_dir, table, doc_id))
    dataset.unlink_files(doomed)
    return len(doomed)
