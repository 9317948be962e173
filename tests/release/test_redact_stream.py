"""Batched redaction and validation (issue 14 item 2): the same release whatever the batch size,
and a term hidden in one batch is still caught in another."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from sestry.core.settings import Settings
from sestry.redaction.decisions import span_hash
from sestry.release.redact_job import redact_dataset
from sestry.release.suites import validate_redaction
from tests.redaction.conftest import AddDocument, Ent
from tests.release_support import make_dataset, record_decision

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
    runs = {size: redact_dataset(ready, "prosecution", batch_docs=size) for size in (1, 4, 100_000)}
    assert all(r.passed for r in runs.values()), {s: r.failed_checks for s, r in runs.items()}
    released = {size: _release(Path(r.path)) for size, r in runs.items()}
    assert released[1] == released[100_000]
    assert released[4] == released[100_000]
    assert len(runs[1].doc_ids) == 11  # 9 generated + 2 added; the 2 unconsented left out


def test_a_name_hidden_in_one_batch_is_swept_in_another(ready: Settings, mixed: list[str]) -> None:
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


CARD = "Картка переселенки 7731-ХК-0925 лишилась у них, казав Петро Іваненко."
MISSED = "7731-ХК-0925"


def _decide(settings: Settings, doc_id: str, action: str, n: int, **extra: object) -> None:
    record_decision(settings.data_dir, doc_id, action, n, reviewer=f"T0{n}", **extra)


def test_review_decisions_give_the_same_release_whatever_the_batch_size(
    ready: Settings, mixed: list[str], add_document: AddDocument
) -> None:
    """An added span, a removed one and a stale decision in different batches: the same tables,
    validation and review summary as one batch of everything."""
    name = "Петро Іваненко"
    card = add_document(CARD, [Ent(name, "PERSON", "петро іваненко")])
    start = CARD.index(MISSED)
    _decide(
        ready, card, "add", 1, start=start, end=start + len(MISSED), label="ID_DOC",
        span_b3=span_hash(CARD, start, start + len(MISSED)),
    )  # fmt: skip
    at = CARD.index(name)
    _decide(
        ready, card, "remove", 2, start=at, end=at + len(name),
        span_b3=span_hash(CARD, at, at + len(name)),
    )  # fmt: skip
    _decide(
        ready, mixed[-1], "add", 3, start=0, end=5, label="PERSON", span_b3="0" * 64
    )  # stale: its hash anchors nowhere
    runs = {size: redact_dataset(ready, "prosecution", batch_docs=size) for size in (1, 10**6)}
    released = {size: _release(Path(r.path)) for size, r in runs.items()}
    assert released[1] == released[10**6]
    review = released[1]["summary"]["review"]  # type: ignore[index]
    assert review["decisions_changing_result"] == 2
    assert review["stale_decisions"] == 1
    rows = pq.read_table(Path(runs[1].path) / "documents.parquet").to_pylist()
    text = next(r["text"] for r in rows if r["doc_id"] == card)
    assert MISSED not in text


def test_a_table_not_grouped_by_document_is_checked_whole(
    ready: Settings, mixed: list[str]
) -> None:
    """Rows of one document split apart (an edit on disk): validation does not trust batches
    then, it checks every row at once and still finds a leak planted in them."""
    folder = Path(redact_dataset(ready, "prosecution", batch_docs=3).path)
    path = folder / "entities.parquet"
    table = pq.read_table(path)
    rows = table.to_pylist()
    first = rows[0]["doc_id"]
    assert sum(r["doc_id"] == first for r in rows) > 1
    rows.append(rows.pop(0))  # the first document's first row now comes last
    rows[-1]["replacement"] = "Коваленка"
    pq.write_table(pa.Table.from_pylist(rows, table.schema), path)
    reports = {size: validate_redaction(folder, ready, batch_docs=size) for size in (1, 10**6)}
    assert reports[1].to_json()["results"] == reports[10**6].to_json()["results"]
    failed = {r.check_id for r in reports[1].failures()}
    assert "entities.replacement.no_leak_terms" in failed
