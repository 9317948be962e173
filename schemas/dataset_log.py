"""The dataset's commit log: which batch file holds each document's current rows.

A batch is one Parquet file per table (`dataset/<table>/b-<batch>.parquet`) plus one commit
record `dataset/_commits/<seq>.json`, created exclusively (never overwritten) after every file
of the batch is durable. The commit lists the batch's files with their BLAKE3, and its doc_ids
with their case ids: that is the index that lets a read by digest or case open only the batches
it needs. Readers see committed batches only; replaying commits in sequence order gives each
doc_id one place (a newer commit wins), so a document never appears twice.

A *base* commit (written by compaction) replaces every commit up to its `through` sequence and
the legacy per-document files (`dataset/<table>/<doc_id>.parquet`, before 0.3): the view is the
base, then the commits after `through`. Commit records hold digests, counts and case ids, never
row contents.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from sestry.core.durable import create_exclusive, ensure_dir

COMMITS = "_commits"
FORMAT = "sestry-dataset-commit/1"
BATCH_PREFIX = "b-"
SUFFIX = ".parquet"
_COMMIT_NAME = re.compile(r"^([0-9]{10})\.json$")
_DOC_ID = re.compile(r"^[0-9a-f]{64}$")
_BATCH_ID = re.compile(r"^[0-9a-f]{16,64}$")
#: Sequence number standing for the legacy per-document files (older than every commit).
LEGACY = 0


class LogError(ValueError):
    """A commit record is malformed (message names the file, never row contents)."""


@dataclass(frozen=True)
class Commit:
    """One parsed commit record."""

    seq: int
    batch: str
    files: dict[str, dict[str, object]]  # table → {"name", "b3", "rows"}
    docs: dict[str, str | None]  # doc_id → case_id
    removed: tuple[str, ...] = ()
    base: bool = False
    through: int = 0  # base only: the last sequence it replaces

    def file_name(self, table: str) -> str | None:
        """The batch file of `table`, or None when the batch has no rows of it."""
        entry = self.files.get(table)
        return str(entry["name"]) if entry else None


@dataclass
class View:
    """The committed dataset: where each document lives, and its case id."""

    where: dict[str, int] = field(default_factory=dict)  # doc_id → seq (LEGACY for old files)
    case: dict[str, str | None] = field(default_factory=dict)
    commits: dict[int, Commit] = field(default_factory=dict)  # the commits the view uses
    base_seq: int | None = None
    through: int = -1  # commits (and legacy files) at or below this are replaced by the base
    last_seq: int = 0

    def batches(self, doc_ids: set[str]) -> dict[int, set[str]]:
        """Group `doc_ids` (known ones) by the sequence that holds them."""
        grouped: dict[int, set[str]] = {}
        for doc_id in doc_ids:
            seq = self.where.get(doc_id)
            if seq is not None:
                grouped.setdefault(seq, set()).add(doc_id)
        return grouped


_CACHE: dict[tuple[str, int, int, int], Commit] = {}


def commits_dir(dataset_dir: Path) -> Path:
    """Where commit records live."""
    return Path(dataset_dir) / COMMITS


def batch_file(dataset_dir: Path, table: str, name: str) -> Path:
    """The path of a batch file named in a commit."""
    return Path(dataset_dir) / table / name


def _parse(path: Path, seq: int) -> Commit:
    try:
        data = json.loads(path.read_bytes())
        if data.get("format") != FORMAT or data.get("seq") != seq:
            raise LogError(f"commit {path.name}: wrong format or sequence")
        files = {str(k): dict(v) for k, v in data["files"].items()}
        docs = {str(k): (None if v is None else str(v)) for k, v in data["docs"].items()}
        removed = tuple(str(d) for d in data.get("removed", ()))
        batch = str(data["batch"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
        raise LogError(f"commit {path.name}: unreadable record") from exc
    if not _BATCH_ID.match(batch) or not all(_DOC_ID.match(d) for d in [*docs, *removed]):
        raise LogError(f"commit {path.name}: bad batch or doc id")
    for entry in files.values():
        if str(entry.get("name")) != f"{BATCH_PREFIX}{batch}{SUFFIX}":
            raise LogError(f"commit {path.name}: file name outside its batch")
    return Commit(
        seq=seq,
        batch=batch,
        files=files,
        docs=docs,
        removed=removed,
        base=bool(data.get("base", False)),
        through=int(data.get("through", 0)),
    )


def read_commit(path: Path, seq: int) -> Commit:
    """Parse one commit record (cached: records are immutable once created)."""
    key = _key(path)
    found = _CACHE.get(key)
    if found is None:
        found = _CACHE[key] = _parse(path, seq)
        if len(_CACHE) > 100_000:
            _CACHE.clear()
    return found


def list_commits(dataset_dir: Path) -> list[tuple[int, Path]]:
    """Every commit record, by sequence."""
    folder = commits_dir(dataset_dir)
    if not folder.is_dir():
        return []
    found = []
    for entry in os.scandir(folder):
        match = _COMMIT_NAME.match(entry.name)
        if match:
            found.append((int(match.group(1)), Path(entry.path)))
    return sorted(found)


def legacy_doc_ids(dataset_dir: Path, commit_table: str) -> set[str]:
    """Doc ids with a legacy per-document commit file (`<table>/<doc_id>.parquet`)."""
    folder = Path(dataset_dir) / commit_table
    if not folder.is_dir():
        return set()
    found = set()
    for entry in os.scandir(folder):
        stem = entry.name[: -len(SUFFIX)]
        if entry.name.endswith(SUFFIX) and _DOC_ID.match(stem) and entry.is_file():
            found.add(stem)
    return found


_VIEWS: dict[Path, tuple[tuple[object, ...], View]] = {}


def load_view(dataset_dir: Path, commit_table: str) -> View:
    """The committed view, rebuilt only when a commit record or the legacy folder changed.

    Callers must not mutate the returned view (it is shared between reads).
    """
    listed = list_commits(dataset_dir)
    legacy = Path(dataset_dir) / commit_table
    stamp: list[object] = [(seq, _key(path)) for seq, path in listed]
    stamp.append(legacy.stat().st_mtime_ns if legacy.is_dir() else None)
    cached = _VIEWS.get(Path(dataset_dir))
    if cached is not None and cached[0] == tuple(stamp):
        return cached[1]
    view = _replay(dataset_dir, commit_table, listed)
    _VIEWS[Path(dataset_dir)] = (tuple(stamp), view)
    if len(_VIEWS) > 64:
        _VIEWS.pop(next(iter(_VIEWS)))
    return view


def _key(path: Path) -> tuple[str, int, int, int]:
    st = path.stat()
    return (str(path), st.st_ino, st.st_mtime_ns, st.st_size)


def _replay(dataset_dir: Path, commit_table: str, listed: list[tuple[int, Path]]) -> View:
    """Replay the commit log: the last base, then every later commit, newer winning."""
    view = View(last_seq=listed[-1][0] if listed else 0)
    parsed = [read_commit(path, seq) for seq, path in listed]
    bases = [c for c in parsed if c.base]
    if bases:
        base = bases[-1]
        view.base_seq, view.through = base.seq, base.through
        order = [base] + [c for c in parsed if c.seq > base.through and c.seq != base.seq]
    else:
        for doc_id in legacy_doc_ids(dataset_dir, commit_table):
            view.where[doc_id] = LEGACY
            view.case[doc_id] = None  # unknown until read (legacy files only)
        order = parsed
    for commit in sorted(order, key=lambda c: c.seq if not c.base else c.through + 0.5):
        view.commits[commit.seq] = commit
        for doc_id in commit.removed:
            view.where.pop(doc_id, None)
            view.case.pop(doc_id, None)
        for doc_id, case_id in commit.docs.items():
            view.where[doc_id] = commit.seq
            view.case[doc_id] = case_id
    return view


def write_commit(dataset_dir: Path, record: dict[str, object], *, after: int) -> Commit:
    """Create the next commit record exclusively (a concurrent writer takes the next number)."""
    folder = ensure_dir(commits_dir(dataset_dir))
    seq = after + 1
    for _ in range(1000):
        body = {**record, "format": FORMAT, "seq": seq}
        data = (json.dumps(body, sort_keys=True, separators=(",", ":")) + "\n").encode()
        try:
            path = create_exclusive(folder / f"{seq:010d}.json", data)
        except FileExistsError:
            seq += 1
            continue
        return read_commit(path, seq)
    raise LogError("no free commit sequence number")
