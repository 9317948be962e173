"""Coordinator bookkeeping: what to process, and recording each item's outcome durably.

Order per item: dataset rows (durable, in a committed batch) → `extract` event; or
`reason.json` → `quarantine` event. A `Recorder` gathers extracted items, in plan order, into one
dataset batch (BATCH_DOCS weight units: a transcript weighs 1, a scan or PDF SCAN_WEIGHT), commits
it, then appends their extract events as one ledger group (one fsync). Batch boundaries depend on
the plan alone, never on timing, so two runs of one plan write byte-identical batch files. A
crash loses at most the uncommitted batch: its items have intake events and no rows, so `plan()`
on the next run processes them again; a crash between the commit and the events is repaired by
`plan()` too (recovered events). Every item ends with rows and an extract event, or a reason and
a quarantine event, exactly once.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from sestry.core.digest import b3_file, is_digest
from sestry.ingestion.index import EXTRACT, INCIDENT, QUARANTINE
from sestry.ingestion.intake import CustodyWriters, IntakeReport
from sestry.ingestion.process import DIGEST_MISMATCH, ItemResult, WorkItem
from sestry.schemas import dataset
from sestry.schemas.tables import TABLES

log = logging.getLogger(__name__)

#: Weight per dataset batch (transcripts): a kill redoes at most this much; memory holds its rows.
BATCH_DOCS = 256
#: Weight of an item that is OCRed (image, PDF): about 16 transcripts of work, so a kill redoes at
#: most 16 scans (about 30 s on one core) and an OCR batch is committed as often as before.
SCAN_WEIGHT = 16


def weight(work: WorkItem) -> int:
    """How much of a batch an item fills (known before extraction, so batches are planned)."""
    media = work.media_type
    return SCAN_WEIGHT if media.startswith("image/") or media == "application/pdf" else 1


class Plan(BaseModel):
    """Items to process now, and what reconciliation repaired (counts only)."""

    work: list[WorkItem] = []
    from_earlier: int = 0  # pending items left by an earlier, interrupted run
    recovered_events: int = 0
    reprocess: int = 0


class ItemOutcome(BaseModel):
    """One processed item as the summary sees it: digest, status, codes and counts."""

    digest: str
    ok: bool
    reason: str | None = None
    pages_ocr: int = 0
    page_confidences: tuple[float, ...] = ()
    entities: int = 0


def quarantined_digests(quarantine_dir: Path) -> set[str]:
    """Digests with a durable quarantine record."""
    if not quarantine_dir.is_dir():
        return set()
    return {
        entry.name
        for entry in os.scandir(quarantine_dir)
        if is_digest(entry.name) and (Path(entry.path) / "reason.json").is_file()
    }


def _parse_ts(value: object) -> dt.datetime:
    if isinstance(value, str):
        try:
            return dt.datetime.fromisoformat(value.replace("Z", "+00:00"))
        except ValueError:
            pass
    return dt.datetime.now(dt.UTC)


def work_item(custody: CustodyWriters, digest: str) -> WorkItem:
    """Build a worker's input from the intake event (works after a crash: no inbox needed)."""
    params = custody.index.intake[digest]
    sidecar = params.get("sidecar") or {}
    collected = sidecar.get("collected_at")
    return WorkItem(
        digest=digest,
        source_name=str(params.get("source_name") or ""),
        size=int(params.get("size") or 0),
        media_type=str(params.get("media_type") or "application/octet-stream"),
        language_hint=sidecar.get("language"),
        case_id=sidecar.get("case_id"),
        consent=custody.index.consent(digest),
        collected_at=str(collected) if collected is not None else None,
        audio_id=custody.index.audio_for(digest),
        ingested_at=_parse_ts(params.get("ts")),
    )


def _dataset_outputs(dataset_dir: Path, digest: str) -> list[str]:
    return [b3_file(p) for p in dataset.document_files(dataset_dir, digest)]


def plan(
    custody: CustodyWriters,
    dataset_dir: Path,
    *,
    reprocess: bool = False,
    this_run: set[str] = frozenset(),
) -> Plan:
    """Decide what to process and repair what an interrupted run left half recorded.

    Pending = every item with an intake event, no dataset rows and no quarantine record (the
    inbox may have moved it already). With `reprocess`, known documents are processed again.
    Quarantined items stay quarantined.
    """
    known = dataset.known_doc_ids(dataset_dir)
    held = quarantined_digests(custody.quarantine_dir)
    index = custody.index
    result = Plan()
    for digest, params in list(index.intake.items()):
        if digest in held:
            if digest not in index.quarantined:
                custody.append(QUARANTINE, subject=digest, params={"recovered": True})
                result.recovered_events += 1
            continue
        if params.get("sidecar_error"):
            quarantine(custody, digest, str(params["sidecar_error"]), stage="intake")
            result.recovered_events += 1
            continue
        if digest in known:
            if consent_to_check(params):  # a wider duplicate, or an amend
                attach_consent(dataset_dir, digest, index.consent(digest))
            if not index.extracted.get(digest):
                custody.append(
                    EXTRACT,
                    subject=digest,
                    inputs=[digest],
                    outputs=_dataset_outputs(dataset_dir, digest),
                    params={"recovered": True},
                )
                result.recovered_events += 1
            if not reprocess:
                continue
            result.reprocess += 1
        elif digest not in this_run:
            result.from_earlier += 1
        result.work.append(work_item(custody, digest))
    return result


def consent_to_check(params: dict[str, Any]) -> bool:
    """True when the stored row's consent may differ from the ledger's: an attached duplicate's
    sidecar gives consent the item's own sidecar lacks, or the item was amended.

    Why: a rerun over a kept inbox attaches every file's own sidecar again (`seen_again`), and
    reading each document's row only to find its consent unchanged cost about 10 ms per document
    (80% of a 1,000-item rerun). When no attachment adds a scope, the stored consent is the
    item's own (extraction and `amend` write exactly that) and nothing needs reading. An amended
    item is always read: if `amend` stopped between its ledger event and the row's rewrite, the
    row still holds the consent the amend withdrew, and this rerun puts the ledger's back.
    """
    if params.get("amended"):
        return True
    own = set((params.get("sidecar") or {}).get("consent") or ())
    return any(set(s.get("consent") or ()) - own for s in params.get("attached") or ())


def attach_consent(dataset_dir: Path, digest: str, consent: tuple[str, ...]) -> bool:
    """Give a known document the ledger's consent (its sidecar's and its attached duplicates');
    True when rewritten."""
    import pyarrow as pa

    (row,) = dataset.read_table(dataset_dir, "documents", [digest]).to_pylist()
    if tuple(sorted(row["consent"] or ())) == consent:
        return False
    tables = {name: dataset.read_table(dataset_dir, name, [digest]) for name in TABLES}
    updated = {**row, "consent": list(consent)}
    tables["documents"] = pa.Table.from_pylist([updated], TABLES["documents"])
    dataset.write_document(dataset_dir, digest, tables)
    log.info("consent of %s updated from the ledger (a duplicate or an amend)", digest[:12])
    return True


def quarantine(
    custody: CustodyWriters, digest: str, reason: str, *, detail: str = "", stage: str = "extract"
) -> None:
    """Write the reason record, then the ledger event (the original stays in the vault)."""
    name = (custody.index.intake.get(digest) or {}).get("source_name")
    custody.write_reason(custody.quarantine_dir, digest, reason, detail=detail, source_name=name)
    custody.append(QUARANTINE, subject=digest, params={"reason": reason, "stage": stage})
    log.info("quarantined %s: %s", digest, reason)


def _refuse(custody: CustodyWriters, result: ItemResult) -> ItemOutcome | None:
    """Record a failed item at once (incident or quarantine); None for a good one."""
    if not result.ok and result.reason == DIGEST_MISMATCH:  # never quarantined as a bad item:
        custody.append(  # the vault is at fault; every run refuses the item until it is resolved
            INCIDENT, subject=result.digest, params={"reason": DIGEST_MISMATCH, "stage": "extract"}
        )
        log.error("custody incident recorded for %s", result.digest)
        return ItemOutcome(digest=result.digest, ok=False, reason=DIGEST_MISMATCH)
    if not result.ok:
        quarantine(custody, result.digest, result.reason or "item_error", detail=result.detail)
        return ItemOutcome(digest=result.digest, ok=False, reason=result.reason)
    return None


class Recorder:
    """Store worker results batch by batch: rows committed as one dataset batch, then events.

    `record` checks an item's rows at once (bad rows are quarantined as `invalid_rows`) and
    queues them; the batch is committed when its weight reaches `batch_docs`, and by `commit()`
    at the end of a run. Results must come in plan order for the batches to be deterministic.
    """

    def __init__(
        self, custody: CustodyWriters, dataset_dir: Path, *, batch_docs: int | None = None
    ) -> None:
        self.custody = custody
        self.batch = dataset.Batch(dataset_dir)
        self.batch_docs = batch_docs or BATCH_DOCS
        self._weight = 0
        self._events: list[tuple[ItemResult, list[str]]] = []

    def record(self, result: ItemResult, weight: int = 1) -> ItemOutcome:
        """Queue one result (or record its failure); commit the batch when it is due.

        A refused item still counts its weight, so a batch boundary does not move with failures.
        """
        self._weight += weight
        refused = _refuse(self.custody, result)
        if refused is not None:
            if self._weight >= self.batch_docs:
                self.commit()
            return refused
        try:
            rows = self.batch.add(result.digest, result.tables)
        except dataset.DatasetError:
            quarantine(self.custody, result.digest, "invalid_rows", detail="DatasetError")
            if self._weight >= self.batch_docs:
                self.commit()
            return ItemOutcome(digest=result.digest, ok=False, reason="invalid_rows")
        self._events.append((result, [name for name in TABLES if rows.get(name)]))
        if self._weight >= self.batch_docs:
            self.commit()
        entities = sum(result.params.get("entities", {}).values())
        return ItemOutcome(
            digest=result.digest,
            ok=True,
            pages_ocr=result.pages_ocr,
            page_confidences=result.page_confidences,
            entities=entities,
        )

    def commit(self) -> None:
        """Commit the queued rows as one batch, then its extract events (one ledger group)."""
        committed = self.batch.commit()
        events, self._events = self._events, []
        self._weight = 0
        if committed is None:
            return
        with self.custody.ledger.group():  # one fsync for the batch's events
            for result, tables in events:
                self.custody.append(
                    EXTRACT,
                    subject=result.digest,
                    inputs=[result.digest],
                    outputs=[committed.digests[name] for name in tables],
                    params={**result.params, "tables": tables},
                    versions=result.versions,
                )


def record(custody: CustodyWriters, dataset_dir: Path, result: ItemResult) -> ItemOutcome:
    """Store one worker result at once: rows + extract event, or reason + quarantine event."""
    recorder = Recorder(custody, dataset_dir, batch_docs=1)
    outcome = recorder.record(result)
    recorder.commit()
    return outcome


class IngestSummary(BaseModel):
    """What one ingest run did: counts, reason codes, the operator's file names, ledger head."""

    ingested: int = 0
    already_known: int = 0
    completed_from_earlier: int = 0
    reprocessed: int = 0
    quarantined: dict[str, int] = {}
    quarantined_names: list[str] = []  # file names for the operator (CLI only, never artifacts)
    refused: dict[str, int] = {}
    refused_names: list[str] = []
    unreadable_names: list[str] = []
    flagged_names: int = 0
    orphan_sidecars: int = 0
    incidents: list[str] = []  # digests of originals that no longer match (exit 1)
    notices: list[str] = []  # intake notices with file names (CLI only, never artifacts)
    recovered_events: int = 0
    ledger_repaired: bool = False
    pages_ocr: int = 0
    mean_ocr_confidence: float | None = None
    low_confidence_pages: int = 0
    seconds: float = 0.0
    ledger_head: str | None = None

    def to_markdown(self) -> str:
        """Counts, reason codes and the ledger head: never names or text (Prefect artifact)."""
        lines = [
            "# sestry ingest",
            "",
            "| what | count |",
            "| --- | ---: |",
            f"| ingested | {self.ingested} |",
            f"| already known | {self.already_known} |",
            f"| completed from an earlier run | {self.completed_from_earlier} |",
            f"| reprocessed | {self.reprocessed} |",
            f"| quarantined | {sum(self.quarantined.values())} |",
            f"| refused (not stored) | {sum(self.refused.values())} |",
            f"| unreadable (left in inbox) | {len(self.unreadable_names)} |",
            f"| names with control characters | {self.flagged_names} |",
            f"| custody incidents | {len(self.incidents)} |",
            f"| pages OCRed | {self.pages_ocr} |",
            f"| low-confidence pages | {self.low_confidence_pages} |",
        ]
        if self.mean_ocr_confidence is not None:
            lines.append(f"| mean OCR confidence | {self.mean_ocr_confidence:.1f} |")
        for title, counts in (("quarantine reasons", self.quarantined), ("refusals", self.refused)):
            if counts:
                lines += ["", f"## {title}", "", "| reason | count |", "| --- | ---: |"]
                lines += [f"| {code} | {n} |" for code, n in sorted(counts.items())]
        lines += ["", f"ledger head: `{self.ledger_head}`", f"time: {self.seconds:.1f} s"]
        return "\n".join(lines) + "\n"


def summarize(
    report: IntakeReport,
    plan_: Plan,
    outcomes: list[ItemOutcome],
    *,
    low_confidence: float,
    names: dict[str, str],
) -> IngestSummary:
    """Fold intake, plan and outcomes into one summary (`names`: digest → source name)."""
    summary = IngestSummary(
        already_known=report.count("seen_again"),
        completed_from_earlier=plan_.from_earlier,
        reprocessed=plan_.reprocess,
        orphan_sidecars=report.orphan_sidecars,
        notices=list(report.notices),
        recovered_events=plan_.recovered_events,
        flagged_names=sum(
            1 for r in report.received if r.flags and "control_chars_in_name" in r.flags
        ),
    )
    for item in report.received:
        if item.status == "refused":
            code = item.reason or "refused"
            summary.refused[code] = summary.refused.get(code, 0) + 1
            summary.refused_names.append(item.source_name)
        elif item.status == "unreadable":
            summary.unreadable_names.append(item.source_name)
        elif item.status == "new" and item.reason:
            summary.quarantined[item.reason] = summary.quarantined.get(item.reason, 0) + 1
            summary.quarantined_names.append(item.source_name)
    confidences: list[float] = []
    for outcome in outcomes:
        if outcome.ok:
            summary.ingested += 1
        elif outcome.reason == DIGEST_MISMATCH:
            summary.incidents.append(outcome.digest)
        else:
            code = outcome.reason or "item_error"
            summary.quarantined[code] = summary.quarantined.get(code, 0) + 1
            summary.quarantined_names.append(names.get(outcome.digest, outcome.digest))
        summary.pages_ocr += outcome.pages_ocr
        confidences.extend(outcome.page_confidences)
    if confidences:
        summary.mean_ocr_confidence = sum(confidences) / len(confidences)
        summary.low_confidence_pages = sum(1 for c in confidences if c < low_confidence)
    return summary
