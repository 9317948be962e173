"""Which inbox files are unchanged since a run hashed them: a stat index, like git's.

A rerun over an inbox kept in place (`--keep-inbox`) would hash every file again. A file whose
device, inode, size, modification and change times (nanoseconds) all equal those recorded when
it was hashed and stored is taken to hold the same bytes: its digest comes from here. On POSIX
file systems the change time cannot be set back by a user (any write, rename or chmod moves it),
so a file edited in place misses and is hashed. A file changed less than RACY_NS before it was
hashed is not recorded ("racy clean": a second write within the timestamp resolution, a tick or
seconds on FAT/SMB, would keep its stat), so it is hashed again next run. Anything that
differs is hashed as before; the vault and `sestry verify` still re-hash every object. The
index is a cache (`DATA/cache/inbox-stat.json`, 0600): deleting it only costs one run of
hashing.
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

from sestry.core.digest import is_digest
from sestry.core.durable import write_atomic

FILE_NAME = "inbox-stat.json"
VERSION = 1

_Key = tuple[int, int, int, int, int]


def _key(st: os.stat_result) -> _Key:
    return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)


class InboxStat:
    """Digests of inbox files by relative name, valid while the file's stat is unchanged."""

    def __init__(self, path: Path, inbox: Path) -> None:
        self.path = Path(path)
        self.inbox = Path(inbox).absolute()
        self._known: dict[str, tuple[_Key, str]] = {}
        self._seen: dict[str, tuple[_Key, str]] = {}
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # none yet, or unreadable: hash everything
        if not isinstance(data, dict) or data.get("version") != VERSION:
            return
        if data.get("inbox") != str(self.inbox):  # another inbox: other files
            return
        for rel, entry in (data.get("files") or {}).items():
            try:
                *key, digest = entry
                if is_digest(digest) and len(key) == 5:
                    self._known[str(rel)] = (tuple(int(k) for k in key), digest)  # type: ignore[assignment]
            except (TypeError, ValueError):
                continue

    @classmethod
    def of(cls, data_dir: Path, inbox: Path) -> InboxStat:
        """The index of `inbox` kept in the data dir's cache."""
        return cls(Path(data_dir) / "cache" / FILE_NAME, inbox)

    def digest(self, path: Path, rel: str) -> tuple[str, int] | None:
        """(digest, size) of `rel` when `path`'s stat is exactly as recorded, else None."""
        known = self._known.get(rel)
        if known is None:
            return None
        try:
            key = _key(os.stat(path, follow_symlinks=False))
        except OSError:
            return None
        if key != known[0]:
            return None
        self._seen[rel] = known
        return known[1], key[2]

    def note(self, path: Path, rel: str, digest: str, before: os.stat_result) -> None:
        """Record `digest` for `rel` if the file's stat is still `before` (taken before hashing)."""
        try:
            after = os.stat(path, follow_symlinks=False)
        except OSError:
            return
        if _key(after) == _key(before) and not _racy(after):
            self._seen[rel] = (_key(after), digest)

    def save(self) -> None:
        """Keep the entries of files met in this run and still in place (moved ones dropped)."""
        if not self._seen and not self._known:
            return
        files = {
            rel: [*key, digest]
            for rel, (key, digest) in sorted(self._seen.items())
            if _unchanged(self.inbox / rel, key)
        }
        self.path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        record = {"version": VERSION, "inbox": str(self.inbox), "files": files}
        data = json.dumps(record, ensure_ascii=False)
        write_atomic(self.path, data.encode("utf-8"))


#: A file changed this recently may change again within the file system's timestamp resolution
#: (a tick, or seconds on FAT/SMB) without its stat changing ("racy clean", as git calls it):
#: it is hashed again next run rather than trusted.
RACY_NS = 3_000_000_000


def _racy(st: os.stat_result) -> bool:
    return time.time_ns() - max(st.st_mtime_ns, st.st_ctime_ns) < RACY_NS


def _unchanged(path: Path, key: _Key) -> bool:
    try:
        return _key(os.stat(path, follow_symlinks=False)) == key
    except OSError:
        return False
