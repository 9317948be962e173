"""The ingest flow: intake (coordinator) → extract tasks (workers) → records (coordinator).

Thin by design: every decision lives in `pipeline/`. Workers only read the vault and return rows;
this process alone writes the vault, the ledger and the dataset (DESIGN "single writer"), in
dataset batches of outcomes.BATCH_DOCS items, so a kill loses at most the uncommitted batch.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from prefect import flow
from prefect.artifacts import create_markdown_artifact
from prefect.futures import as_completed
from prefect.task_runners import ThreadPoolTaskRunner

from sestry.core.settings import Settings
from sestry.custody.checkpoints import write_checkpoint
from sestry.extractors import registry
from sestry.flows.run_meta import ingest_run_name, labelled, log_info
from sestry.flows.tasks import extract_task
from sestry.ingestion import coordinator, intake, outcomes

ProgressHook = Callable[[str, Any], None]
#: Items in flight at once; finished results (rows with text) are released window by window.
WINDOW = 64
_HOOKS: list[ProgressHook] = []


@contextmanager
def progress(hook: ProgressHook) -> Iterator[None]:
    """Receive ("planned", n) and ("item", ItemOutcome) while a flow runs in this process."""
    _HOOKS.append(hook)
    try:
        yield
    finally:
        _HOOKS.remove(hook)


def _emit(kind: str, value: Any) -> None:
    for hook in list(_HOOKS):
        hook(kind, value)


def _windows(items: list[Any], size: int) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def task_runner(settings: Settings, dask_address: str | None = None) -> Any:
    """Threads by default (OCR is limited per process by the extractors' semaphore), or Dask."""
    if dask_address:
        from prefect_dask import DaskTaskRunner

        return DaskTaskRunner(address=dask_address)
    return ThreadPoolTaskRunner(max_workers=max(2, settings.ocr_workers * 2))


@flow(
    name="ingest",
    flow_run_name=ingest_run_name,
    log_prints=False,
    persist_result=False,
    validate_parameters=True,
)
def ingest_flow(
    data_dir: str,
    inbox: str | None = None,
    reprocess: bool = False,
    keep_inbox: bool = False,
) -> outcomes.IngestSummary:
    """Preserve every inbox item, extract text and entities, record custody; return a summary."""
    started = time.monotonic()
    settings = Settings.load(data_dir)
    registry.check(settings)  # missing tesseract or language data: stop before touching anything
    with labelled("ingest"), coordinator.ingest_lock(settings):  # one coordinator per data dir
        return _run(settings, started, inbox=inbox, reprocess=reprocess, keep_inbox=keep_inbox)


def _run(
    settings: Settings, started: float, *, inbox: str | None, reprocess: bool, keep_inbox: bool
) -> outcomes.IngestSummary:
    """The flow's body, under the ingest lock: intake → extract tasks → records → artifact."""
    custody, repaired = coordinator.open_custody(settings)
    report = intake.receive_inbox(
        custody, Path(inbox) if inbox else settings.inbox, keep_inbox=keep_inbox
    )
    new = {r.digest for r in report.received if r.status == "new" and r.digest}
    plan = outcomes.plan(custody, settings.dataset_dir, reprocess=reprocess, this_run=new)
    _emit("planned", plan.work)
    log_info("ingest: %d received, %d to extract", len(report.received), len(plan.work))
    done = []
    recorder = outcomes.Recorder(custody, settings.dataset_dir)  # one dataset batch per N items
    for window in _windows(plan.work, WINDOW):  # bounded memory: results are dropped per window
        futures = [extract_task.submit(work, str(settings.data_dir)) for work in window]
        for future in as_completed(futures):
            outcome = recorder.record(future.result())
            done.append(outcome)
            _emit("item", outcome)
    recorder.commit()
    names = {w.digest: w.source_name for w in plan.work}
    summary = outcomes.summarize(
        report, plan, done, low_confidence=settings.low_confidence, names=names
    )
    summary.ledger_repaired = repaired
    summary.ledger_head = custody.ledger.head()
    write_checkpoint(settings)  # the head, signed: a later rewrite or cut fails verify
    summary.seconds = time.monotonic() - started
    create_markdown_artifact(key="ingest-summary", markdown=summary.to_markdown())
    log_info(*log_line(summary))
    return summary


def log_line(summary: outcomes.IngestSummary) -> tuple[object, ...]:
    """The run's INFO line: counts, reason codes, the ledger head's prefix; no file names."""
    codes = ",".join(f"{code}={n}" for code, n in sorted(summary.quarantined.items())) or "none"
    refused = ",".join(f"{code}={n}" for code, n in sorted(summary.refused.items())) or "none"
    return (
        (
            "ingest done: %d ingested, %d already known, %d reprocessed, quarantined %s,"
            " refused %s, %d incidents, %d pages OCRed, ledger head %s, %.1f s"
        ),
        summary.ingested,
        summary.already_known,
        summary.reprocessed,
        codes,
        refused,
        len(summary.incidents),
        summary.pages_ocr,
        (summary.ledger_head or "none")[:12],
        summary.seconds,
    )


def run_ingest(
    settings: Settings,
    *,
    inbox: Path | None = None,
    reprocess: bool = False,
    keep_inbox: bool = False,
    dask_address: str | None = None,
) -> outcomes.IngestSummary:
    """Run one ingest flow in this process (many items, one flow run)."""
    configured = ingest_flow.with_options(task_runner=task_runner(settings, dask_address))
    return configured(
        data_dir=str(settings.data_dir),
        inbox=str(inbox) if inbox else None,
        reprocess=reprocess,
        keep_inbox=keep_inbox,
    )
