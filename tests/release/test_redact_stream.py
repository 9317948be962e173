"""Batched redaction and validation (issue 14 item 2): the same release whatever the batch size,
and a term hidden in one batch is still caught in another."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sestry.core.settings import Settings
from sestry.release.redact_job import redact_dataset
from sestry.release.suites import validate_redaction
from tests.redaction.conftest import AddDocument, Ent
from tests.release_support import make_dataset

pytestmark = pytest.mark.nlp

NAME = "Олена Коваленко"
FIRST = "Мене звати Олена Коваленко. Телефон +380 67 123 45 67 забрали в Ізюмі."
LATER = "Потім Коваленко довго мовчала, а Олени вже не було."
TABLES = ("documents", "segments", "entities")


def _entities() -> list[Ent]:
    return [
        Ent(NAME, "PERSON", "олена коваленко"),
        Ent("+380 67 123 45 67", "PHONE", "+380671234567"),
        Ent("Ізюмі", "LOC", "ізюм", "UA63040090010029555", "UA63000000000041885"),
    ]


@pytest.fixture
def mixed(ready: Settings, add_document: AddDocument) -> list[str]:
    """Generated transcripts (some unconsented) plus a name recognised in one document and
    repeated unrecognised in another, so a small batch puts them in different batches."""
    ids = make_dataset(ready.data_dir, 9, unconsented=2, seed=5)
    ids.append(add_document(FIRST, _entities()))
    ids.append(add_document(LATER, []))
    return ids


def _release(folder: Path) -> dict[str, object]:
    """What must not depend on the batch size: table bytes, validation, summary facts."""
    summary = json.loads((folder / "redaction.json").read_text(encoding="utf-8"))
    for volatile in ("redaction_id", "created_at"):
        summary.pop(volatile)
    return {
        **{name: (folder / f"{name}.parquet").read_bytes() for name in TABLES},
        "validation": json.loads((folder / "validation.json").read_text(encoding="utf-8")),
        "summary": summary,
    }


def test_release_is_byte_identical_whatever_the_batch_size(
    ready: Settings, mixed: list[str]
) -> None:
    runs = {
        size: redact_dataset(ready, "prosecution", batch_docs=size) for size in (1, 4, 100_000)
    }
    assert all(r.passed for r in runs.values()), {s: r.failed_checks for s, r in runs.items()}
    released = {size: _release(Path(r.path)) for size, r in runs.items()}
    assert released[1] == released[100_000]
    assert released[4] == released[100_000]
    assert len(runs[1].doc_ids) == 11  # 9 generated + 2 added; the 2 unconsented left out


def test_a_name_hidden_in_one_batch_is_swept_in_another(
    ready: Settings, mixed: list[str]
) -> None:
    result = redact_dataset(ready, "prosecution", batch_docs=1)
    assert result.passed, result.failed_checks
    rows = pq.read_table(Path(result.path) / "documents.parquet").to_pylist()
    later = next(r for r in rows if r["doc_id"] == mixed[-1])
    assert "Коваленко" not in later["text"]
    assert "Олени" not in later["text"]
    swept = pq.read_table(Path(result.path) / "entities.parquet").to_pylist()
    assert any(e["doc_id"] == mixed[-1] and e["detector"] == "sweep" for e in swept)


def _plant_last(path: Path, column: str, value: str) -> None:
    table = pq.read_table(path)
    rows = table.to_pylist()
    rows[-1][column] = value
    pq.write_table(pa.Table.from_pylist(rows, table.schema), path)


def test_a_leak_in_the_last_batch_fails_with_the_same_report(
    ready: Settings, mixed: list[str]
) -> None:
    """A term of the first document planted in the last row: every batch size blocks it, with
    the same check, count and row number (the table's, not the batch's)."""
    folder = Path(redact_dataset(ready, "prosecution", batch_docs=3).path)
    _plant_last(folder / "documents.parquet", "text", "Тут знову Олена Коваленко.")
    reports = {size: validate_redaction(folder, ready, batch_docs=size) for size in (1, 3, 10**6)}
    for report in reports.values():
        assert not report.passed
        assert "documents.text.no_leak_terms" in {r.check_id for r in report.failures()}
        assert "Коваленк" not in json.dumps(report.to_json(), ensure_ascii=False)
    results = {size: report.to_json()["results"] for size, report in reports.items()}
    assert results[1] == results[10**6] == results[3]
    leak = next(r for r in reports[1].failures() if r.check_id == "documents.text.no_leak_terms")
    assert leak.unexpected_count == 1
    assert leak.where[0].startswith(f"row {len(mixed) - 3} ")  # 11 released rows: the last
