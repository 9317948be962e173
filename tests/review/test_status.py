"""Status read models: blocked redactions point at the failing documents; releases made before a
consent withdrawal are found from the ledger alone."""

from __future__ import annotations

import json
from pathlib import Path

from sestry.core.settings import Settings
from sestry.review.pages import queue_page
from sestry.review.status import blocked_redactions, withdrawn_in_releases
from sestry.review.workbench import QueueRow

DOC = "ab" * 32


def test_blocked_redaction_lists_failed_checks_and_links_the_document(tmp_path: Path) -> None:
    settings = Settings.load(tmp_path)
    run = settings.redactions_dir / "prosecution" / "20260101T000000Z-abcdef"
    run.mkdir(parents=True)
    summary = {"validation": {"passed": False, "failed": ["no_residual_identifiers"]}}
    (run / "redaction.json").write_text(json.dumps(summary), encoding="utf-8")
    report = {
        "results": [
            {"check_id": "consent", "success": True, "where": []},
            {
                "check_id": "no_residual_identifiers",
                "success": False,
                "where": [f"row 0 doc_id {DOC[:16]}"],
            },
        ]
    }
    (run / "validation.json").write_text(json.dumps(report), encoding="utf-8")
    (blocked,) = blocked_redactions(settings)
    assert blocked["failed"] == ["no_residual_identifiers"]
    assert blocked["places"] == [
        {"check": "no_residual_identifiers", "doc": DOC[:16], "where": f"row 0 doc_id {DOC[:16]}"}
    ]
    row = QueueRow(DOC, "t1.txt", "UA-1", "transcript", "uk", True, "not_reviewed")
    html = queue_page("uk", "prosecution", ["prosecution"], [row], [blocked])
    assert f'href="/doc/{DOC}?profile=prosecution"' in html
    assert "Реліз заблоковано" in html


def test_withdrawal_finds_only_earlier_releases_for_that_scope() -> None:
    events = [
        {"action": "intake", "subject": DOC, "params": {"sidecar": {"consent": ["prosecution"]}}},
        {
            "action": "release",
            "ts": "t1",
            "inputs": [DOC],
            "params": {"profile": "prosecution", "release_id": "r1"},
        },
        {
            "action": "release",
            "inputs": [DOC],
            "params": {"profile": "research", "release_id": "r2"},
        },
        {"action": "amend", "subject": DOC, "params": {"sidecar": {"consent": []}}},
        {
            "action": "release",
            "inputs": [DOC],
            "params": {"profile": "prosecution", "release_id": "r3"},
        },
    ]
    found = withdrawn_in_releases(events)
    assert [(w["release_id"], w["scope"]) for w in found] == [("r1", "prosecution")]
