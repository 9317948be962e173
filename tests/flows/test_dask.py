"""The ingest flow on a local Dask cluster gives the same dataset as the local run."""

from __future__ import annotations

import pytest

from sestry.core.settings import Settings
from sestry.custody.keys import init_layout
from sestry.custody.verify import verify_data_dir
from sestry.flows.ingest import run_ingest
from sestry.schemas import dataset
from tests.flows import corpus

pytestmark = pytest.mark.nlp  # every item goes through the entity pipeline (spaCy)


def contents(settings: Settings) -> dict[str, str]:
    docs = dataset.read_table(settings.dataset_dir, "documents").to_pylist()
    return {d["doc_id"]: d["text"] for d in docs}


@pytest.mark.slow
@pytest.mark.ocr
def test_dask_cluster_gives_the_same_dataset(tmp_path) -> None:
    from distributed import LocalCluster

    local = Settings.load(tmp_path / "local")
    remote = Settings.load(tmp_path / "dask")
    for settings in (local, remote):
        settings.data_dir.mkdir(mode=0o700)
        init_layout(settings)
        corpus.full_inbox(settings.inbox)
    run_ingest(local)
    with LocalCluster(
        n_workers=2, processes=True, threads_per_worker=1, dashboard_address=None
    ) as cluster:
        summary = run_ingest(remote, dask_address=cluster.scheduler_address)
    assert summary.ingested > 0
    assert contents(remote) == contents(local)
    for name in ("segments", "words"):
        assert (
            dataset.read_table(remote.dataset_dir, name).num_rows
            == dataset.read_table(local.dataset_dir, name).num_rows
        )
    assert verify_data_dir(remote).ok
