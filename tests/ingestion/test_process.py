"""extract_one: from a vault object to row tables, or a reason code; no Prefect involved."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest

from sestry.core.settings import Settings
from sestry.custody.vault import Vault
from sestry.ingestion.process import WorkItem, extract_one
from sestry.schemas.tables import TABLES

TEXT = "Мене звати Ярослава Хомутенко. Мене тримали в Херсоні з березня 2022 року.\n"


def work_for(ready: Settings, path: Path, **extra: object) -> WorkItem:
    stored = Vault(ready.vault_dir).put(path)
    fields = {
        "digest": stored.digest,
        "source_name": path.name,
        "size": stored.size,
        "media_type": "text/plain",
        "ingested_at": dt.datetime(2024, 1, 1, tzinfo=dt.UTC),
        **extra,
    }
    return WorkItem(**fields)


@pytest.mark.nlp
def test_text_item_gives_rows_of_every_table(ready: Settings, drop: Callable[..., Path]) -> None:
    work = work_for(ready, drop("a.txt", TEXT), language_hint="uk", consent=("research",))
    result = extract_one(ready, work)
    assert result.ok
    assert set(result.tables) == set(TABLES)
    for name, table in result.tables.items():
        assert table.schema.equals(TABLES[name]), name
    [doc] = result.tables["documents"].to_pylist()
    assert doc["text"] == TEXT
    assert doc["language"] == "uk"
    assert doc["consent"] == ["research"]
    labels = set(result.tables["entities"].column("label").to_pylist())
    assert "PERSON" in labels
    assert result.versions["entities"]
    from sestry.extractors.entities.fingerprint import fingerprint

    assert doc["entities_version"] == fingerprint()  # the residual pass reuses only on a match
    assert "Хомутенко" not in repr(result.params)


def test_empty_item_comes_back_as_a_reason(ready: Settings, drop: Callable[..., Path]) -> None:
    result = extract_one(ready, work_for(ready, drop("empty.txt", b"")))
    assert not result.ok
    assert result.reason == "empty"
    assert result.tables == {}


def test_unknown_bytes_come_back_as_unsupported(ready: Settings, drop: Callable[..., Path]) -> None:
    path = drop("x.bin", bytes(range(256)) * 4)
    result = extract_one(ready, work_for(ready, path, media_type="application/octet-stream"))
    assert (result.ok, result.reason) == (False, "unsupported_format")


def test_missing_dependency_stops_the_run_instead_of_quarantining(
    ready: Settings, drop: Callable[..., Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    from sestry.core.errors import MissingDependency
    from sestry.extractors import registry

    def broken(*_args: object) -> None:
        raise MissingDependency("tesseract language data missing: ukr")

    monkeypatch.setattr(registry, "extract", broken)
    with pytest.raises(MissingDependency):
        extract_one(ready, work_for(ready, drop("a.txt", TEXT)))


@pytest.mark.nlp
def test_a_result_crosses_processes_as_arrow_streams_with_the_same_rows(
    ready: Settings, drop: Callable[..., Path], tmp_path: Path
) -> None:
    """Pickled (worker pool, Dask), a result's tables are IPC bytes and come back identical."""
    import pickle

    import pyarrow.parquet as pq

    work = work_for(ready, drop("b.txt", TEXT), language_hint="uk", consent=("research",))
    result = extract_one(ready, work, entities_fingerprint="0.0.0+test")
    assert result.tables["documents"].column("entities_version").to_pylist() == ["0.0.0+test"]
    blob = pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL)
    assert "Хомутенко".encode() in blob  # the text travels (in memory only), as IPC bytes
    state = result.__getstate__()
    assert all(isinstance(v, bytes) for v in state["tables"].values())
    back = pickle.loads(blob)  # noqa: S301 - our own bytes
    assert (back.digest, back.ok, back.params, back.versions) == (
        result.digest,
        result.ok,
        result.params,
        result.versions,
    )
    for name, table in result.tables.items():
        assert back.tables[name].equals(table), name
        assert back.tables[name].schema.equals(table.schema, check_metadata=True), name
        pq.write_table(table, tmp_path / f"{name}-a.parquet")
        pq.write_table(back.tables[name], tmp_path / f"{name}-b.parquet")
        a = (tmp_path / f"{name}-a.parquet").read_bytes()
        assert a == (tmp_path / f"{name}-b.parquet").read_bytes(), name
