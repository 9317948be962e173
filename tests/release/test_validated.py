"""Validation once per bytes: handoff keeps the redaction's results for files it did not change.

Real redaction, real Great Expectations, real BLAKE3 on a small synthetic dataset. What is
asserted is the record (validation.json's `reused`, `validated`) and a count of table reads,
never timing.
"""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from sestry.core.errors import ValidationFailed
from sestry.core.settings import Settings
from sestry.custody.keys import init_layout
from sestry.custody.ledger import Ledger
from sestry.custody.release_verify import verify_release
from sestry.release import checks
from sestry.release.handoff_job import build_release
from sestry.release.layout import REDACT_ACTION
from sestry.release.redact_job import redact_dataset
from sestry.release.suites import validate_redaction
from sestry.release.validated import PAGES, TABLES, file_digests, reusable_groups
from tests.release_support import CANARY_NAMES, make_dataset

pytestmark = pytest.mark.nlp  # the redaction's leak terms use pymorphy3


@pytest.fixture
def ready(settings: Settings) -> Settings:
    init_layout(settings)
    make_dataset(settings.data_dir, 6, unconsented=1)
    return settings


@pytest.fixture
def table_reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """Names of the released tables validation reads and checks row by row."""
    seen: list[str] = []
    real = checks._with_counts

    def counted(name: str, frame: object, ctx: checks.Context) -> object:
        seen.append(name)
        return real(name, frame, ctx)

    monkeypatch.setattr(checks, "_with_counts", counted)
    return seen


def recorded(settings: Settings, result: object) -> None:
    """The `redact` ledger event the redact flow appends (handoff trusts only what it lists)."""
    outputs = sorted(set(result.outputs.values()))  # type: ignore[attr-defined]
    Ledger(settings.ledger_path).append(REDACT_ACTION, outputs=outputs)


def _validation(folder: Path) -> dict[str, object]:
    return json.loads((folder / "validation.json").read_bytes())


def test_redaction_records_the_digests_it_validated(ready: Settings) -> None:
    result = redact_dataset(ready, "prosecution")
    assert result.passed
    folder = Path(result.path)
    recorded = _validation(folder)["validated"]
    assert isinstance(recorded, dict)
    assert recorded["files"] == file_digests(folder)
    assert set(recorded["files"][TABLES]) == {
        "documents.parquet",
        "segments.parquet",
        "entities.parquet",
    }
    assert len(recorded["context_b3"]) == 64


def test_handoff_of_an_unchanged_redaction_does_not_validate_it_again(
    ready: Settings, table_reads: list[str]
) -> None:
    result = redact_dataset(ready, "prosecution")
    recorded(ready, result)
    assert sorted(table_reads) == ["documents", "entities", "segments"]  # validated once
    table_reads.clear()
    outcome = build_release(ready, "prosecution")
    assert outcome.redaction_id == result.redaction_id
    assert table_reads == []  # not read again for validation
    release = Path(outcome.release_dir)
    assert verify_release(release).ok
    released = _validation(release / "data")
    assert released["passed"] is True
    assert released["reused_from_redaction"] == [TABLES, PAGES]
    redaction = _validation(Path(result.path))
    same = {r["check_id"]: r["success"] for r in redaction["results"]}
    mine = {r["check_id"]: r["success"] for r in released["results"]}
    assert mine == same  # every check is still there, with its recorded verdict


def test_a_table_rewritten_after_validation_is_validated_again(
    ready: Settings, table_reads: list[str]
) -> None:
    result = redact_dataset(ready, "prosecution")
    recorded(ready, result)
    folder = Path(result.path)
    table = pq.read_table(folder / "segments.parquet")
    pq.write_table(table, folder / "segments.parquet", compression="gzip")  # same rows, new bytes
    table_reads.clear()
    outcome = build_release(ready, "prosecution")
    assert sorted(table_reads) == ["documents", "entities", "segments"]
    released = _validation(Path(outcome.release_dir) / "data")
    assert released["passed"] is True
    assert released["reused_from_redaction"] == [PAGES]


def test_a_leak_planted_after_validation_still_blocks(ready: Settings, tmp_path: Path) -> None:
    import pyarrow as pa

    result = redact_dataset(ready, "prosecution")
    recorded(ready, result)
    folder = Path(result.path)
    table = pq.read_table(folder / "entities.parquet")
    index = table.schema.get_field_index("norm")
    norms = table.column("norm").to_pylist()
    norms[0] = CANARY_NAMES[0]
    field = table.schema.field(index)
    pq.write_table(
        table.set_column(index, field, pa.array(norms, field.type)), folder / "entities.parquet"
    )
    out = tmp_path / "release"
    with pytest.raises(ValidationFailed) as info:
        build_release(ready, "prosecution", out)
    assert "entities.norm.no_leak_terms" in str(info.value)
    assert CANARY_NAMES[0] not in str(info.value)
    assert not out.exists()


def test_another_context_or_a_failed_record_is_never_reused(ready: Settings) -> None:
    result = redact_dataset(ready, "prosecution")
    folder = Path(result.path)
    prior = _validation(folder)
    files = file_digests(folder)
    context_b3 = prior["validated"]["context_b3"]  # type: ignore[index]
    assert reusable_groups(prior, files, context_b3) == {TABLES, PAGES}
    assert reusable_groups(prior, files, "0" * 64) == frozenset()  # terms, consent, profile...
    assert reusable_groups({**prior, "passed": False}, files, context_b3) == frozenset()
    assert reusable_groups({**prior, "results": []}, files, context_b3) == frozenset()
    other = {**files, TABLES: {**files[TABLES], "entities.parquet": "1" * 64}}
    assert reusable_groups(prior, other, context_b3) == {PAGES}
    # validate_redaction itself: the same folder against its own record reuses both groups
    again = validate_redaction(folder, ready, prior=prior)
    assert again.passed
    assert again.reused == (TABLES, PAGES)
    recorded = dict(prior["validated"])  # type: ignore[call-overload]
    tampered = {**prior, "validated": {**recorded, "context_b3": "0" * 64}}
    fresh = validate_redaction(folder, ready, prior=tampered)
    assert fresh.passed
    assert fresh.reused == ()


def test_a_record_no_ledger_event_lists_is_not_trusted(
    ready: Settings, table_reads: list[str]
) -> None:
    """Tables and the digests recorded for them edited together: without the redact event's
    digest of that validation.json, handoff validates everything again."""
    redact_dataset(ready, "prosecution")  # no ledger event lists its validation.json
    table_reads.clear()
    outcome = build_release(ready, "prosecution")
    assert sorted(table_reads) == ["documents", "entities", "segments"]
    assert _validation(Path(outcome.release_dir) / "data")["reused_from_redaction"] == []
