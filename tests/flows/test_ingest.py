"""The ingest flow for real: real files, extractors, vault, ledger, Parquet; no fakes."""

from __future__ import annotations

import json

import pytest

from sestry.core.settings import Settings
from sestry.custody.keys import init_layout
from sestry.custody.ledger import Ledger
from sestry.custody.verify import verify_data_dir
from sestry.flows.ingest import ingest_flow, progress, run_ingest
from sestry.schemas import dataset
from tests.flows import corpus

pytestmark = pytest.mark.nlp  # every item goes through the entity pipeline (spaCy)


@pytest.fixture
def ready(settings: Settings) -> Settings:
    init_layout(settings)
    return settings


def by_name(settings: Settings) -> dict[str, dict]:
    docs = dataset.read_table(settings.dataset_dir, "documents").to_pylist()
    return {d["source_name"]: d for d in docs}


def reasons(settings: Settings) -> dict[str, str]:
    out = {}
    for path in settings.quarantine_dir.glob("*/reason.json"):
        record = json.loads(path.read_text())
        out[record["source_name"]] = record["reason"]
    return out


@pytest.mark.ocr
def test_every_format_and_bad_input_through_the_flow(ready: Settings) -> None:
    expected = corpus.full_inbox(ready.inbox)
    events: list[tuple[str, object]] = []
    with progress(lambda kind, value: events.append((kind, value))):
        summary = run_ingest(ready)
    docs = by_name(ready)
    quarantined = reasons(ready)
    for name, outcome in expected.items():
        if outcome == "ok":
            assert name in docs, name
        else:
            assert quarantined.get(name) == outcome, name
    assert summary.ingested == sum(1 for o in expected.values() if o == "ok")
    assert summary.quarantined == {
        code: sum(1 for o in expected.values() if o == code)
        for code in set(expected.values()) - {"ok"}
    }
    assert summary.pages_ocr == 1
    assert summary.mean_ocr_confidence is not None
    assert docs["case1/int_000.txt"]["consent"] == ["research"]
    assert docs["case1/int_000.txt"]["case_id"] == "UA-001"
    assert docs["case2/cue_000.srt"]["consent"] == []  # no sidecar: never releasable
    assert docs["case1/int_000.txt"]["audio_id"] == docs["case1/int_000.wav"]["doc_id"]
    assert docs["case6/talk.txt"]["audio_id"] == docs["case6/rec/take.wav"]["doc_id"]
    assert docs["scans/page1.png"]["method"] == "ocr"
    scan = docs["scans/page1.png"]["doc_id"]
    events_ = Ledger(ready.ledger_path).events()
    [event] = [e for e in events_ if e["subject"] == scan and e["action"] == "extract"]
    assert event["versions"]["tesseract"]
    assert any(key.startswith("tessdata/") for key in event["versions"])
    assert "Kherson" in docs["scans/page1.png"]["text"]
    assert dataset.read_table(ready.dataset_dir, "words").num_rows > 0
    entities = dataset.read_table(ready.dataset_dir, "entities")
    assert entities.num_rows > 0
    assert set(entities.column("doc_id").to_pylist()) <= set(
        dataset.known_doc_ids(ready.dataset_dir)
    )
    assert [k for k, _ in events].count("item") == len(expected) - 1  # sidecar: at intake
    assert verify_data_dir(ready).ok
    left = [p for p in ready.inbox.rglob("*") if p.is_file() and ".done" not in p.parts]
    assert left == []  # everything moved to .done


def test_extract_events_name_versions_and_outputs(
    ready: Settings, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sestry.ingestion import workers

    monkeypatch.setattr(workers, "CHUNK_WEIGHT", 3)  # 4 items: two chunks (two tasks)
    corpus.transcripts(ready.inbox)
    assert run_ingest(ready).ingested == 4
    ledger = Ledger(ready.ledger_path)
    extract = [e for e in ledger.events() if e["action"] == "extract"]
    assert len(extract) == 4
    for event in extract:
        assert event["inputs"] == [event["subject"]]
        assert event["versions"]["extractor"]
        assert event["outputs"]
        assert event["params"]["method"] == "transcript"
    text = ready.ledger_path.read_text(encoding="utf-8")
    for canary in corpus.CANARIES:
        assert canary not in text


def test_rerun_processes_nothing_and_reprocess_replaces(ready: Settings) -> None:
    corpus.transcripts(ready.inbox)
    first = run_ingest(ready, keep_inbox=True)
    assert first.ingested == 4
    again = run_ingest(ready, keep_inbox=True)
    assert (again.ingested, again.already_known) == (0, 4)
    redo = run_ingest(ready, reprocess=True)
    assert (redo.ingested, redo.reprocessed) == (4, 4)
    docs = dataset.read_table(ready.dataset_dir, "documents")
    assert docs.num_rows == 4
    assert len(set(docs.column("doc_id").to_pylist())) == 4
    assert verify_data_dir(ready).ok


def test_items_left_by_a_killed_run_are_completed(ready: Settings) -> None:
    """Intake done, inbox already moved, killed before extraction: the rerun completes."""
    from sestry.ingestion import coordinator, intake

    corpus.transcripts(ready.inbox)
    custody, _ = coordinator.open_custody(ready)
    intake.receive_inbox(custody, ready.inbox)
    assert dataset.known_doc_ids(ready.dataset_dir) == set()
    summary = run_ingest(ready)
    assert (summary.ingested, summary.completed_from_earlier) == (4, 4)
    assert len(dataset.known_doc_ids(ready.dataset_dir)) == 4


def test_flow_returns_a_completed_state(ready: Settings) -> None:
    corpus.transcripts(ready.inbox)
    state = ingest_flow(data_dir=str(ready.data_dir), return_state=True)
    assert state.is_completed()
    assert state.result().ingested == 4


def test_uninitialised_data_dir_fails_the_flow(settings: Settings) -> None:
    from sestry.core.errors import ConfigError

    with pytest.raises(ConfigError):
        run_ingest(settings)


@pytest.mark.ocr
def test_committed_samples_match_expected(ready: Settings) -> None:
    """Every sample in data/samples ends in the dataset, or quarantined with EXPECTED's reason."""
    from tests.flows import samples

    digests = samples.copy_into(ready.inbox)
    run_ingest(ready)
    known = dataset.known_doc_ids(ready.dataset_dir)
    docs = {d["doc_id"]: d for d in dataset.read_table(ready.dataset_dir, "documents").to_pylist()}
    for name, facts in samples.expected().items():
        digest = digests[name]
        if facts.get("reason"):
            record = json.loads((ready.quarantine_dir / digest / "reason.json").read_text())
            assert record["reason"] == facts["reason"], name
            assert digest not in known, name
        else:
            assert digest in known, name
            assert docs[digest]["kind"] == facts["kind"], name
    escaped = [d["source_name"] for d in docs.values() if d["source_name"].startswith("bad/note")]
    assert escaped == ["bad/note\\x1b[31m.txt"]
    assert verify_data_dir(ready).ok


def test_gazetteer_cache_and_one_blas_thread_change_no_byte(tmp_path, monkeypatch) -> None:
    """Issue 14's speed-ups leave the dataset as it was: one intake, copied; extracted once as
    before (gazetteer built, BLAS on its default threads) and once as now (gazetteer cache
    written by the coordinator and loaded, one BLAS thread): the same batch files, byte for
    byte (the BLAKE3 their commit records hold)."""
    import contextlib
    import shutil

    from sestry.extractors.entities import gazetteer_cache
    from sestry.extractors.entities.gazetteer import gazetteer
    from sestry.ingestion import coordinator, intake, workers
    from sestry.schemas import dataset_log

    def batch_digests(settings: Settings) -> list[dict[str, object]]:
        return [
            {table: entry["b3"] for table, entry in commit.files.items()}
            for commit in (
                dataset_log.read_commit(path, seq)
                for seq, path in dataset_log.list_commits(settings.dataset_dir)
            )
        ]

    before = Settings.load(tmp_path / "before")
    before.data_dir.mkdir(mode=0o700)
    init_layout(before)
    corpus.transcripts(before.inbox, n=2)
    ru = "Меня задержали в Мелитополе, потом держали в Васильевке и в Херсоне."
    (before.inbox / "places").mkdir()
    (before.inbox / "places/ru.txt").write_text(f"Q: Где?\nA: {ru}\n", encoding="utf-8")
    custody, _ = coordinator.open_custody(before)
    intake.receive_inbox(custody, before.inbox)
    shutil.copytree(before.data_dir, tmp_path / "now", symlinks=True)
    now = Settings.load(tmp_path / "now")

    gazetteer.cache_clear()
    with monkeypatch.context() as old:
        old.setattr(workers, "write_gazetteer_cache", lambda data_dir: None)
        old.setattr(workers, "read_gazetteer_cache", lambda data_dir: None)
        old.setattr(workers, "one_blas_thread", contextlib.nullcontext)
        gazetteer_cache.use(None)
        first = run_ingest(before)
    gazetteer.cache_clear()
    gazetteer_cache.use(None)
    try:
        second = run_ingest(now)
        assert gazetteer_cache.cache_dir() == workers.gazetteer_dir(now.data_dir)
    finally:
        gazetteer.cache_clear()
        gazetteer_cache.use(None)
    assert list(workers.gazetteer_dir(now.data_dir).glob("gazetteer-*.json"))
    assert not workers.gazetteer_dir(before.data_dir).exists()
    assert first.ingested == second.ingested == 9
    entities = dataset.read_table(now.dataset_dir, "entities").to_pylist()
    assert any(e["label"] == "LOC" and e["code"] for e in entities)  # the gazetteer was read
    assert batch_digests(now) == batch_digests(before)
    assert batch_digests(now)
    assert verify_data_dir(now).ok
