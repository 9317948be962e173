"""Planning and recording: every item ends with rows + extract, or reason + quarantine, once."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from sestry.core.digest import b3_file
from sestry.core.settings import Settings
from sestry.custody.verify import verify_data_dir
from sestry.extractors.base import Extraction, Segment
from sestry.ingestion import intake, outcomes
from sestry.ingestion.intake import CustodyWriters
from sestry.ingestion.process import ItemResult, WorkItem, build_tables
from sestry.schemas import dataset


def ok_result(work: WorkItem, text: str = "Текст свідчення.") -> ItemResult:
    extraction = Extraction(
        kind="transcript",
        method="transcript",
        text=text,
        pages=1,
        segments=(Segment(0, len(text)),),
        attempts=("plain_text",),
        versions={"extractor": "plain_text@1"},
    )
    return ItemResult(
        work.digest,
        ok=True,
        tables=build_tables(work, extraction, "uk", []),
        versions=dict(extraction.versions),
        params={"method": "transcript", "pages": 1, "entities": {}},
    )


def received(
    ready: Settings, custody: CustodyWriters, drop: Callable[..., Path], n: int = 2
) -> set[str]:
    for i in range(n):
        drop(f"item{i}.txt", f"content {i}\n")
    report = intake.receive_inbox(custody, ready.inbox)
    return {r.digest for r in report.received}


def events(custody: CustodyWriters, action: str) -> list[dict]:
    return [e for e in custody.ledger.events() if e["action"] == action]


def test_plan_lists_new_items_with_their_metadata(
    ready: Settings, open_custody: Callable[[], CustodyWriters], drop: Callable[..., Path]
) -> None:
    drop("a.txt", "x\n")
    drop("a.txt.meta.json", json.dumps({"case_id": "C-9", "consent": ["research"]}))
    custody = open_custody()
    new = {r.digest for r in intake.receive_inbox(custody, ready.inbox).received}
    plan = outcomes.plan(custody, ready.dataset_dir, this_run=new)
    [work] = plan.work
    assert (work.case_id, work.consent, work.source_name) == ("C-9", ("research",), "a.txt")
    assert plan.from_earlier == 0


def test_record_writes_rows_then_extract_event(
    ready: Settings, open_custody: Callable[[], CustodyWriters], drop: Callable[..., Path]
) -> None:
    custody = open_custody()
    new = received(ready, custody, drop, 1)
    [work] = outcomes.plan(custody, ready.dataset_dir, this_run=new).work
    outcome = outcomes.record(custody, ready.dataset_dir, ok_result(work))
    assert outcome.ok
    assert dataset.known_doc_ids(ready.dataset_dir) == {work.digest}
    [event] = events(custody, "extract")
    files = dataset.document_files(ready.dataset_dir, work.digest)
    assert [p.parent.name for p in files] == ["documents", "segments"]
    assert event["outputs"] == [b3_file(p) for p in files]
    assert event["params"]["tables"] == ["documents", "segments"]
    assert event["inputs"] == [work.digest]
    assert event["versions"]["extractor"] == "plain_text@1"
    assert "Текст" not in json.dumps(event, ensure_ascii=False)
    assert outcomes.plan(open_custody(), ready.dataset_dir).work == []
    assert verify_data_dir(ready).ok


def test_failed_item_is_quarantined_with_reason(
    ready: Settings, open_custody: Callable[[], CustodyWriters], drop: Callable[..., Path]
) -> None:
    custody = open_custody()
    new = received(ready, custody, drop, 1)
    [work] = outcomes.plan(custody, ready.dataset_dir, this_run=new).work
    failed = ItemResult(work.digest, ok=False, reason="corrupt", detail="CorruptItem")
    assert outcomes.record(custody, ready.dataset_dir, failed).reason == "corrupt"
    record = json.loads((ready.quarantine_dir / work.digest / "reason.json").read_text())
    assert record["reason"] == "corrupt"
    assert [e["params"]["reason"] for e in events(custody, "quarantine")] == ["corrupt"]
    assert outcomes.plan(open_custody(), ready.dataset_dir).work == []


def test_pending_items_of_an_interrupted_run_are_planned(
    ready: Settings, open_custody: Callable[[], CustodyWriters], drop: Callable[..., Path]
) -> None:
    received(ready, open_custody(), drop, 2)  # killed before any extraction
    plan = outcomes.plan(open_custody(), ready.dataset_dir, this_run=set())
    assert len(plan.work) == 2
    assert plan.from_earlier == 2


def test_rows_without_extract_event_get_a_recovered_event(
    ready: Settings, open_custody: Callable[[], CustodyWriters], drop: Callable[..., Path]
) -> None:
    custody = open_custody()
    new = received(ready, custody, drop, 1)
    [work] = outcomes.plan(custody, ready.dataset_dir, this_run=new).work
    dataset.write_document(ready.dataset_dir, work.digest, ok_result(work).tables)  # then killed
    custody = open_custody()
    plan = outcomes.plan(custody, ready.dataset_dir)
    assert plan.work == []
    assert plan.recovered_events == 1
    [event] = events(custody, "extract")
    assert event["params"] == {"recovered": True}
    assert len(event["outputs"]) == 2
    assert outcomes.plan(open_custody(), ready.dataset_dir).recovered_events == 0


def test_reason_without_quarantine_event_gets_a_recovered_event(
    ready: Settings, open_custody: Callable[[], CustodyWriters], drop: Callable[..., Path]
) -> None:
    custody = open_custody()
    [digest] = received(ready, custody, drop, 1)
    custody.write_reason(ready.quarantine_dir, digest, "corrupt")  # then killed
    custody = open_custody()
    plan = outcomes.plan(custody, ready.dataset_dir)
    assert plan.work == []
    assert len(events(custody, "quarantine")) == 1


def test_invalid_sidecar_killed_before_quarantine_is_quarantined_not_extracted(
    ready: Settings, open_custody: Callable[[], CustodyWriters], drop: Callable[..., Path]
) -> None:
    path = drop("a.txt", "x\n")
    custody = open_custody()
    stored = custody.vault.put(path)
    custody.append(
        "intake",
        subject=stored.digest,
        params={"source_name": "a.txt", "stored": True, "sidecar_error": "invalid_sidecar"},
    )
    plan = outcomes.plan(open_custody(), ready.dataset_dir)
    assert plan.work == []
    assert (ready.quarantine_dir / stored.digest / "reason.json").is_file()


def test_reprocess_plans_known_documents_again(
    ready: Settings, open_custody: Callable[[], CustodyWriters], drop: Callable[..., Path]
) -> None:
    custody = open_custody()
    new = received(ready, custody, drop, 1)
    [work] = outcomes.plan(custody, ready.dataset_dir, this_run=new).work
    outcomes.record(custody, ready.dataset_dir, ok_result(work))
    plan = outcomes.plan(open_custody(), ready.dataset_dir, reprocess=True)
    assert [w.digest for w in plan.work] == [work.digest]
    assert plan.reprocess == 1


def test_summary_markdown_has_counts_not_names() -> None:
    report = intake.IntakeReport(
        received=[
            intake.Received(source_name="Коваленко.txt", status="refused", reason="symlink"),
        ]
    )
    outcome = outcomes.ItemOutcome(
        digest="a" * 64, ok=False, reason="corrupt", pages_ocr=2, page_confidences=(90.0, 40.0)
    )
    summary = outcomes.summarize(
        report, outcomes.Plan(), [outcome], low_confidence=60.0, names={"a" * 64: "Петро.pdf"}
    )
    assert summary.quarantined == {"corrupt": 1}
    assert summary.quarantined_names == ["Петро.pdf"]
    assert summary.refused == {"symlink": 1}
    assert summary.low_confidence_pages == 1
    assert summary.mean_ocr_confidence == 65.0
    markdown = summary.to_markdown()
    assert "corrupt" in markdown
    assert "Петро" not in markdown
    assert "Коваленко" not in markdown


def test_recorder_commits_one_batch_then_the_events(
    ready: Settings, open_custody: Callable[[], CustodyWriters], drop: Callable[..., Path]
) -> None:
    from sestry.schemas import dataset_log

    custody = open_custody()
    new = received(ready, custody, drop, 5)
    work = outcomes.plan(custody, ready.dataset_dir, this_run=new).work
    recorder = outcomes.Recorder(custody, ready.dataset_dir, batch_docs=3)
    for item in work:
        assert recorder.record(ok_result(item)).ok
    assert len(dataset.known_doc_ids(ready.dataset_dir)) == 3  # the first full batch
    assert len(events(custody, "extract")) == 3
    # killed here: the two queued items have neither rows nor events, so the rerun redoes them
    plan = outcomes.plan(open_custody(), ready.dataset_dir)
    assert len(plan.work) == 2
    assert plan.recovered_events == 0
    recorder.commit()
    assert dataset.known_doc_ids(ready.dataset_dir) == new
    assert len(dataset_log.list_commits(ready.dataset_dir)) == 2
    assert len(events(custody, "extract")) == 5
    assert verify_data_dir(ready).ok


def test_batches_are_cut_by_planned_weight_so_runs_agree(
    ready: Settings, open_custody: Callable[[], CustodyWriters], drop: Callable[..., Path]
) -> None:
    """Batch boundaries follow the plan (a scan weighs SCAN_WEIGHT), never the clock."""
    from sestry.schemas import dataset_log

    custody = open_custody()
    new = received(ready, custody, drop, 5)
    work = outcomes.plan(custody, ready.dataset_dir, this_run=new).work
    scan = work[1].model_copy(update={"media_type": "image/png"})
    assert [outcomes.weight(w) for w in (work[0], scan)] == [1, outcomes.SCAN_WEIGHT]
    recorder = outcomes.Recorder(custody, ready.dataset_dir, batch_docs=outcomes.SCAN_WEIGHT + 1)
    weights = [1, outcomes.SCAN_WEIGHT, 1, 1, 1]  # batches: [0, 1] then [2, 3, 4]
    failed = ItemResult(work[3].digest, ok=False, reason="unsupported_type")
    for item, w in zip(work, weights, strict=True):
        result = failed if item.digest == work[3].digest else ok_result(item)
        recorder.record(result, w)
    recorder.commit()
    commits = dataset_log.list_commits(ready.dataset_dir)
    assert len(commits) == 2
    first = dataset.read_table(ready.dataset_dir, "documents").column("doc_id").to_pylist()
    assert set(first) == {work[0].digest, work[1].digest, work[2].digest, work[4].digest}
    assert len(events(custody, "extract")) == 4
    assert verify_data_dir(ready).ok


def test_a_kept_inbox_rerun_reads_no_rows_and_a_wider_duplicate_still_widens(
    ready: Settings,
    open_custody: Callable[[], CustodyWriters],
    drop: Callable[..., Path],
    monkeypatch,
) -> None:
    """Seen again with its own sidecar: no row read; a duplicate adding a scope: row widened."""
    drop("a.txt", "x\n")
    drop("a.txt.meta.json", json.dumps({"case_id": "C-1", "consent": ["research"]}))
    custody = open_custody()
    new = {r.digest for r in intake.receive_inbox(custody, ready.inbox, keep_inbox=True).received}
    [work] = outcomes.plan(custody, ready.dataset_dir, this_run=new).work
    assert outcomes.record(custody, ready.dataset_dir, ok_result(work)).ok
    intake.receive_inbox(custody, ready.inbox, keep_inbox=True)  # the same file and sidecar
    assert custody.index.intake[work.digest].get("attached")
    reads: list[str] = []
    real = dataset.read_table
    monkeypatch.setattr(dataset, "read_table", lambda *a, **k: reads.append(a[1]) or real(*a, **k))
    assert outcomes.plan(custody, ready.dataset_dir).work == []
    assert reads == []
    drop("copy/a.txt", "x\n")  # a duplicate whose sidecar adds a scope
    drop("copy/a.txt.meta.json", json.dumps({"case_id": "C-1", "consent": ["prosecution"]}))
    intake.receive_inbox(custody, ready.inbox, keep_inbox=True)
    outcomes.plan(custody, ready.dataset_dir)
    assert reads
    [row] = real(ready.dataset_dir, "documents", [work.digest]).to_pylist()
    assert sorted(row["consent"]) == ["prosecution", "research"]
