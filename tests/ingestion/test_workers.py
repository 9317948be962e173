"""Chunks of work in plan order, and a warm process pool that returns what in-process work does."""

from __future__ import annotations

import datetime as dt

import pytest

from sestry.core.settings import Settings
from sestry.extractors.entities import gazetteer_cache
from sestry.ingestion import intake, workers
from sestry.ingestion.outcomes import plan
from sestry.ingestion.process import WorkItem


def item(n: int, media_type: str = "text/plain") -> WorkItem:
    return WorkItem(
        digest=f"{n:064x}",
        source_name=f"x{n}.txt",
        size=1,
        media_type=media_type,
        ingested_at=dt.datetime(2026, 1, 1, tzinfo=dt.UTC),
    )


def test_chunks_keep_plan_order_and_weight(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(workers, "CHUNK_WEIGHT", 4)
    work = [item(n) for n in range(7)]
    weights = [1, 1, 3, 1, 9, 1, 1]  # an item heavier than a chunk gets a chunk of its own
    got = [[w.digest for w in chunk] for chunk in workers.chunks(work, weights)]
    assert [d for chunk in got for d in chunk] == [w.digest for w in work]
    assert [len(chunk) for chunk in got] == [2, 2, 1, 2]


def test_count_items_skips_sidecars_and_done(tmp_path) -> None:
    (tmp_path / ".done").mkdir()
    (tmp_path / ".done" / "old.txt").write_text("x")
    (tmp_path / "a").mkdir()
    for n in range(3):
        (tmp_path / "a" / f"t{n}.txt").write_text("x")
        (tmp_path / "a" / f"t{n}.txt.meta.json").write_text("{}")
    assert intake.count_items(tmp_path, 100) == 3
    assert intake.count_items(tmp_path, 2) >= 2


@pytest.mark.nlp
@pytest.mark.slow
def test_pool_extracts_what_this_process_does(ready: Settings, open_custody, drop) -> None:
    """Two spawned workers (pipelines loaded once each, the gazetteer from the data dir's cache)
    give the rows this process does (gazetteer built), in order."""
    texts = [
        "Q: Де ви були?\nA: Мене затримали в Херсоні 24 лютого 2022 року.\n",
        "Q: Where were you?\nA: In Izium, on 3 March 2022. My phone is +380671234567.\n",
        "Q: Где вы были?\nA: В Буче, в марте. Допрос вела в/ч 12345.\n",
    ]
    for n, text in enumerate(texts):
        drop(f"c/t{n}.txt", text)
    custody = open_custody()
    intake.receive_inbox(custody, ready.inbox)
    work = plan(custody, ready.dataset_dir).work
    here = workers.run_chunk(str(ready.data_dir), work, 1)
    workers.write_gazetteer_cache(ready.data_dir)  # the workers load it instead of building
    cached = list(workers.gazetteer_dir(ready.data_dir).glob("gazetteer-*.json"))
    assert len(cached) == 1
    with workers.pool(2, ready.data_dir):
        assert workers.pool_active()
        pool = workers._POOL
        assert pool is not None
        assert pool.submit(gazetteer_cache.cache_dir).result() == cached[0].parent
        there = workers.run_chunk(str(ready.data_dir), work, 1)
    assert not workers.pool_active()
    gazetteer_cache.use(None)  # this process was pointed at the cache by run_chunk
    assert [r.digest for r in there] == [w.digest for w in work]
    for a, b in zip(here, there, strict=True):
        assert (a.ok, b.ok) == (True, True)
        assert all(a.tables[name].equals(b.tables[name]) for name in a.tables)
        assert a.versions == b.versions


@pytest.mark.nlp
@pytest.mark.slow
def test_a_dead_worker_costs_no_item(ready: Settings, open_custody, drop) -> None:
    """Workers killed under a chunk: the pool is replaced and every item still comes back."""
    import os
    import signal

    for n in range(3):
        drop(f"k/t{n}.txt", f"Q: Де ви були?\nA: У Херсоні, {n + 1} березня 2022 року.\n")
    custody = open_custody()
    intake.receive_inbox(custody, ready.inbox)
    work = plan(custody, ready.dataset_dir).work
    with workers.pool(1):
        first = workers._POOL
        assert first is not None
        first.submit(os.getpid).result()  # the worker is up
        for pid in list(first._processes):  # kill it between chunks
            os.kill(pid, signal.SIGKILL)
        got = workers.run_chunk(str(ready.data_dir), work, 1)
        assert workers._POOL is not first  # replaced, once
    assert [r.digest for r in got] == [w.digest for w in work]
    assert all(r.ok for r in got)


@pytest.mark.nlp
@pytest.mark.slow
def test_early_pool_starts_only_for_an_inbox_large_enough(
    ready: Settings, drop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Below the threshold nothing starts; at it the pool runs, and a later `pool` joins it."""
    settings = Settings.load(ready.data_dir, ocr_workers=2)
    monkeypatch.setattr(workers, "POOL_MIN_ITEMS", 3)
    for n in range(2):
        drop(f"c/t{n}.txt", "Q: Де ви були?\nA: Вдома.\n")
    with workers.early_pool(settings, settings.inbox):
        assert not workers.pool_active()
    drop("c/t2.txt", "Q: Де ви були?\nA: Вдома.\n")
    with workers.early_pool(settings, settings.inbox):
        assert workers.pool_active()
        started = workers._POOL  # noqa: SLF001 - the one pool of this process
        with workers.pool(2):
            assert workers._POOL is started  # noqa: SLF001 - joined, not a second pool
    assert not workers.pool_active()


@pytest.mark.nlp
def test_a_chunk_runs_blas_on_one_thread(
    ready: Settings, open_custody, drop, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While a chunk is extracted, every loaded BLAS runs one thread; afterwards as before."""
    threadpoolctl = pytest.importorskip("threadpoolctl")
    import numpy  # noqa: F401 - loads the BLAS that Natasha's model uses

    def blas_threads() -> set[int]:
        info = threadpoolctl.threadpool_info()
        return {i["num_threads"] for i in info if i["user_api"] == "blas"}

    before = blas_threads()
    assert before, "no BLAS loaded: nothing to check"
    seen: list[set[int]] = []
    real = workers.extract_one

    def spy(*args, **kwargs):  # noqa: ANN002, ANN003, ANN202
        seen.append(blas_threads())
        return real(*args, **kwargs)

    monkeypatch.setattr(workers, "extract_one", spy)
    drop("b/t0.txt", "Q: Где вы были?\nA: В Буче, в марте 2022 года.\n")
    custody = open_custody()
    intake.receive_inbox(custody, ready.inbox)
    got = workers.extract_chunk(str(ready.data_dir), plan(custody, ready.dataset_dir).work, 1)
    assert [r.ok for r in got] == [True]
    assert seen == [{1}]
    assert blas_threads() == before
