"""Review decisions through the real redaction job: `requires_review = true` releases only
approved documents, an added span is redacted, validation passes, and redaction.json counts it."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from sestry.core.resources import profiles_dir
from sestry.core.settings import Settings
from sestry.redaction.decisions import span_hash
from sestry.release.redact_job import redact_dataset
from tests.redaction.conftest import AddDocument, Ent
from tests.release_support import record_decision

pytestmark = pytest.mark.nlp

APPROVED = "Мене звати Олена Коваленко. Картка переселенки 7731-ХК-0925 лишилась у них."
WAITING = "Сусідка бачила обстріл школи у березні 2022 року."
MISSED = "7731-ХК-0925"


def _decide(settings: Settings, doc_id: str, action: str, n: int, **extra: object) -> None:
    record_decision(settings.data_dir, doc_id, action, n, reviewer="T01", **extra)


def test_requires_review_releases_only_approved_documents(
    ready: Settings, add_document: AddDocument
) -> None:
    local = ready.data_dir / "profiles"
    local.mkdir()
    bundled = (Path(profiles_dir()) / "prosecution.toml").read_text(encoding="utf-8")
    (local / "prosecution.toml").write_text(
        bundled.replace("[labels]", "requires_review = true\n\n[labels]", 1), encoding="utf-8"
    )
    approved = add_document(APPROVED, [Ent("Олена Коваленко", "PERSON", "олена коваленко")])
    waiting = add_document(WAITING, [Ent("березні 2022", "DATE", "2022-03")])
    start = APPROVED.index(MISSED)
    end = start + len(MISSED)
    _decide(
        ready,
        approved,
        "add",
        1,
        start=start,
        end=end,
        label="ID_DOC",
        span_b3=span_hash(APPROVED, start, end),
    )
    _decide(ready, approved, "approve", 2, profile="prosecution")

    result = redact_dataset(ready, "prosecution")
    assert result.doc_ids == (approved,)
    assert result.excluded_count == 1  # the unapproved one, though consented
    assert waiting not in result.doc_ids
    assert result.passed, result.failed_checks
    (text,) = pq.read_table(Path(result.path) / "documents.parquet").column("text").to_pylist()
    assert MISSED not in text
    assert "[ID_DOC]" in text
    summary = json.loads((Path(result.path) / "redaction.json").read_text(encoding="utf-8"))
    assert summary["review"] == {
        "documents_reviewed": 1,
        "documents_approved": 1,
        "reviewers": ["T01"],
        "decisions_changing_result": 1,
        "stale_decisions": 0,
    }
