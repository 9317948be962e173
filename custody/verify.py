"""Verification of a data dir: the ledger's hash chain and every vault object, problems by name.

Problem codes (data dir): event_edited, event_missing, event_reordered, event_duplicated,
torn_tail, object_missing, object_changed, object_unreadable, unknown_object, anchor_missing,
anchor_unreadable. Release verification
(custody.release_verify) adds its own codes to the same report type.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from sestry.core.digest import b3_file, is_digest
from sestry.core.durable import is_temp_name
from sestry.custody.errors import LedgerCorrupt
from sestry.custody.ledger import GENESIS, Ledger, event_hash, parse_line

if TYPE_CHECKING:  # a release's verification (`sestry verify DIR`) needs neither
    from sestry.core.settings import Settings
    from sestry.custody.vault import Vault

ANCHOR_FIELD = "custody_ledger_head"
"""Field of a release's manifest.json holding the ledger head at release time."""


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
    key_b3: str | None = None  # a release's signing key (BLAKE3 of its PEM): its fingerprint
    key_pinned: bool = False  # True when the caller gave the expected key (--key)

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
            "key_b3": self.key_b3,
            "key_pinned": self.key_pinned,
        }


def verify_data_dir(settings: Settings, *, repair: bool = False) -> VerifyReport:
    """Recompute the ledger chain and re-hash every vault object; name every problem.

    With `repair`, a torn ledger tail is first moved aside (kept) and a `repair` event appended;
    other problems are never repaired (they are evidence).
    """
    from sestry.custody.keys import require_layout  # pydantic settings, keys: data dirs only
    from sestry.custody.vault import Vault

    require_layout(settings)
    report = VerifyReport(target=str(settings.data_dir))
    ledger = Ledger(settings.ledger_path)
    if repair:
        try:
            event = ledger.repair()
        except LedgerCorrupt:
            event = None
            report.repairs.append("torn tail NOT repaired: the last complete event does not check")
        if event is not None:
            params = event["params"]
            assert isinstance(params, dict)
            report.repairs.append(
                f"torn tail of {params['torn_length']} bytes "
                f"(b3 {params['torn_digest']}) kept as {params['kept_as']}"
            )
    vault = Vault(settings.vault_dir)
    stored = list(vault.iter_digests())  # listed before the ledger snapshot: see docs/custody.md
    hashes: set[str] = set()
    referenced = check_chain(ledger, report, hashes)
    check_vault(vault, referenced, report, stored)
    check_anchors(settings.releases_dir, hashes, report)
    from sestry.custody.checkpoints import check_signed_history  # it builds on this module

    check_signed_history(settings, report)
    return report


def check_anchors(releases_dir: Path, hashes: set[str], report: VerifyReport) -> None:
    """Each release's manifest records the ledger head it was made at; that event must remain.

    This catches what a hash chain alone cannot: its last events cut off, or the chain rewritten
    from some point on, after a release was handed to a partner.
    """
    count = 0
    if releases_dir.is_dir():
        for manifest in sorted(releases_dir.glob("*/manifest.json")):
            release = manifest.parent.name
            if release.startswith("."):
                continue  # a release being staged
            count += 1
            try:
                head = json.loads(manifest.read_bytes()).get(ANCHOR_FIELD)
            except (OSError, ValueError, AttributeError):
                report.add("anchor_unreadable", f"release {release}", "manifest.json unreadable")
                continue
            if head is None:
                continue  # released from an empty ledger
            if not isinstance(head, str) or head not in hashes:
                report.add(
                    "anchor_missing",
                    f"release {release}",
                    f"ledger head {head} recorded by this release is no longer in the ledger",
                )
    report.checked["releases"] = count


def check_chain(ledger: Ledger, report: VerifyReport, hashes: set[str] | None = None) -> set[str]:
    """Check every event's hash, its link to the event before it, and the order of lines.

    Links are checked by seq (event N's prev must be event N-1's hash), so one moved line is one
    `event_reordered` problem, one deleted line one `event_missing`, and an event rewritten with a
    fresh hash shows as `event_edited` through its successor's broken link. Returns the digests
    events say are stored in the vault; fills `hashes` (if given) with every event's hash.
    """
    by_seq: dict[int, tuple[object, object]] = {}  # seq -> (hash, prev): small per event
    referenced: set[str] = set()
    previous_seq = 0
    count = 0
    end = ledger.snapshot()  # appends racing with verify are left for the next run
    for number, raw in ledger.lines(end):
        count += 1
        event = parse_line(raw)
        seq = event.get("seq") if event else None
        if event is None or not isinstance(seq, int) or isinstance(seq, bool):
            report.add("event_edited", f"line {number}", "line is not a ledger event")
            continue
        name = f"event {seq}"
        if event.get("hash") != event_hash(event):
            report.add("event_edited", name, f"line {number}: hash does not match its content")
        if seq in by_seq:
            report.add("event_duplicated", name, f"line {number}: seq {seq} appears again")
            continue
        if seq < previous_seq:
            report.add("event_reordered", name, f"line {number}: comes after event {previous_seq}")
        by_seq[seq] = (event.get("hash"), event.get("prev"))
        if hashes is not None and isinstance(event.get("hash"), str):
            hashes.add(str(event["hash"]))
        previous_seq = max(previous_seq, seq)
        referenced.update(_stored_digests(event))
    _check_links(by_seq, report)
    if count == 0:
        report.add("event_missing", "event 1", "the ledger is empty or missing (init writes one)")
    torn = ledger.torn_tail(end)
    if torn:
        report.add(
            "torn_tail",
            f"line {count + 1}",
            f"{len(torn)} bytes after the last complete event; run `sestry verify --repair`",
        )
    report.checked["events"] = count
    return referenced


def _check_links(by_seq: dict[int, tuple[object, object]], report: VerifyReport) -> None:
    """Event N's prev must be the hash of event N-1 (GENESIS for event 1); name each break."""
    present = sorted(by_seq)
    for index, seq in enumerate(present):
        prev = by_seq[seq][1]
        if seq == 1:
            if prev != GENESIS:
                report.add("event_edited", "event 1", "prev is not the genesis value")
            continue
        before = by_seq.get(seq - 1)
        if before is None:
            low = present[index - 1] + 1 if index else 1
            gap = f"event {low}" if low == seq - 1 else f"events {low}..{seq - 1}"
            report.add("event_missing", f"event {seq}", f"{gap} missing before this one")
        elif prev != before[0]:
            report.add(
                "event_edited",
                f"event {seq - 1}",
                f"rewritten: event {seq}'s prev does not match its hash",
            )


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


def check_vault(
    vault: Vault, referenced: set[str], report: VerifyReport, stored: list[str] | None = None
) -> None:
    """Re-hash every object; report changed, missing, unknown and misplaced objects."""
    stored = list(vault.iter_digests()) if stored is None else stored
    present: set[str] = set()
    # A plain loop: large objects already use all cores inside b3_file; a thread pool over small
    # files was no reliable gain on 2 shared cores (bench/results/hashing.md).
    for digest in stored:
        try:
            got = b3_file(vault.path(digest))
        except FileNotFoundError:
            continue  # vanished since listing: reported as missing below if an event names it
        except OSError as exc:
            report.add("object_unreadable", digest, type(exc).__name__)
            present.add(digest)
            continue
        present.add(digest)
        if got != digest:
            report.add("object_changed", digest, f"bytes now hash to {got}")
        elif digest not in referenced:
            report.add("unknown_object", digest, "in the vault but in no custody event")
    for digest in sorted(referenced - present):
        report.add("object_missing", digest, "named by a custody event but absent from the vault")
    for stray in _stray_files(vault):
        report.add("unknown_object", stray, "file in the vault that is not a stored object")
    report.checked["objects"] = len(present)


def _stray_files(vault: Vault) -> list[str]:
    """Files under objects/ that are neither objects nor temp files of an interrupted put."""
    strays: list[str] = []
    if not vault.objects.is_dir():
        return strays
    for root, _dirs, files in os.walk(vault.objects):
        for name in files:
            path = Path(root) / name
            rel = path.relative_to(vault.objects)
            if is_temp_name(name):
                continue
            if (
                len(rel.parts) == 2
                and is_digest(name)
                and rel.parts[0] == name[:2]
                and not path.is_symlink()
            ):
                continue
            strays.append(rel.as_posix())
    return sorted(strays)
