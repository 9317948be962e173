"""Ledger: canonical JSON, the hash chain, torn tails, repair, and appends from two processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sestry.core.digest import b3_bytes
from sestry.custody.errors import LedgerCorrupt, TornTail
from sestry.custody.ledger import GENESIS, Ledger, canonical_json, event_hash
from sestry.custody.verify import VerifyReport, check_chain

D1 = b3_bytes(b"one")
D2 = b3_bytes(b"two")


@pytest.fixture
def ledger(tmp_path: Path) -> Ledger:
    return Ledger(tmp_path / "ledger" / "custody.jsonl")


def test_canonical_json_is_sorted_compact_utf8() -> None:
    assert canonical_json({"b": 1, "a": ["ї", None]}) == '{"a":["ї",null],"b":1}'.encode()
    with pytest.raises(ValueError, match="Out of range"):
        canonical_json({"x": float("nan")})


def test_append_builds_a_chain(ledger: Ledger) -> None:
    first = ledger.append("intake", subject=D1, outputs=[D1], params={"stored": True})
    second = ledger.append("extract", subject=D1, inputs=[D1], outputs=[D2], versions={"x": "1"})
    assert first["seq"] == 1
    assert first["prev"] == GENESIS
    assert second["seq"] == 2
    assert second["prev"] == first["hash"]
    assert set(first) == {
        "seq", "ts", "actor", "action", "subject", "inputs", "outputs", "params", "versions",
        "prev", "hash",
    }  # fmt: skip
    assert str(first["ts"]).endswith("Z")
    assert first["hash"] == event_hash(first)
    assert list(ledger.events()) == [first, second]
    assert ledger.head() == second["hash"]
    assert ledger.count() == 2
    lines = ledger.path.read_bytes().splitlines()
    assert lines[0] == canonical_json(first)


def test_empty_ledger(ledger: Ledger) -> None:
    assert ledger.head() is None
    assert ledger.count() == 0
    assert list(ledger.events()) == []
    assert ledger.torn_tail() == b""


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"action": "Intake!"}, "action"),
        ({"action": "x", "outputs": ["not-a-digest"]}, "outputs"),
        ({"action": "x", "inputs": D1}, "inputs"),
        ({"action": "x", "params": {"bad": object()}}, "serializable"),
        ({"action": "x", "actor": "two\nlines"}, "actor"),
        ({"action": "x", "subject": "Олена Коваль"}, "subject"),
        ({"action": "x", "subject": "a file name.txt"}, "subject"),
    ],
)
def test_append_rejects_malformed_fields(ledger: Ledger, kwargs: dict, match: str) -> None:
    action = kwargs.pop("action")
    with pytest.raises((ValueError, TypeError), match=match):
        ledger.append(action, **kwargs)
    assert ledger.count() == 0


def test_append_refuses_after_torn_tail(ledger: Ledger) -> None:
    ledger.append("init")
    with open(ledger.path, "ab") as handle:
        handle.write(b'{"seq":2,"ts":"2026')
    assert ledger.torn_tail() == b'{"seq":2,"ts":"2026'
    assert ledger.count() == 1
    with pytest.raises(TornTail, match="verify --repair"):
        ledger.append("intake", subject=D1)


def test_append_refuses_to_chain_onto_an_edited_last_event(ledger: Ledger) -> None:
    ledger.append("init", params={"n": 1})
    ledger.path.write_bytes(ledger.path.read_bytes().replace(b'"n":1', b'"n":2'))
    with pytest.raises(LedgerCorrupt, match="does not check"):
        ledger.append("intake", subject=D1)


def test_repair_keeps_torn_bytes_and_records_them(ledger: Ledger) -> None:
    ledger.append("init")
    good = ledger.path.read_bytes()
    torn = b'{"seq":2,"action":"inta'
    with open(ledger.path, "ab") as handle:
        handle.write(torn)
    event = ledger.repair()
    assert event is not None
    assert event["action"] == "repair"
    params = event["params"]
    assert params["torn_digest"] == b3_bytes(torn)
    assert params["torn_length"] == len(torn)
    kept = ledger.path.with_name(params["kept_as"])
    assert kept.read_bytes() == torn
    assert ledger.path.read_bytes().startswith(good)
    assert ledger.torn_tail() == b""
    assert ledger.count() == 2
    assert ledger.repair() is None  # nothing left to repair
    ledger.append("intake", subject=D1)  # appends work again


def test_repair_changes_nothing_when_the_last_event_is_edited(ledger: Ledger) -> None:
    ledger.append("init", params={"n": 1})
    edited = ledger.path.read_bytes().replace(b'"n":1', b'"n":2') + b'{"seq":2'
    ledger.path.write_bytes(edited)
    with pytest.raises(LedgerCorrupt):
        ledger.repair()
    assert ledger.path.read_bytes() == edited
    assert list(ledger.path.parent.glob("torn-*")) == []


def test_repair_of_a_ledger_that_is_all_torn(ledger: Ledger) -> None:
    ledger.path.parent.mkdir(parents=True)
    ledger.path.write_bytes(b'{"seq":1')
    event = ledger.repair()
    assert event is not None
    assert event["seq"] == 1
    assert event["prev"] == GENESIS


def test_head_reads_tail_across_chunks(ledger: Ledger) -> None:
    """Events larger than the tail read chunk are still found."""
    for i in range(3):
        ledger.append("extract", params={"pad": "x" * 150_000, "i": i})
    events = list(ledger.events())
    assert ledger.head() == events[-1]["hash"]
    assert ledger.append("done")["seq"] == 4


APPENDER = """
import sys
from pathlib import Path
from sestry.custody.ledger import Ledger
ledger = Ledger(Path(sys.argv[1]))
for i in range(int(sys.argv[2])):
    ledger.append("extract", actor=sys.argv[3], params={"i": i})
"""


def test_two_processes_append_concurrently(ledger: Ledger) -> None:
    ledger.append("init")
    procs = [
        subprocess.Popen([sys.executable, "-c", APPENDER, str(ledger.path), "1000", name])
        for name in ("worker-a", "worker-b")
    ]
    for proc in procs:
        assert proc.wait(timeout=180) == 0
    events = list(ledger.events())
    assert len(events) == 2001
    assert [e["seq"] for e in events] == list(range(1, 2002))
    prev = GENESIS
    for event in events:
        assert event["prev"] == prev
        assert event["hash"] == event_hash(event)
        prev = event["hash"]
    report = VerifyReport(target="ledger")
    check_chain(ledger, report)
    assert report.problems == []
    assert report.checked["events"] == 2001
    for name in ("worker-a", "worker-b"):
        mine = [e["params"]["i"] for e in events if e["actor"] == name]
        assert mine == list(range(1000))
    assert all(json.loads(line) for line in ledger.path.read_bytes().splitlines())


def test_group_commit_chains_like_single_appends_with_one_fsync(
    ledger: Ledger, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    ledger.append("init")
    synced: list[int] = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd))[1])
    with ledger.group():
        written = [ledger.append("note", subject=D1, params={"i": i}) for i in range(50)]
        with ledger.group():  # a nested group joins the outer one
            written.append(ledger.append("note", subject=D2))
    assert len(synced) == 1
    assert [e["seq"] for e in written] == list(range(2, 53))
    report = VerifyReport(str(ledger.path))
    check_chain(ledger, report)
    assert report.ok
    assert ledger.append("after")["prev"] == written[-1]["hash"]


def test_group_refuses_a_torn_tail_and_other_threads_wait(ledger: Ledger) -> None:
    import threading

    ledger.append("init")
    outside: list[int] = []
    with ledger.group():
        ledger.append("note", params={"i": 1})
        other = threading.Thread(target=lambda: outside.append(int(ledger.append("x")["seq"])))
        other.start()
        other.join(timeout=0.3)
        assert other.is_alive()  # blocked on the lock until the group ends
        ledger.append("note", params={"i": 2})
    other.join(timeout=10)
    assert outside == [4]
    with open(ledger.path, "ab") as handle:
        handle.write(b'{"seq":5,')
    with pytest.raises(TornTail), ledger.group():
        pass


GROUP_CHILD = """
import os, sys
from pathlib import Path
from sestry.custody.ledger import Ledger
ledger = Ledger(Path(sys.argv[1]))
i = 0
while True:
    with ledger.group():
        for _ in range(50):
            pad = "x" * (i % 7) * 30_000
            ledger.append("note", params={"i": i, "round": int(sys.argv[2]), "pad": pad})
            i += 1
    os.write(1, b"%d\\n" % i)  # reported only after the group ended (durable)
"""


@pytest.mark.slow
def test_sigkill_inside_a_group_leaves_a_verifiable_prefix(ledger: Ledger) -> None:
    import os
    import signal
    import time

    ledger.append("init")
    for round_no, delay in enumerate((0.2, 0.45, 0.7)):
        child = subprocess.Popen(
            [sys.executable, "-c", GROUP_CHILD, str(ledger.path), str(round_no)],
            stdout=subprocess.PIPE,
        )
        time.sleep(delay)
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
        reported = [int(n) for n in child.stdout.read().split()] if child.stdout else []
        ledger.repair()  # a torn last line (killed inside write) is moved aside, never kept
        report = VerifyReport(str(ledger.path))
        check_chain(ledger, report)
        assert report.ok
        mine = [e["params"]["i"] for e in ledger.events() if e["params"].get("round") == round_no]
        assert mine == list(range(len(mine)))  # a prefix, in order, nothing duplicated
        assert len(mine) >= (reported[-1] if reported else 0)  # every durable group is there
