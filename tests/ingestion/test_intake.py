"""Intake with the real vault and ledger: stored once, recorded, moved only when durable."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest

from sestry.core.settings import Settings
from sestry.custody.verify import verify_data_dir
from sestry.ingestion import intake
from sestry.ingestion.intake import CustodyWriters


def actions(custody: CustodyWriters) -> list[str]:
    return [e["action"] for e in custody.ledger.events() if e["action"] != "init"]


def test_item_is_stored_recorded_and_moved(
    ready: Settings, open_custody: Callable[[], CustodyWriters], drop: Callable[..., Path]
) -> None:
    drop("case1/a.txt", "Свідок розповів.\n")
    drop("case1/a.txt.meta.json", json.dumps({"case_id": "C-1", "consent": ["research"]}))
    custody = open_custody()
    report = intake.receive_inbox(custody, ready.inbox)
    [item] = report.received
    assert item.status == "new"
    assert custody.vault.has(item.digest)
    [event] = [e for e in custody.ledger.events() if e["action"] == "intake"]
    assert event["subject"] == item.digest
    assert event["params"]["source_name"] == "case1/a.txt"
    assert event["params"]["media_type"] == "text/plain"
    assert event["params"]["sidecar"] == {"case_id": "C-1", "consent": ["research"]}
    assert (ready.inbox / ".done/case1/a.txt").is_file()
    assert (ready.inbox / ".done/case1/a.txt.meta.json").is_file()
    assert not (ready.inbox / "case1/a.txt").exists()
    assert verify_data_dir(ready).ok


def test_same_bytes_twice_is_seen_again_not_stored_twice(
    ready: Settings, open_custody: Callable[[], CustodyWriters], drop: Callable[..., Path]
) -> None:
    drop("a.txt", "same\n")
    drop("b/a-copy.txt", "same\n")
    custody = open_custody()
    report = intake.receive_inbox(custody, ready.inbox)
    assert [r.status for r in report.received] == ["new", "seen_again"]
    assert len(list(custody.vault.iter_digests())) == 1
    assert actions(custody) == ["intake", "seen_again"]


def test_keep_inbox_leaves_files(
    ready: Settings, open_custody: Callable[[], CustodyWriters], drop: Callable[..., Path]
) -> None:
    drop("a.txt", "x\n")
    intake.receive_inbox(open_custody(), ready.inbox, keep_inbox=True)
    assert (ready.inbox / "a.txt").is_file()
    report = intake.receive_inbox(open_custody(), ready.inbox, keep_inbox=True)
    assert [r.status for r in report.received] == ["seen_again"]


def test_symlink_is_refused_and_not_followed(
    ready: Settings, open_custody: Callable[[], CustodyWriters], tmp_path: Path
) -> None:
    secret = tmp_path / "outside.txt"
    secret.write_text("outside the inbox\n")
    os.symlink(secret, ready.inbox / "link.txt")
    os.symlink(tmp_path, ready.inbox / "linkdir")
    custody = open_custody()
    report = intake.receive_inbox(custody, ready.inbox)
    assert {(r.source_name, r.status, r.reason) for r in report.received} == {
        ("link.txt", "refused", "symlink"),
        ("linkdir", "refused", "symlink"),
    }
    assert list(custody.vault.iter_digests()) == []
    refused = [e for e in custody.ledger.events() if e["action"] == "refused"]
    assert {e["params"]["source_name"] for e in refused} == {"link.txt", "linkdir"}
    assert secret.read_text() == "outside the inbox\n"


def test_invalid_sidecar_stores_then_quarantines(
    ready: Settings, open_custody: Callable[[], CustodyWriters], drop: Callable[..., Path]
) -> None:
    drop("a.txt", "x\n")
    drop("a.txt.meta.json", json.dumps({"consent": ["research"], "shared_with": "all"}))
    custody = open_custody()
    item, kept = intake.receive_inbox(custody, ready.inbox).received
    assert item.reason == "invalid_sidecar"
    assert custody.vault.has(item.digest)
    reason = json.loads((ready.quarantine_dir / item.digest / "reason.json").read_text())
    assert reason["reason"] == "invalid_sidecar"
    assert "shared_with:extra_forbidden" in reason["detail"]
    # The malformed sidecar is not metadata, so it is evidence: vaulted as an item of its own.
    assert (kept.source_name, kept.status, kept.reason) == ("a.txt.meta.json", "new", None)
    assert custody.vault.has(kept.digest)
    assert actions(custody) == ["intake", "quarantine", "intake"]


def test_control_characters_are_escaped_and_flagged(
    ready: Settings, open_custody: Callable[[], CustodyWriters], drop: Callable[..., Path]
) -> None:
    drop("evil\nname\x07.txt", "x\n")
    custody = open_custody()
    [item] = intake.receive_inbox(custody, ready.inbox).received
    assert item.source_name == "evil\\nname\\x07.txt"
    assert item.flags == (intake.FLAG_CONTROL_CHARS,)
    [event] = [e for e in custody.ledger.events() if e["action"] == "intake"]
    assert "\n" not in event["params"]["source_name"]


def test_undecodable_name_bytes_are_escaped(
    ready: Settings, open_custody: Callable[[], CustodyWriters]
) -> None:
    raw = os.fsencode(ready.inbox) + b"/bad\xff.txt"
    with open(raw, "wb") as handle:
        handle.write(b"x\n")
    [item] = intake.receive_inbox(open_custody(), ready.inbox).received
    assert item.source_name == "bad\\udcff.txt"
    assert item.status == "new"


def test_unreadable_file_is_reported_and_left(
    ready: Settings,
    open_custody: Callable[[], CustodyWriters],
    drop: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    drop("locked.txt", "x\n")
    drop("ok.txt", "y\n")
    custody = open_custody()
    real_put = custody.vault.put

    def put(path: Path, **kwargs: bool):  # root reads everything: simulate EACCES for one file
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied")
        return real_put(path, **kwargs)

    monkeypatch.setattr(custody.vault, "put", put)
    report = intake.receive_inbox(custody, ready.inbox)
    by_name = {r.source_name: r for r in report.received}
    assert by_name["locked.txt"].status == "unreadable"
    assert by_name["ok.txt"].status == "new"
    assert (ready.inbox / "locked.txt").exists()


def test_fifo_is_refused_without_blocking(
    ready: Settings, open_custody: Callable[[], CustodyWriters]
) -> None:
    os.mkfifo(ready.inbox / "pipe")
    [item] = intake.receive_inbox(open_custody(), ready.inbox).received
    assert (item.status, item.reason) == ("refused", "not_regular_file")


def test_done_folder_and_metadata_are_not_items(
    ready: Settings, open_custody: Callable[[], CustodyWriters], drop: Callable[..., Path]
) -> None:
    drop(".done/old.txt", "old\n")
    drop("orphan.txt.meta.json", "{}")
    drop("sestry-manifest.csv", "file,consent\n")
    report = intake.receive_inbox(open_custody(), ready.inbox)
    assert report.received == []
    assert report.orphan_sidecars == 1


def test_crash_after_vault_write_is_completed_by_rerun(
    ready: Settings, open_custody: Callable[[], CustodyWriters], drop: Callable[..., Path]
) -> None:
    """Vault written but no intake event (killed in between): the rerun records the intake."""
    path = drop("a.txt", "x\n")
    custody = open_custody()
    stored = custody.vault.put(path)
    assert not verify_data_dir(ready).ok  # unknown object until the rerun
    [item] = intake.receive_inbox(open_custody(), ready.inbox).received
    assert (item.status, item.digest) == ("new", stored.digest)
    assert verify_data_dir(ready).ok


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("plain.txt", ("plain.txt", False)),
        ("Інтерв'ю 1.txt", ("Інтерв'ю 1.txt", False)),
        ("a\tb", ("a\\tb", True)),
        ("a\\b\n", ("a\\\\b\\n", True)),
        ("x\u202eyt.exe", ("x\\u202eyt.exe", True)),
    ],
)
def test_escape_name(name: str, expected: tuple[str, bool]) -> None:
    assert intake.escape_name(name) == expected


def test_manifest_rows_become_the_items_metadata_and_move_last(
    ready: Settings, open_custody: Callable[[], CustodyWriters], drop: Callable[..., Path]
) -> None:
    drop("batch/a.txt", "a\n")
    drop("batch/b.txt", "b\n")
    drop(
        "batch/sestry-manifest.csv",
        "file,case_id,language,collected_at,collected_by,consent,audio\n"
        "a.txt,C-1,uk,2024-05-01,D7,research;prosecution,\n",
    )
    custody = open_custody()
    intake.receive_inbox(custody, ready.inbox)
    sidecars = {
        e["params"]["source_name"]: e["params"]["sidecar"]
        for e in custody.ledger.events()
        if e["action"] == "intake"
    }
    assert sidecars["batch/a.txt"] == {
        "case_id": "C-1",
        "language": "uk",
        "collected_at": "2024-05-01",
        "collected_by": "D7",
        "consent": ["prosecution", "research"],
    }
    assert sidecars["batch/b.txt"] == {"consent": []}  # not listed: no consent
    assert (ready.inbox / ".done/batch/sestry-manifest.csv").is_file()
    assert not (ready.inbox / "batch/sestry-manifest.csv").exists()


def test_full_disk_stops_the_run_and_leaves_the_item(
    ready: Settings,
    open_custody: Callable[[], CustodyWriters],
    drop: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """ENOSPC is not an unreadable inbox file: it stops the run (one line in the CLI)."""
    import errno

    drop("a.txt", "x\n")
    custody = open_custody()

    def put(path: Path, **kwargs: bool):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(custody.vault, "put", put)
    with pytest.raises(OSError, match="No space left") as info:
        intake.receive_inbox(custody, ready.inbox)
    assert info.value.errno == errno.ENOSPC
    assert (ready.inbox / "a.txt").is_file()


def test_unreadable_folder_is_a_note(
    ready: Settings,
    open_custody: Callable[[], CustodyWriters],
    drop: Callable[..., Path],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    drop("locked/a.txt", "x\n")
    drop("b.txt", "y\n")
    real = os.scandir

    def scandir(path):  # root reads everything: simulate EACCES for one folder
        if Path(path).name == "locked":
            raise PermissionError(13, "Permission denied")
        return real(path)

    monkeypatch.setattr(intake.os, "scandir", scandir)
    report = intake.receive_inbox(open_custody(), ready.inbox)
    assert [r.source_name for r in report.received] == ["b.txt"]
    assert report.notices == ["folder could not be read, nothing in it was taken in: locked"]
