"""`sestry ingest` against a hostile inbox (issue 11): nothing lost, the run goes on, one line."""

from __future__ import annotations

import json
import os
import subprocess
import threading
from pathlib import Path

import pytest

from sestry.core.digest import b3_file
from sestry.core.settings import Settings
from sestry.custody.ledger import Ledger
from sestry.custody.vault import Vault
from sestry.custody.verify import verify_data_dir
from sestry.schemas import dataset

pytestmark = pytest.mark.nlp

RUN_TIMEOUT = 300


def sestry(cmd: list[str], args: list[str], env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603 - fixed argv
        [*cmd, *args], env=env, capture_output=True, text=True, timeout=RUN_TIMEOUT
    )


def init(cmd: list[str], data_dir: Path, env: dict[str, str]) -> Settings:
    assert sestry(cmd, ["init", "--data", str(data_dir)], env).returncode == 0
    return Settings.load(data_dir)


def put(inbox: Path, rel: str, data: bytes | str) -> Path:
    path = inbox / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return path


def intake_events(settings: Settings) -> dict[str, dict]:
    events = Ledger(settings.ledger_path).events()
    return {e["params"]["source_name"]: e for e in events if e["action"] == "intake"}


def reason(settings: Settings, digest: str) -> dict:
    return json.loads((settings.quarantine_dir / digest / "reason.json").read_text("utf-8"))


def test_evidence_with_metadata_names_is_vaulted_and_bad_sidecars_stop_only_their_item(
    sestry_cmd: list[str], data_dir: Path, api_env: dict[str, str]
) -> None:
    settings = init(sestry_cmd, data_dir, api_env)
    inbox = settings.inbox
    evidence = {
        "case/manifest.csv": "name,rank,unit\nПетренко,капітан,1\n",  # a witness's list
        "case/report.meta.json": '{"witness": "W-3", "pages": 2}',  # evidence, not a sidecar
    }
    for rel, data in evidence.items():
        put(inbox, rel, data)
    put(inbox, "case/a.txt", "Свідок розповів про підвал.\n")
    put(inbox, "case/a.txt.meta.json", json.dumps({"case_id": "C-1", "consent": ["research"]}))
    put(inbox, "deep/b.txt", "Друга розповідь.\n")
    put(inbox, "deep/b.txt.meta.json", "[" * 30_000 + "]" * 30_000)  # RecursionError bomb
    put(inbox, "dup/c.txt", "Третя розповідь.\n")
    put(inbox, "dup/c.txt.meta.json", '{"consent": ["research"], "consent": ["media"]}')
    put(inbox, "loose/d.txt.meta.json", json.dumps({"consent": ["research"]}))  # orphan
    put(inbox, "batch/Interview.txt", "Четверта розповідь.\n")
    put(inbox, "batch/sestry-manifest.csv", "file,consent\ninterview.txt,research\n")
    put(inbox, "z/later.txt", "Остання розповідь.\n")  # after the bomb: must still be extracted

    result = sestry(sestry_cmd, ["ingest", "--data", str(data_dir)], api_env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    events = intake_events(settings)
    vault = Vault(settings.vault_dir)
    for rel in evidence:  # evidence whatever its name: in the vault and the ledger
        assert rel in events, rel
        assert vault.has(events[rel]["subject"]), rel
    assert events["case/a.txt"]["params"]["sidecar"] == {"case_id": "C-1", "consent": ["research"]}
    assert "sidecar_error" not in events["case/a.txt"]["params"]
    assert reason(settings, events["deep/b.txt"]["subject"])["detail"] == "file:too_deep"
    assert reason(settings, events["dup/c.txt"]["subject"])["detail"] == "root:duplicate_key"
    known = dataset.known_doc_ids(settings.dataset_dir)
    for rel in ("case/a.txt", "z/later.txt", "case/manifest.csv", "batch/Interview.txt"):
        assert events[rel]["subject"] in known, rel
    out = result.stdout
    assert "sidecar without its item, left in the inbox: loose/d.txt.meta.json" in out
    assert "did you mean Interview.txt?" in out
    assert "case/manifest.csv is kept as evidence" not in out  # not a manifest's columns
    assert (inbox / "loose/d.txt.meta.json").is_file()
    assert (inbox / ".done/case/manifest.csv").is_file()
    assert verify_data_dir(settings).ok
    # The ingest signed the ledger head (a later rewrite or cut of the chain fails verify).
    assert list((settings.ledger_path.parent / "checkpoints").glob("*.json"))
    # Rerun: nothing crashes, nothing is taken in twice.
    again = sestry(sestry_cmd, ["ingest", "--data", str(data_dir)], api_env)
    assert again.returncode == 0, again.stderr[-2000:]


@pytest.mark.parametrize("kind", ["symlink", "file"])
def test_done_that_is_not_a_folder_stops_with_one_line(
    sestry_cmd: list[str], data_dir: Path, api_env: dict[str, str], tmp_path: Path, kind: str
) -> None:
    settings = init(sestry_cmd, data_dir, api_env)
    outside = tmp_path / "elsewhere"
    outside.mkdir()
    if kind == "symlink":
        (settings.inbox / ".done").symlink_to(outside)
    else:
        (settings.inbox / ".done").write_text("x")
    put(settings.inbox, "a.txt", "Розповідь.\n")
    result = sestry(sestry_cmd, ["ingest", "--data", str(data_dir)], api_env)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert ".done" in result.stderr
    assert "run sestry ingest again" in result.stderr
    assert (settings.inbox / "a.txt").is_file()
    assert not list(outside.iterdir())


def test_file_growing_during_ingest_is_left_for_the_next_run(
    sestry_cmd: list[str], data_dir: Path, api_env: dict[str, str]
) -> None:
    settings = init(sestry_cmd, data_dir, api_env)
    growing = put(settings.inbox, "recording.txt", "Запис.\n" * 400_000)
    put(settings.inbox, "other.txt", "Інша розповідь.\n")
    stop = threading.Event()

    def append() -> None:
        with open(growing, "ab", buffering=0) as handle:
            while not stop.is_set():
                handle.write(b"x" * 64)
                os.fsync(handle.fileno())

    writer = threading.Thread(target=append, daemon=True)
    writer.start()
    try:
        result = sestry(sestry_cmd, ["ingest", "--data", str(data_dir)], api_env)
    finally:
        stop.set()
        writer.join()
    assert result.returncode == 0, result.stderr[-2000:]
    assert "unreadable: recording.txt" in result.stdout
    assert growing.is_file()
    events = intake_events(settings)
    assert events["other.txt"]["subject"] in dataset.known_doc_ids(settings.dataset_dir)
    rerun = sestry(sestry_cmd, ["ingest", "--data", str(data_dir)], api_env)  # now it is still
    assert rerun.returncode == 0, rerun.stderr[-2000:]
    assert intake_events(settings)["recording.txt"]["subject"] == b3_file(
        settings.inbox / ".done" / "recording.txt"
    )


def test_text_over_the_limit_is_quarantined_too_large_naming_it(
    sestry_cmd: list[str], data_dir: Path, api_env: dict[str, str]
) -> None:
    from sestry.extractors.entities.windows import MAX_TEXT_CHARS

    settings = init(sestry_cmd, data_dir, api_env)
    put(settings.inbox, "huge.txt", "слово " * (MAX_TEXT_CHARS // 6 + 1))
    put(settings.inbox, "small.txt", "Коротка розповідь.\n")
    result = sestry(sestry_cmd, ["ingest", "--data", str(data_dir)], api_env)
    assert result.returncode == 0, result.stderr[-2000:]
    events = intake_events(settings)
    why = reason(settings, events["huge.txt"]["subject"])
    assert why["reason"] == "too_large"
    assert f"limit of {MAX_TEXT_CHARS:,} characters" in why["detail"]
    assert events["small.txt"]["subject"] in dataset.known_doc_ids(settings.dataset_dir)
