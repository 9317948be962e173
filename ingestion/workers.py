"""Extraction over chunks of items, in this process or in a pool of warm worker processes.

Entity extraction is Python-bound: threads share one core under the GIL, so a run with many
items extracts in one process per core. Each worker loads the entity pipelines and the gazetteer
once (seconds), then takes chunks of items; it reads the vault and returns rows, writing nothing
(the coordinator alone writes the vault, the ledger and the dataset). Workers are started with
`spawn`, never `fork`: the coordinator runs Prefect's threads, and a forked child could inherit a
lock one of them held. Small runs skip the pool: its start-up costs more than it saves.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import threading
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from pathlib import Path

from sestry.core.settings import Settings
from sestry.ingestion.intake import count_items
from sestry.ingestion.process import ItemResult, WorkItem, entity_backend, extract_one

log = logging.getLogger(__name__)

#: Fewest items for which a pool pays: a worker's start-up (imports, pipelines, gazetteer) is
#: 5-10 s, about what one core extracts from 500 transcripts.
POOL_MIN_ITEMS = 400
#: Weight of a chunk (one Prefect task): 32 transcripts or 2 scans (outcomes.weight).
CHUNK_WEIGHT = 32

_POOL: ProcessPoolExecutor | None = None
_REPLACING = threading.Lock()
_DATA_DIR: list[str] = []  # the data dir the pool's workers read the gazetteer cache from


def chunks(work: Sequence[WorkItem], weights: Sequence[int]) -> Iterator[list[WorkItem]]:
    """Consecutive chunks of `work`, in plan order, each of at most CHUNK_WEIGHT (or one item)."""
    chunk: list[WorkItem] = []
    total = 0
    for item, weight in zip(work, weights, strict=True):
        if chunk and total + weight > CHUNK_WEIGHT:
            yield chunk
            chunk, total = [], 0
        chunk.append(item)
        total += weight
    if chunk:
        yield chunk


def extract_chunk(data_dir: str, items: Sequence[WorkItem], ocr_workers: int) -> list[ItemResult]:
    """Extract each item of a chunk in turn, here (a worker process, a Dask worker, a thread)."""
    settings = Settings.load(data_dir, ocr_workers=ocr_workers)
    read_gazetteer_cache(data_dir)
    fingerprint = _chunk_fingerprint()  # once per chunk: it reads installed package versions
    with one_blas_thread():
        return [extract_one(settings, item, fingerprint) for item in items]


def one_blas_thread() -> contextlib.AbstractContextManager[object]:
    """BLAS on one thread while a chunk is extracted.

    Why: Natasha's Slovnet model multiplies small matrices; OpenBLAS starts a thread per core
    for each and they spin on the shared cores, so with one worker process per core the Russian
    third of a run cost about twice the CPU (measured: 14 → 6-8 CPU seconds for 150 Russian
    transcripts). The findings are the same (release/residual.py does the same for its reruns).
    """
    try:
        from threadpoolctl import threadpool_limits
    except ImportError:  # an install without it: slower, same findings
        return contextlib.nullcontext()
    return threadpool_limits(limits=1, user_api="blas")


def _chunk_fingerprint() -> str | None:
    """The entity pipeline's fingerprint, once per chunk; None when unavailable, so each item
    computes its own inside `extract_one`, whose catch-all turns a failure into that item's
    `internal_error` instead of failing the whole chunk."""
    backend = entity_backend()
    try:
        return backend.fingerprint() if backend is not None else None
    except Exception:  # noqa: BLE001 - see above: the item-level catch-all reports it
        return None


def run_chunk(data_dir: str, items: Sequence[WorkItem], ocr_workers: int) -> list[ItemResult]:
    """Extract a chunk in this process's pool when one is running, else right here."""
    pool = _POOL
    if pool is None:
        return extract_chunk(data_dir, items, ocr_workers)
    try:
        return pool.submit(extract_chunk, data_dir, list(items), ocr_workers).result()
    except BrokenProcessPool:
        replace_broken()
    # A worker died in this chunk (killed, out of memory, a crash in a native library): each
    # item again on its own, so the one that kills its worker every time is quarantined as an
    # internal error (preserved, reported) instead of failing every run that meets it.
    return [_alone(data_dir, item, ocr_workers) for item in items]


def _alone(data_dir: str, item: WorkItem, ocr_workers: int) -> ItemResult:
    """One item in the pool; a worker that dies on it gives an internal-error result."""
    pool = _POOL
    if pool is None:
        return extract_chunk(data_dir, [item], ocr_workers)[0]
    try:
        return pool.submit(extract_chunk, data_dir, [item], ocr_workers).result()[0]
    except BrokenProcessPool:
        replace_broken()
        log.warning("extraction: a worker process died on one item; it is quarantined")
        return ItemResult(
            item.digest, ok=False, reason="internal_error", detail="extraction process stopped"
        )


def pool_active() -> bool:
    """True while `pool` runs in this process (chunks go to worker processes)."""
    return _POOL is not None


def gazetteer_dir(data_dir: str | Path) -> Path:
    """Where a data dir keeps the gazetteer cache (DATA/cache/gazetteer; safe to delete)."""
    return Path(data_dir) / "cache" / "gazetteer"


def write_gazetteer_cache(data_dir: str | Path) -> None:
    """Coordinator, before extraction: write the gazetteer cache that workers read.

    Why: each worker otherwise builds the gazetteer itself (about 3 CPU seconds, per worker per
    run); the cache is written once per installation and data dir, and only here, so workers
    (Dask ones too) still write nothing.
    """
    try:
        from sestry.extractors.entities import gazetteer_cache

        gazetteer_cache.ensure(gazetteer_dir(data_dir))
    except ModuleNotFoundError:  # no [nlp] extra: no process reads a gazetteer
        return


def read_gazetteer_cache(data_dir: str | Path) -> None:
    """Have this process load its gazetteer from the data dir's cache (when it is there)."""
    try:
        from sestry.extractors.entities import gazetteer_cache
    except ModuleNotFoundError:  # no [nlp] extra: no gazetteer
        return
    if gazetteer_cache.cache_dir() is None:
        gazetteer_cache.use(gazetteer_dir(data_dir))


def warm(data_dir: str | None = None) -> None:
    """Load the entity pipelines and the gazetteer once per worker (its initializer), the
    gazetteer from `data_dir`'s cache when one is given and there."""
    backend = entity_backend()
    if backend is None:
        return
    if data_dir is not None:
        read_gazetteer_cache(data_dir)
    for text, language in (("прогрів", "uk"), ("прогрев", "ru"), ("warm up", "en")):
        backend.find_entities(text, language)
    from sestry.extractors.entities.gazetteer import gazetteer

    gazetteer()


def _ready() -> int:
    return os.getpid()


@contextmanager
def pool(processes: int, data_dir: str | Path | None = None) -> Iterator[None]:
    """Run `run_chunk` in `processes` warm worker processes while the block runs.

    With `data_dir`, the workers load the gazetteer from its cache (`write_gazetteer_cache`
    first, in this process).

    The workers start (and warm up) at once, in the background: the coordinator's intake overlaps
    their start-up. A worker killed mid-chunk breaks the pool: the pool is replaced and the
    chunk's items run again one by one; an item whose worker dies again is an internal error.
    """
    global _POOL
    if _POOL is not None:
        yield  # one pool per process
        return
    _DATA_DIR[:] = [str(data_dir)] if data_dir is not None else []
    _POOL = _start(processes)
    try:
        yield
    finally:
        executor, _POOL = _POOL, None
        executor.shutdown(wait=True, cancel_futures=True)


def _start(processes: int) -> ProcessPoolExecutor:
    executor = ProcessPoolExecutor(
        max_workers=processes,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=warm,
        initargs=tuple(_DATA_DIR[:1]),
    )
    started: list[Future[int]] = [executor.submit(_ready) for _ in range(processes)]
    log.info("extraction pool: %d worker processes starting", len(started))
    return executor


def replace_broken() -> None:
    """After BrokenProcessPool: start a fresh pool of the same size for the retried chunks.

    Several task threads can meet the same broken pool at once: the lock makes one of them
    replace it, and the others find the fresh pool (never a second, orphaned one)."""
    global _POOL
    with _REPLACING:
        broken = _POOL
        if broken is None or not getattr(broken, "_broken", False):
            return
        _POOL = _start(broken._max_workers)  # noqa: SLF001 - the size we gave it
    broken.shutdown(wait=False, cancel_futures=True)


@contextmanager
def early_pool(settings: Settings, inbox: Path) -> Iterator[None]:
    """Start the pool now when the inbox holds enough items for one (else do nothing).

    Why: a worker's warm-up (seconds) then overlaps whatever comes before extraction: Prefect's
    start-up in the CLI, intake in the flow. The flow's own `pool` joins a running one.
    """
    if pool_size(settings) < 2 or count_items(inbox, POOL_MIN_ITEMS) < POOL_MIN_ITEMS:
        yield
        return
    write_gazetteer_cache(settings.data_dir)
    with pool(pool_size(settings), settings.data_dir):
        yield


def pool_size(settings: Settings) -> int:
    """One worker process per core (ocr_workers defaults to the core count)."""
    return max(1, settings.ocr_workers)
