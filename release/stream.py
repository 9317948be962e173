"""Bounded-memory reading: tables stay Arrow, rows become Python one batch at a time.

Why: a Python dict per row costs 5-10x the row's Arrow bytes, and redaction used to turn every
document, entity and segment of the dataset into dicts at once (plus pandas frames of every
released table in validation), so peak memory grew by tens of MB per 1,000 documents. Here a
table sorted by doc_id (as `schemas.dataset.read_table` returns it and as redaction writes its
tables) is kept columnar, indexed by each document's run of rows, and only one batch of
documents at a time becomes Python rows. Pure: reads nothing itself, never logs.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar

import pyarrow as pa
import pyarrow.compute as pc

#: Documents turned into Python rows at a time (redaction and validation). Results do not
#: depend on it (tests compare batch sizes 1, this and everything at once, byte for byte).
BATCH_DOCS = 500

T = TypeVar("T")


def batches(items: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    """Consecutive slices of at most `size` items (at least one item each)."""
    step = max(1, int(size))
    for start in range(0, len(items), step):
        yield items[start : start + step]


def doc_runs(column: pa.ChunkedArray | pa.Array) -> dict[str, tuple[int, int]]:
    """doc_id → (first row, row count) of a column sorted by doc_id (each document's rows are
    one run); a document whose rows are not contiguous is refused (ValueError), never merged."""
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    runs: dict[str, tuple[int, int]] = {}
    last: str | None = None
    offset = 0
    for chunk in chunks:
        if len(chunk) == 0:
            continue
        encoded = pc.run_end_encode(chunk)
        start = 0
        for value, end in zip(
            encoded.values.to_pylist(), encoded.run_ends.to_pylist(), strict=True
        ):
            doc_id = str(value)
            if doc_id == last:  # the same run across a chunk boundary
                first, count = runs[doc_id]
                runs[doc_id] = (first, count + end - start)
            elif doc_id in runs:
                raise ValueError("table not grouped by doc_id")
            else:
                runs[doc_id] = (offset + start, end - start)
            last, start = doc_id, end
        offset += len(chunk)
    return runs


class DocTable:
    """A table grouped by doc_id, held as Arrow; the rows of chosen documents on demand."""

    def __init__(self, table: pa.Table) -> None:
        self.table = table
        self.runs = doc_runs(table.column("doc_id")) if table.num_rows else {}

    def doc_ids(self) -> list[str]:
        """Documents in table order."""
        return list(self.runs)

    def indices(self, doc_ids: Iterable[str]) -> list[int]:
        """Row numbers of `doc_ids`' rows, in that order (absent documents have none)."""
        indices: list[int] = []
        for doc_id in doc_ids:
            run = self.runs.get(doc_id)
            if run is not None:
                indices.extend(range(run[0], run[0] + run[1]))
        return indices

    def slice(self, doc_ids: Iterable[str]) -> pa.Table:
        """The rows of `doc_ids` (in that order; absent documents have none) as Arrow."""
        indices = self.indices(doc_ids)
        if not indices:
            return self.table.schema.empty_table()
        return self.table.take(pa.array(indices, pa.int64()))

    def rows(self, doc_ids: Iterable[str]) -> list[dict[str, Any]]:
        """The rows of `doc_ids` as Python dicts (one batch at a time, never the whole table)."""
        return self.slice(doc_ids).to_pylist()
