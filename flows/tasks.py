"""Prefect task wrappers: one call each into a plain function; nothing persisted, nothing cached.

Task inputs are digest-keyed WorkItems (custody metadata, no text) and the data dir; the result
holds rows in memory only (`persist_result=False`) and goes straight to the coordinator. One task
extracts a chunk of items (ingestion.workers): a task per item cost more in Prefect's bookkeeping
than extracting a transcript. A transient failure (tesseract killed, a worker or pool lost) is
retried with backoff; bad input never is (it comes back as a quarantine reason, not an exception).
"""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NONE

from sestry.flows.retry import TRANSIENT_RETRIES
from sestry.ingestion.process import ItemResult, WorkItem
from sestry.ingestion.workers import run_chunk


@task(
    name="extract", cache_policy=NONE, persist_result=False, log_prints=False, **TRANSIENT_RETRIES
)
def extract_task(work: list[WorkItem], data_dir: str, ocr_workers: int) -> list[ItemResult]:
    """Extract text and entities of a chunk of vault objects (reads the vault, writes nothing)."""
    return run_chunk(data_dir, work, ocr_workers)
