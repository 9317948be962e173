"""The custody ledger: an append-only, hash-chained log of custody events, one JSON line each.

Event fields: seq (1-based), ts (UTC ISO 8601), actor, action, subject, inputs, outputs, params,
versions, prev (hash of the previous event; GENESIS for the first), hash (BLAKE3 of the canonical
JSON of the event without `hash`). Appends from several processes are serialised by an fcntl lock
on `<ledger>.lock`; each append re-reads the tail under the lock, writes one line, and fsyncs.
`group()` is group commit for a coordinator with many events: one lock, one tail check, one
fsync at its end; a kill inside it leaves a verifiable prefix (at worst a torn last line).
Events carry digests, counts and reason codes: never testimony text, names or entity values.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sestry.core.digest import b3_bytes, is_digest
from sestry.core.durable import FILE_MODE, ensure_dir, fsync_dir, write_atomic
from sestry.custody.errors import LedgerCorrupt, TornTail

GENESIS = "0" * 64
"""`prev` of the first event."""

ACTION_RE = re.compile(r"^[a-z][a-z0-9_.:-]{0,63}$")
SUBJECT_RE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.:@/+=-]{0,199}$")
"""A digest or a short ASCII identifier: no spaces, so no free text (names) slips in."""
TAIL_CHUNK = 64 * 1024
REPAIR_HINT = "run `sestry verify --repair`"


def canonical_json(obj: object) -> bytes:
    """Canonical JSON: sorted keys, UTF-8 (not ASCII-escaped), no insignificant white space."""
    return json.dumps(
        obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"), allow_nan=False
    ).encode("utf-8")


def event_hash(event: Mapping[str, object]) -> str:
    """BLAKE3 of the canonical JSON of `event` without its `hash` field."""
    return b3_bytes(canonical_json({k: v for k, v in event.items() if k != "hash"}))


def utc_now() -> str:
    """Current UTC time as ISO 8601 with microseconds and a Z suffix."""
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


@dataclass
class _Group:
    """An open group commit: the locked descriptor, the chain's next seq/prev, its thread."""

    fd: int
    seq: int
    prev: str
    thread: int
    written: int = 0
    broken: bool = False  # a write failed part-way: the tail may be torn, append no more


class Ledger:
    """The hash-chained custody log at `path` (normally `settings.ledger_path`)."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self.lock_path = self.path.with_name(self.path.name + ".lock")
        self._group: _Group | None = None

    # -- writing ---------------------------------------------------------------------------------

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the exclusive append lock (across processes and threads)."""
        ensure_dir(self.path.parent)
        fd = os.open(self.lock_path, os.O_RDWR | os.O_CREAT, FILE_MODE)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            yield
        finally:
            os.close(fd)  # closing releases the flock

    def append(
        self,
        action: str,
        *,
        subject: str | None = None,
        inputs: Sequence[str] = (),
        outputs: Sequence[str] = (),
        params: Mapping[str, object] | None = None,
        versions: Mapping[str, str] | None = None,
        actor: str = "sestry",
    ) -> dict[str, object]:
        """Append one event and return it as written (durable when this returns).

        Raises TornTail if the ledger ends in a partial line, LedgerCorrupt if its last event
        does not check, ValueError for a malformed argument (inputs/outputs must be digests).
        """
        body = _event_body(action, subject, inputs, outputs, params, versions, actor)
        group = self._group
        if group is not None and group.thread == threading.get_ident():
            return self._append_grouped(group, body)
        with self.locked():
            return self._append_locked(body)

    @contextmanager
    def group(self) -> Iterator[None]:
        """Group commit: this thread's appends inside share one lock and one fsync at the end.

        An event appended inside is durable when the block exits (even by an exception), not
        when `append` returns: callers act on it (move an inbox file, report it) only after the
        block. Other threads and processes wait for the block. Nested groups join the outer one.
        """
        if self._group is not None and self._group.thread == threading.get_ident():
            yield
            return
        with self.locked():
            fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, FILE_MODE)
            try:
                last, torn, _ = _read_tail(fd)
                if torn:
                    raise TornTail(f"ledger {self.path} ends in a torn line; {REPAIR_HINT}")
                seq, prev = (1, GENESIS) if last is None else _check_last(last, self.path)
                group = _Group(fd, seq, prev, threading.get_ident())
                self._group = group
                try:
                    yield
                finally:
                    self._group = None
                    if group.written:
                        os.fsync(fd)
            finally:
                os.close(fd)
            if seq == 1 and group.written:
                fsync_dir(self.path.parent)

    def _append_grouped(self, group: _Group, body: dict[str, object]) -> dict[str, object]:
        """Write one event inside a group (no tail re-read, no fsync: the group does both)."""
        if group.broken:
            raise TornTail(f"ledger {self.path}: an earlier write of this group failed")
        event = {"seq": group.seq, "ts": utc_now(), **body, "prev": group.prev}
        event["hash"] = event_hash(event)
        try:
            _write_all(group.fd, canonical_json(event) + b"\n")
        except BaseException:
            group.broken = True
            raise
        group.seq += 1
        group.prev = str(event["hash"])
        group.written += 1
        return event

    def _append_locked(self, body: dict[str, object]) -> dict[str, object]:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_APPEND, FILE_MODE)
        try:
            last, torn, _ = _read_tail(fd)
            if torn:
                raise TornTail(f"ledger {self.path} ends in a torn line; {REPAIR_HINT}")
            if last is None:
                seq, prev = 1, GENESIS
            else:
                seq, prev = _check_last(last, self.path)
            event = {"seq": seq, "ts": utc_now(), **body, "prev": prev}
            event["hash"] = event_hash(event)
            _write_all(fd, canonical_json(event) + b"\n")
            os.fsync(fd)
        finally:
            os.close(fd)
        if seq == 1:
            fsync_dir(self.path.parent)
        return event

    def repair(self) -> dict[str, object] | None:
        """Move a torn tail aside (kept, never deleted), truncate, and record a `repair` event.

        Returns the repair event, or None when there was nothing to repair. Raises
        LedgerCorrupt, changing nothing, when the last complete event does not check (the repair
        event could not be chained onto it).
        """
        with self.locked():
            if not self.path.exists():
                return None
            fd = os.open(self.path, os.O_RDWR)
            try:
                last, torn, good_end = _read_tail(fd)
                if not torn:
                    return None
                if last is not None:
                    _check_last(last, self.path)
                stamp = utc_now().replace(":", "").replace("-", "")
                kept = self.path.with_name(f"torn-{stamp}.jsonl")
                write_atomic(kept, torn)
                os.ftruncate(fd, good_end)
                os.fsync(fd)
            finally:
                os.close(fd)
            body = _event_body(
                "repair",
                None,
                (),
                (),
                {
                    "torn_digest": b3_bytes(torn),
                    "torn_length": len(torn),
                    "kept_as": kept.name,
                    "truncated_to": good_end,
                },
                None,
                "sestry",
            )
            return self._append_locked(body)

    # -- reading ---------------------------------------------------------------------------------

    def snapshot(self) -> int:
        """Size of the ledger taken under the append lock: a consistent end for readers.

        Reading up to this size never sees half of an append that is in progress.
        """
        if not self.path.exists():
            return 0
        try:
            with self.locked():
                return self.path.stat().st_size
        except PermissionError:  # a read-only copy: nobody can be appending to it
            return self.path.stat().st_size

    def lines(self, limit: int | None = None) -> Iterator[tuple[int, bytes]]:
        """Complete lines (without the newline) with their 1-based line numbers; no torn tail.

        With `limit` (from `snapshot`), lines ending after that offset are not read.
        """
        if not self.path.exists():
            return
        offset = 0
        with open(self.path, "rb") as handle:
            for number, raw in enumerate(handle, start=1):
                offset += len(raw)
                if not raw.endswith(b"\n") or (limit is not None and offset > limit):
                    return
                yield number, raw[:-1]

    def torn_tail(self, limit: int | None = None) -> bytes:
        """Bytes after the last newline (a crash mid-write); empty when the ledger is whole."""
        if not self.path.exists():
            return b""
        fd = os.open(self.path, os.O_RDONLY)
        try:
            return _read_tail(fd, limit)[1]
        finally:
            os.close(fd)

    def events(self) -> Iterator[dict[str, object]]:
        """Parsed events in file order; unparsable lines are skipped, a torn tail is not read."""
        for _, raw in self.lines():
            event = parse_line(raw)
            if event is not None:
                yield event

    def head(self) -> str | None:
        """Hash of the last complete event, or None for an empty ledger."""
        if not self.path.exists():
            return None
        fd = os.open(self.path, os.O_RDONLY)
        try:
            last = _read_tail(fd)[0]
        finally:
            os.close(fd)
        if last is None:
            return None
        event = parse_line(last)
        if event is None or not isinstance(event.get("hash"), str):
            raise LedgerCorrupt(f"last event of {self.path} is unreadable; run `sestry verify`")
        return str(event["hash"])

    def count(self) -> int:
        """Number of complete event lines."""
        return sum(1 for _ in self.lines())


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view) :]


def parse_line(raw: bytes) -> dict[str, object] | None:
    """Parse one ledger line; None when it is not a JSON object."""
    try:
        event = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, ValueError):
        return None
    return event if isinstance(event, dict) else None


def _event_body(
    action: str,
    subject: str | None,
    inputs: Sequence[str],
    outputs: Sequence[str],
    params: Mapping[str, object] | None,
    versions: Mapping[str, str] | None,
    actor: str,
) -> dict[str, object]:
    """Validate the caller's fields (no content goes in: digests, codes and counts)."""
    if not isinstance(action, str) or not ACTION_RE.match(action):
        raise ValueError("action must be a short lower-case code")
    if not isinstance(actor, str) or not actor or len(actor) > 200 or "\n" in actor:
        raise ValueError("actor must be a short single-line string")
    if subject is not None and (not isinstance(subject, str) or not SUBJECT_RE.match(subject)):
        raise ValueError("subject must be a digest or a short ASCII identifier")
    for name, values in (("inputs", inputs), ("outputs", outputs)):
        if isinstance(values, str) or not all(is_digest(v) for v in values):
            raise ValueError(f"{name} must be a sequence of digests")
    body: dict[str, object] = {
        "actor": actor,
        "action": action,
        "subject": subject,
        "inputs": list(inputs),
        "outputs": list(outputs),
        "params": dict(params or {}),
        "versions": {str(k): str(v) for k, v in (versions or {}).items()},
    }
    canonical_json(body)  # fail here, before the lock, if params are not JSON-serialisable
    return body


def _check_last(raw: bytes, path: Path) -> tuple[int, str]:
    """Return (next seq, prev) from the last line, refusing to chain onto a bad event."""
    event = parse_line(raw)
    if (
        event is None
        or not isinstance(event.get("seq"), int)
        or not isinstance(event.get("hash"), str)
        or event_hash(event) != event["hash"]
    ):
        raise LedgerCorrupt(f"last event of {path} does not check; run `sestry verify`")
    return int(event["seq"]) + 1, str(event["hash"])  # type: ignore[call-overload]


def _read_tail(fd: int, limit: int | None = None) -> tuple[bytes | None, bytes, int]:
    """Return (last complete line without newline or None, torn bytes, end of the good part).

    Only the first `limit` bytes are considered when `limit` is given.
    """
    size = os.fstat(fd).st_size if limit is None else min(limit, os.fstat(fd).st_size)
    if size == 0:
        return None, b"", 0
    buf = b""
    pos = size
    torn_start: int | None = None  # absolute offset where the torn tail starts
    while pos > 0:
        start = max(0, pos - TAIL_CHUNK)
        buf = os.pread(fd, pos - start, start) + buf
        pos = start
        if torn_start is None:
            idx = buf.rfind(b"\n")
            if idx == -1:
                continue
            torn_start = pos + idx + 1
        newline = torn_start - pos - 1  # index in buf of the last complete line's newline
        prev_nl = buf.rfind(b"\n", 0, newline)
        if prev_nl != -1 or pos == 0:
            return buf[prev_nl + 1 : newline], buf[torn_start - pos :], torn_start
    return None, buf, 0  # no newline at all: everything is torn
