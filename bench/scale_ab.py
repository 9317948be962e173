"""Ingest A/B in one process, same load: one task per item on threads vs chunks on the pool.

    .venv/bin/python -m bench.scale_ab --docs 1000

Both runs use bench.scale's transcripts, a long-lived local Prefect server (its start-up and the
first flow run's are excluded) and `run_ingest` with `--keep-inbox`. "per_item" sets
`CHUNK_WEIGHT = 1` and never starts the worker pool: the flow's shape before issue 14's work
(intake and ledger group commits are shared by both). Prints one JSON object.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: shape → (CHUNK_WEIGHT, POOL_MIN_ITEMS)
SHAPES = {"chunks_pool": (32, 1), "per_item": (1, 10**9)}


def _one() -> int:
    return 1


def main() -> None:
    """Run both shapes over fresh data dirs of `--docs` transcripts; print seconds and rates."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=1000)
    docs = parser.parse_args().docs
    sys.path.insert(0, str(REPO))
    from bench.scale import make_testimonies
    from tests.flows.prefect_server import client_env, running_server

    work = Path(tempfile.mkdtemp(prefix="sestry-ab-"))
    try:
        with running_server(work / "prefect") as url:
            os.environ.update(client_env(work / "prefect", url))
            from prefect import flow

            from sestry.core.settings import Settings
            from sestry.custody.keys import init_layout
            from sestry.flows.ingest import run_ingest
            from sestry.ingestion import workers

            flow(_one, name="warm-up")()  # the first flow run's start-up, outside timing
            out: dict[str, object] = {"docs": docs, "load_before": os.getloadavg()[0]}
            for shape, (chunk, pool_min) in SHAPES.items():
                settings = Settings.load(work / shape)
                settings.data_dir.mkdir(mode=0o700)
                init_layout(settings)
                make_testimonies(settings.inbox, docs)
                workers.CHUNK_WEIGHT, workers.POOL_MIN_ITEMS = chunk, pool_min
                start = time.perf_counter()
                run_ingest(settings, keep_inbox=True)
                seconds = time.perf_counter() - start
                out[shape] = {"s": round(seconds, 2), "items_per_s": round(docs / seconds, 1)}
            out["load_after"] = os.getloadavg()[0]
            print(json.dumps(out))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":  # required: the worker pool spawns processes that import __main__
    main()
