"""Verification of a data dir: the ledger's hash chain and every vault object, problems by name.

Problem codes (data dir): event_edited, event_missing, event_reordered, torn_tail,
object_missing, object_changed, unknown_object. Release verification (custody.release_verify)
adds its own codes to the same report type.
"""

from __future__ import annotations

import os
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from custody.digest import b3_file, is_digest
from custody.keys import require_layout
from custody.ledger import GENESIS, Ledger, event_hash, parse_line
from custody.vault import Vault
from sestry.settings import Settings


@dataclass(frozen=True)
class Problem:
    """One named problem: a code, what it is about (event seq, digest, file), a short detail."""

    code: str
    subject: str
    detail: str


@dataclass
class VerifyReport:
    """Everything one verification found; `ok` when there are no problems."""

    target: str
    problems: list[Problem] = field(default_factory=list)
    checked: dict[str, int] = field(default_factory=dict)
    repairs: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """True when nothing is wrong."""
        return not self.problems

    def add(self, code: str, subject: str, detail: str) -> None:
        """Record one problem."""
        self.problems.append(Problem(code, subject, detail))

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict (for `sestry verify --json`)."""
        return {
            "target": self.target,
            "ok": self.ok,
            "problems": [
                {"code": p.code, "subject": p.subject, "detail": p.detail} for p in self.problems
            ],
            "checked": dict(self.checked),
            "repairs": list(self.repairs),
        }


def verify_data_dir(settings: Settings, *, repair: bool = False) -> VerifyReport:
    """Recompute the ledger chain and re-hash every vault object; name every problem.

    With `repair`, a torn ledger tail is first moved aside (kept) and a `repair` event appended;
    other problems are never repaired (they are evidence).
    """
    require_layout(settings)
    report = VerifyReport(target=str(settings.data_dir))
    ledger = Ledger(settings.ledger_path)
    if repair:
        event = ledger.repair()
        if event is not None:
            params = event["params"]
            assert isinstance(params, dict)
            report.repairs.append(
                f"torn tail of {params['torn_length']} bytes "
                f"(b3 {params['torn_digest']}) kept as {params['kept_as']}"
            )
    referenced = check_chain(ledger, report)
    check_vault(Vault(settings.vault_dir), referenced, report)
    return report


def check_chain(ledger: Ledger, report: VerifyReport) -> set[str]:
    """Check every event's hash, seq and prev; return the digests events say were stored."""
    rows: list[tuple[int, dict[str, object] | None]] = [
        (number, parse_line(raw)) for number, raw in ledger.lines()
    ]
    known = {str(e["hash"]): e.get("seq") for _, e in rows if e and isinstance(e.get("hash"), str)}
    referenced: set[str] = set()
    expected_seq, expected_prev, max_seq = 1, GENESIS, 0
    for number, event in rows:
        if event is None or not isinstance(event.get("seq"), int):
            report.add("event_edited", f"line {number}", "line is not a ledger event")
            expected_seq += 1
            expected_prev = ""
            continue
        seq = int(event["seq"])  # type: ignore[call-overload]
        name = f"event {seq}"
        if event.get("hash") != event_hash(event):
            report.add("event_edited", name, f"line {number}: hash does not match its content")
        prev = event.get("prev")
        if seq != expected_seq or prev != expected_prev:
            code, detail = _classify_break(seq, expected_seq, max_seq, prev, known)
            report.add(code, name, f"line {number}: {detail}")
        referenced.update(_stored_digests(event))
        max_seq = max(max_seq, seq)
        expected_seq, expected_prev = seq + 1, str(event.get("hash"))
    torn = ledger.torn_tail()
    if torn:
        report.add(
            "torn_tail",
            f"line {len(rows) + 1}",
            f"{len(torn)} bytes after the last complete event; run `sestry verify --repair`",
        )
    report.checked["events"] = len(rows)
    return referenced


def _classify_break(
    seq: int, expected_seq: int, max_seq: int, prev: object, known: dict[str, object]
) -> tuple[str, str]:
    """Name a broken link: reordered (out of order / chains to an event elsewhere) or missing."""
    if seq <= max_seq:
        return "event_reordered", f"seq {seq} after seq {max_seq}"
    if isinstance(prev, str) and prev in known:
        return "event_reordered", f"chains to event {known[prev]}, not to the line before"
    if seq > expected_seq:
        gap = f"{expected_seq}" if seq == expected_seq + 1 else f"{expected_seq}..{seq - 1}"
        return "event_missing", f"event {gap} missing before this one"
    if prev == GENESIS and seq == 1:
        return "event_reordered", "first event is not at the start of the ledger"
    return "event_edited", "prev does not match the event before (that event was rewritten)"


def _stored_digests(event: dict[str, object]) -> set[str]:
    """Digests this event says are in the vault: intake subjects, outputs when params.stored."""
    found: set[str] = set()
    subject = event.get("subject")
    if event.get("action") == "intake" and isinstance(subject, str) and is_digest(subject):
        found.add(subject)
    params = event.get("params")
    outputs = event.get("outputs")
    if isinstance(params, dict) and params.get("stored") is True and isinstance(outputs, list):
        found.update(d for d in outputs if isinstance(d, str) and is_digest(d))
    return found


def check_vault(vault: Vault, referenced: set[str], report: VerifyReport) -> None:
    """Re-hash every object; report changed, missing, unknown and misplaced objects."""
    stored = list(vault.iter_digests())
    workers = max(1, min(4, os.cpu_count() or 1))
    with ThreadPoolExecutor(max_workers=workers) as pool:
        actual = list(pool.map(lambda d: b3_file(vault.path(d)), stored))
    for digest, got in zip(stored, actual, strict=True):
        if got != digest:
            report.add("object_changed", digest, f"bytes now hash to {got}")
        elif digest not in referenced:
            report.add("unknown_object", digest, "in the vault but in no custody event")
    for digest in sorted(referenced - set(stored)):
        report.add("object_missing", digest, "named by a custody event but absent from the vault")
    for stray in _stray_files(vault):
        report.add("unknown_object", stray, "file in the vault that is not a stored object")
    report.checked["objects"] = len(stored)


def _stray_files(vault: Vault) -> list[str]:
    """Files under objects/ that are neither objects nor temp files of an interrupted put."""
    strays: list[str] = []
    if not vault.objects.is_dir():
        return strays
    for root, _dirs, files in os.walk(vault.objects):
        for name in files:
            path = Path(root) / name
            rel = path.relative_to(vault.objects)
            if name.startswith(".tmp-"):
                continue
            if len(rel.parts) == 2 and is_digest(name) and rel.parts[0] == name[:2]:
                continue
            strays.append(rel.as_posix())
    return sorted(strays)
