"""Ledger: canonical JSON, the hash chain, torn tails, repair, and appends from two processes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from sestry.custody.digest import b3_bytes
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
