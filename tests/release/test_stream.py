"""release/stream.py: a table grouped by doc_id, held as Arrow, read one batch at a time."""

from __future__ import annotations

import pyarrow as pa
import pytest

from sestry.release.stream import DocTable, batches, doc_runs


def test_batches_cover_every_item_once_in_order() -> None:
    items = list(range(7))
    assert [list(b) for b in batches(items, 3)] == [[0, 1, 2], [3, 4, 5], [6]]
    assert [list(b) for b in batches(items, 0)] == [[i] for i in items]  # never empty batches
    assert list(batches([], 5)) == []


def test_runs_span_chunk_boundaries() -> None:
    column = pa.chunked_array([["a", "a", "b"], ["b", "b", "c"], []])
    assert doc_runs(column) == {"a": (0, 2), "b": (2, 3), "c": (5, 1)}


def test_a_document_split_in_two_runs_is_refused() -> None:
    with pytest.raises(ValueError, match="not grouped"):
        doc_runs(pa.array(["a", "b", "a"]))


def test_rows_of_chosen_documents_in_the_asked_order() -> None:
    table = pa.table({"doc_id": ["a", "a", "b", "c"], "n": [1, 2, 3, 4]})
    docs = DocTable(table)
    assert docs.doc_ids() == ["a", "b", "c"]
    assert [r["n"] for r in docs.rows(["c", "a", "zz"])] == [4, 1, 2]
    assert docs.indices(["b", "c"]) == [2, 3]
    assert docs.rows(["zz"]) == []
    assert DocTable(table.schema.empty_table()).rows(["a"]) == []
