"""verify_data_dir in process: the chain checks name each kind of break once."""

from __future__ import annotations

import json
import threading
import time

import pytest

from sestry.core.digest import b3_bytes
from sestry.core.errors import ConfigError
from sestry.core.settings import Settings
from sestry.custody.keys import init_layout
from sestry.custody.ledger import Ledger, canonical_json, event_hash
from sestry.custody.vault import Vault
from sestry.custody.verify import verify_data_dir


@pytest.fixture
def ledger(settings: Settings) -> Ledger:
    init_layout(settings)  # event 1
    ledger = Ledger(settings.ledger_path)
    for i in range(2, 9):
        ledger.append("note", params={"i": i})
    return ledger  # events 1..8


def rewrite(ledger: Ledger, keep: list[int], extra: list[bytes] = ()) -> None:
    """Keep the given 1-based lines in the given order, then add raw extra lines."""
    rows = ledger.path.read_bytes().splitlines(keepends=True)
    ledger.path.write_bytes(b"".join([rows[i - 1] for i in keep] + list(extra)))


def problems(settings: Settings) -> list[tuple[str, str]]:
    return [(p.code, p.subject) for p in verify_data_dir(settings).problems]


def test_clean(settings: Settings, ledger: Ledger) -> None:
    report = verify_data_dir(settings)
    assert report.ok
    assert report.checked == {
        "events": 8,
        "objects": 0,
        "releases": 0,
        "checkpoints": 0,
        "kept releases": 0,
    }
    assert report.to_json()["ok"] is True


def test_first_event_deleted(settings: Settings, ledger: Ledger) -> None:
    rewrite(ledger, [2, 3, 4, 5, 6, 7, 8])
    assert problems(settings) == [("event_missing", "event 2")]


def test_several_events_deleted(settings: Settings, ledger: Ledger) -> None:
    rewrite(ledger, [1, 2, 6, 7, 8])
    report = verify_data_dir(settings)
    assert [(p.code, p.subject) for p in report.problems] == [("event_missing", "event 6")]
    assert "events 3..5 missing" in report.problems[0].detail


def test_event_moved_far(settings: Settings, ledger: Ledger) -> None:
    rewrite(ledger, [1, 2, 4, 5, 6, 7, 3, 8])
    assert problems(settings) == [("event_reordered", "event 3")]


def test_duplicated_line(settings: Settings, ledger: Ledger) -> None:
    rewrite(ledger, [1, 2, 3, 4, 4, 5, 6, 7, 8])
    assert problems(settings) == [("event_duplicated", "event 4")]


def test_garbage_line(settings: Settings, ledger: Ledger) -> None:
    rewrite(ledger, [1, 2, 3], [b"not json\n"])
    assert problems(settings) == [("event_edited", "line 4")]


def test_last_event_dropped_is_caught_through_its_object(settings: Settings) -> None:
    """Truncating the chain is invisible to the chain itself; the orphaned object shows it."""
    init_layout(settings)
    stored = Vault(settings.vault_dir).put_bytes(b"item")
    ledger = Ledger(settings.ledger_path)
    ledger.append("intake", subject=stored.digest)
    rewrite(ledger, [1])
    assert problems(settings) == [("unknown_object", b3_bytes(b"item"))]


def test_empty_or_deleted_ledger_is_named(settings: Settings, ledger: Ledger) -> None:
    ledger.path.write_bytes(b"")
    assert problems(settings) == [("event_missing", "event 1")]
    ledger.path.unlink()
    assert problems(settings) == [("event_missing", "event 1")]


def test_repair_refused_after_an_edited_last_event(settings: Settings, ledger: Ledger) -> None:
    rows = ledger.path.read_bytes().splitlines(keepends=True)
    rows[-1] = rows[-1].replace(b'"i":8', b'"i":9')
    ledger.path.write_bytes(b"".join(rows) + b'{"seq":9')
    report = verify_data_dir(settings, repair=True)
    assert [(p.code, p.subject) for p in report.problems] == [
        ("event_edited", "event 8"),
        ("torn_tail", "line 9"),
    ]
    assert report.repairs == ["torn tail NOT repaired: the last complete event does not check"]


def test_object_replaced_by_a_symlink(settings: Settings, tmp_path) -> None:
    init_layout(settings)
    vault = Vault(settings.vault_dir)
    stored = vault.put_bytes(b"item")
    Ledger(settings.ledger_path).append("intake", subject=stored.digest)
    outside = tmp_path / "outside"
    outside.write_bytes(b"item")
    path = vault.path(stored.digest)
    path.unlink()
    path.symlink_to(outside)
    assert not vault.has(stored.digest)
    assert problems(settings) == [
        ("object_missing", stored.digest),
        ("unknown_object", f"{stored.digest[:2]}/{stored.digest}"),
    ]


def test_unreadable_object(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> None:
    init_layout(settings)
    stored = Vault(settings.vault_dir).put_bytes(b"item")
    Ledger(settings.ledger_path).append("intake", subject=stored.digest)

    def denied(path):
        raise PermissionError(13, "denied")

    monkeypatch.setattr("sestry.custody.verify.b3_file", denied)
    assert problems(settings) == [("object_unreadable", stored.digest)]


def test_uninitialised_dir_is_a_config_error(settings: Settings) -> None:
    with pytest.raises(ConfigError, match="run sestry init"):
        verify_data_dir(settings)


def test_verify_waits_for_an_append_in_progress(settings: Settings, ledger: Ledger) -> None:
    """Verify reads up to a snapshot taken under the append lock, never half of an append."""
    event = {"seq": 9, "ts": "2026-01-01T00:00:00.000000Z", "actor": "sestry", "action": "note"}
    event.update(inputs=[], outputs=[], params={}, versions={}, subject=None)
    event["prev"] = ledger.head()
    event["hash"] = event_hash(event)
    line = canonical_json(event) + b"\n"
    half_written = threading.Event()

    def slow_append() -> None:
        with ledger.locked(), open(ledger.path, "ab") as handle:
            handle.write(line[:40])
            handle.flush()
            half_written.set()
            time.sleep(0.5)
            handle.write(line[40:])

    writer = threading.Thread(target=slow_append)
    writer.start()
    assert half_written.wait(10)
    assert ledger.torn_tail() == line[:40]  # an unlocked reader would see a torn tail now
    report = verify_data_dir(settings)
    writer.join()
    assert report.problems == []
    assert report.checked["events"] == 9


def release_at(settings: Settings, name: str, head: object) -> None:
    folder = settings.releases_dir / name
    folder.mkdir()
    (folder / "manifest.json").write_text(json.dumps({"custody_ledger_head": head}))


def test_release_anchor_catches_a_cut_off_chain(settings: Settings, ledger: Ledger) -> None:
    """Cutting the last events is invisible to the chain, not to a release made after them."""
    release_at(settings, "rel-1", ledger.head())
    report = verify_data_dir(settings)
    assert report.ok
    assert report.checked["releases"] == 1
    rewrite(ledger, [1, 2, 3, 4, 5, 6])
    assert problems(settings) == [("anchor_missing", "release rel-1")]


def test_release_anchor_catches_a_rewritten_tail(settings: Settings, ledger: Ledger) -> None:
    release_at(settings, "rel-1", ledger.head())
    rows = ledger.path.read_bytes().splitlines(keepends=True)
    event = json.loads(rows[-1])
    event["params"]["i"] = 99
    event["hash"] = event_hash(event)
    rows[-1] = canonical_json(event) + b"\n"
    ledger.path.write_bytes(b"".join(rows))
    assert problems(settings) == [("anchor_missing", "release rel-1")]


def test_unreadable_release_manifest_and_staging_dirs(settings: Settings, ledger: Ledger) -> None:
    release_at(settings, ".staging-x", "0" * 64)  # ignored while being staged
    release_at(settings, "rel-empty", None)  # made from an empty ledger
    bad = settings.releases_dir / "rel-bad"
    bad.mkdir()
    (bad / "manifest.json").write_text("{not json")
    assert problems(settings) == [("anchor_unreadable", "release rel-bad")]
