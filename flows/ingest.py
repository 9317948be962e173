"""The ingest flow: intake (coordinator) → extract tasks (workers) → records (coordinator).

Thin by design: every decision lives in `ingestion/`. Workers only read the vault and return
rows; this process alone writes the vault, the ledger and the dataset (DESIGN "single writer"),
in dataset batches of outcomes.BATCH_DOCS items, so a kill loses at most the uncommitted batch.
One task extracts a chunk of items; on the thread runner a large run sends the chunks to a pool
of warm worker processes (one per core, ingestion.workers). Results are recorded in plan order,
whatever order they finish in, so the thread runner and a Dask cluster write the same batches.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

from prefect import flow
from prefect.artifacts import create_markdown_artifact
from prefect.context import FlowRunContext
from prefect.futures import PrefectFuture
from prefect.task_runners import ThreadPoolTaskRunner

from sestry.core.settings import Settings
from sestry.custody.checkpoints import write_checkpoint
from sestry.extractors import registry
from sestry.flows.run_meta import ingest_run_name, labelled, log_info
from sestry.flows.tasks import extract_task
from sestry.ingestion import coordinator, intake, outcomes, workers
from sestry.ingestion.inbox_stat import InboxStat
from sestry.ingestion.process import ItemResult, WorkItem

ProgressHook = Callable[[str, Any], None]
#: Chunks (tasks) in flight at once: enough to keep every worker busy, few enough to bound memory
#: (rows with text are held until recorded, and recorded in plan order).
AHEAD = 8
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


def _on_threads() -> bool:
    """True when this flow run's tasks run on threads here (a worker pool can help), not Dask."""
    context = FlowRunContext.get()
    return context is None or isinstance(context.task_runner, ThreadPoolTaskRunner)


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
    where = Path(inbox) if inbox else settings.inbox
    processes = workers.pool_size(settings) if _on_threads() else 1
    with ExitStack() as stack:
        if processes > 1:  # start the workers now: their warm-up overlaps intake
            stack.enter_context(workers.early_pool(settings, where))
        stat = InboxStat.of(settings.data_dir, where)
        report = intake.receive_inbox(custody, where, keep_inbox=keep_inbox, stat=stat)
        new = {r.digest for r in report.received if r.status == "new" and r.digest}
        plan = outcomes.plan(custody, settings.dataset_dir, reprocess=reprocess, this_run=new)
        _emit("planned", plan.work)
        log_info("ingest: %d received, %d to extract", len(report.received), len(plan.work))
        if plan.work:  # workers read it instead of building the gazetteer each
            workers.write_gazetteer_cache(settings.data_dir)
        if processes > 1 and len(plan.work) >= workers.POOL_MIN_ITEMS:
            stack.enter_context(workers.pool(processes, settings.data_dir))  # or joins one
        pooled = workers.pool_active()
        ocr_each = max(1, settings.ocr_workers // processes) if pooled else settings.ocr_workers
        done = _extract_all(settings, custody, plan.work, ocr_each)
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


def _extract_all(
    settings: Settings, custody: intake.CustodyWriters, work: list[WorkItem], ocr_each: int
) -> list[outcomes.ItemOutcome]:
    """Submit chunks a few ahead; record their results in plan order, then commit the rest."""
    recorder = outcomes.Recorder(custody, settings.dataset_dir)  # one dataset batch per N items
    done: list[outcomes.ItemOutcome] = []
    in_flight: deque[tuple[list[WorkItem], PrefectFuture[list[ItemResult]]]] = deque()

    def record_oldest() -> None:
        chunk, future = in_flight.popleft()
        for item, result in zip(chunk, future.result(), strict=True):
            outcome = recorder.record(result, outcomes.weight(item))
            done.append(outcome)
            _emit("item", outcome)

    data_dir = str(settings.data_dir)
    for chunk in workers.chunks(work, [outcomes.weight(item) for item in work]):
        in_flight.append((chunk, extract_task.submit(chunk, data_dir, ocr_each)))
        if len(in_flight) >= AHEAD:
            record_oldest()
    while in_flight:
        record_oldest()
    recorder.commit()
    return done


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
