"""The ingest flow on a local Dask cluster writes the same dataset files as the local run.

Both runs start from one intake (the data dir copied after it, so both ledgers hold the same
`ingested_at` times): the batch files must then be byte for byte the same (compared by the BLAKE3
their commit records hold), whatever order the items finish in on each side.
"""

from __future__ import annotations

import shutil

import pytest

from sestry.core.settings import Settings
from sestry.custody.keys import init_layout
from sestry.custody.verify import verify_data_dir
from sestry.flows.ingest import run_ingest
from sestry.ingestion import coordinator, intake, workers
from sestry.schemas import dataset_log
from tests.flows import corpus

pytestmark = pytest.mark.nlp  # every item goes through the entity pipeline (spaCy)


def batch_digests(settings: Settings) -> list[dict[str, tuple[object, object]]]:
    """Per commit, in sequence: table → (BLAKE3 of its batch file, rows)."""
    return [
        {table: (entry["b3"], entry["rows"]) for table, entry in commit.files.items()}
        for commit in (
            dataset_log.read_commit(path, seq)
            for seq, path in dataset_log.list_commits(settings.dataset_dir)
        )
    ]


@pytest.mark.slow
@pytest.mark.ocr
def test_dask_cluster_gives_byte_identical_batches(tmp_path, monkeypatch) -> None:
    from distributed import LocalCluster

    local = Settings.load(tmp_path / "local")
    local.data_dir.mkdir(mode=0o700)
    init_layout(local)
    corpus.full_inbox(local.inbox)
    custody, _ = coordinator.open_custody(local)
    intake.receive_inbox(custody, local.inbox)
    shutil.copytree(local.data_dir, tmp_path / "dask", symlinks=True)
    remote = Settings.load(tmp_path / "dask")
    # small batches and chunks, the local side on the worker pool: many boundaries to disagree on
    monkeypatch.setattr("sestry.ingestion.outcomes.BATCH_DOCS", 3)
    monkeypatch.setattr(workers, "CHUNK_WEIGHT", 2)
    monkeypatch.setattr(workers, "POOL_MIN_ITEMS", 1)
    here = run_ingest(local)
    with LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        there = run_ingest(remote, dask_address=cluster.scheduler_address)
    assert there.ingested == here.ingested > 3
    assert len(batch_digests(local)) > 1
    assert batch_digests(remote) == batch_digests(local)
    assert verify_data_dir(local).ok
    assert verify_data_dir(remote).ok
