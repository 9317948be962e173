"""Prefect task wrappers: one call each into a plain function; nothing persisted, nothing cached.

Task inputs are a digest-keyed WorkItem (custody metadata, no text) and the data dir; the result
holds rows in memory only (`persist_result=False`) and goes straight to the coordinator. A
transient failure (tesseract killed, a worker lost) is retried with backoff; bad input never is
(it comes back as a quarantine reason, not an exception).
"""

from __future__ import annotations

from prefect import task
from prefect.cache_policies import NONE

from sestry.core.settings import Settings
from sestry.flows.retry import TRANSIENT_RETRIES
from sestry.ingestion.process import ItemResult, WorkItem, extract_one


@task(
    name="extract", cache_policy=NONE, persist_result=False, log_prints=False, **TRANSIENT_RETRIES
)
def extract_task(work: WorkItem, data_dir: str) -> ItemResult:
    """Extract text and entities of one vault object (reads the vault, writes nothing)."""
    return extract_one(Settings.load(data_dir), work)
