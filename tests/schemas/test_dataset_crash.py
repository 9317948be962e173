"""Crash safety of batch commits and compaction: SIGKILL a writing process at random points.

After each kill the committed view holds every batch the child reported committed (or a newer
version of its documents), no document twice, and never a mix of two versions' rows.
"""

from __future__ import annotations

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from sestry.schemas import dataset
from sestry.schemas import dataset_log as log

WRITER = """
import datetime as dt, json, sys
from pathlib import Path
import pyarrow as pa
from sestry.schemas import dataset, dataset_compact
from sestry.schemas.tables import DOCUMENTS, SEGMENTS
root, mode, start = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
ids = [f"{i:064x}" for i in range(1, 41)]

def rows(doc_id, r):
    doc = {n: None for n in DOCUMENTS.names}
    doc.update(doc_id=doc_id, kind="transcript", media_type="text/plain", text=f"r{r}" * 200,
               pages=1, method="transcript", consent=[], extractor_version="t@1",
               ingested_at=dt.datetime(2024, 1, 1, tzinfo=dt.UTC), case_id=f"C-{r % 3}")
    segs = [{"doc_id": doc_id, "seq": i, "page": r, "start": 0, "end": 1, "speaker": None,
             "t_start": None, "t_end": None} for i in range(r % 4 + 1)]
    return {"documents": pa.Table.from_pylist([doc], DOCUMENTS),
            "segments": pa.Table.from_pylist(segs, SEGMENTS)}

r = start
while True:
    r += 1
    batch = dataset.Batch(root)
    chosen = [ids[(r * 7 + k) % len(ids)] for k in range(12)]
    for doc_id in chosen:
        batch.add(doc_id, rows(doc_id, r))
    batch.commit()
    print(json.dumps({"round": r, "docs": chosen}), flush=True)
    if mode == "compact" and r % 2 == 0:
        dataset_compact.compact(root)
        print(json.dumps({"compacted": r}), flush=True)
"""


def _check(root: Path, reported: dict[str, int]) -> int:
    """The view is whole: reported versions (or newer) present, one version per document."""
    dataset.sweep_temp(root, grace_s=-1)  # the writer is dead: its leftovers are orphans
    docs = dataset.read_table(root, "documents").to_pylist()
    ids = [d["doc_id"] for d in docs]
    assert len(ids) == len(set(ids)), "a document twice"
    version = {d["doc_id"]: int(d["text"][1 : d["text"].index("r", 1)]) for d in docs}
    for doc_id, r in reported.items():
        assert version.get(doc_id, -1) >= r, "a reported commit was lost"
    segs = dataset.read_table(root, "segments").to_pylist()
    pages: dict[str, list[int]] = {}
    for seg in segs:
        pages.setdefault(seg["doc_id"], []).append(seg["page"])
    for doc_id, r in version.items():
        assert pages[doc_id] == [r] * (r % 4 + 1), "rows of two versions mixed"
    live = {
        (t, str(e["name"])) for c in dataset.view(root).commits.values() for t, e in c.files.items()
    }
    on_disk = {(t, p.name) for t in ("documents", "segments") for p in (root / t).iterdir()}
    leftovers = on_disk - live
    assert all(name.startswith(log.BATCH_PREFIX) for _, name in leftovers)
    return max(version.values(), default=0)


def _rounds(tmp_path: Path, mode: str, kills: int, seed: int) -> int:
    rng = random.Random(seed)
    root = tmp_path / "dataset"
    reported: dict[str, int] = {}
    last = 0
    compactions = 0
    for _ in range(kills):
        child = subprocess.Popen(  # noqa: S603 - fixed argv
            [sys.executable, "-c", WRITER, str(root), mode, str(last + 1)],
            stdout=subprocess.PIPE,
            text=True,
        )
        time.sleep(rng.uniform(0.8, 2.5))
        os.kill(child.pid, signal.SIGKILL)
        out, _ = child.communicate(timeout=30)
        for line in out.splitlines():
            event = json.loads(line)
            if "round" in event:
                for doc_id in event["docs"]:
                    reported[doc_id] = event["round"]
            else:
                compactions += 1
        last = max(_check(root, reported), max(reported.values(), default=0))
    assert reported, f"the writer never committed (seed {seed})"
    return compactions


@pytest.mark.slow
def test_sigkill_during_batch_commits_loses_and_duplicates_nothing(tmp_path: Path) -> None:
    _rounds(tmp_path, "batches", kills=10, seed=int(os.environ.get("SESTRY_CRASH_SEED", 11)))


@pytest.mark.slow
def test_sigkill_during_compaction_leaves_old_or_new_view(tmp_path: Path) -> None:
    seed = int(os.environ.get("SESTRY_CRASH_SEED", 12))
    assert _rounds(tmp_path, "compact", kills=10, seed=seed) > 0
    assert not dataset.view(tmp_path / "dataset").where.keys() - {f"{i:064x}" for i in range(1, 41)}
