"""The vault: a content-addressed, write-once store of originals, named by BLAKE3 digest.

Objects live at `root/objects/<digest[:2]>/<digest>`, read-only (0400) in 0700 folders. An object
is never rewritten or deleted by sestry: a second put of the same bytes is a no-op (deduplicated).
Callers are the coordinator only (flows, CLI), see DESIGN "Custody".

`put(src, durable=False)` defers the fsyncs: the object is written and checked under a temp name,
and `sync()` makes many of them durable together (one `syncfs` of the vault's file system), links
them into place and syncs again, before any ledger event names them. An object's name therefore
never points at bytes that are not on disk, even after a power cut.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import functools
import logging
import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import blake3

from sestry.core.digest import BUFFER_SIZE, b3_file, is_digest
from sestry.core.durable import DIR_MODE, ensure_dir, fsync_dir, temp_path
from sestry.custody.errors import DigestMismatch, OriginalChanged

log = logging.getLogger(__name__)

OBJECT_MODE = 0o400

_Writer = Callable[[int], tuple[str, int]]


@dataclass(frozen=True)
class StoredObject:
    """Result of a put: the digest, the size, and whether a new object was written."""

    digest: str
    size: int
    created: bool


class Vault:
    """Write-once object store under `root` (normally `settings.vault_dir`)."""

    def __init__(self, root: Path) -> None:
        self.root = Path(root)
        self.objects = self.root / "objects"
        self._unsynced: dict[Path, Path] = {}  # final name → checked temp file (durable=False)
        # shards of objects found already stored by a deferred put: their names may be from a
        # killed run whose last folder sync never happened, so sync() syncs them too
        self._found: set[Path] = set()

    def path(self, digest: str) -> Path:
        """Where the object with `digest` lives (whether or not it exists)."""
        if not is_digest(digest):
            raise ValueError("not a digest")
        return self.objects / digest[:2] / digest

    def verified_path(self, digest: str) -> Path:
        """The object's path after re-hashing it; OriginalChanged (exit 1) when it differs.

        Every read of an original for extraction, page rendering or a release goes through a
        re-hash: a replaced object must never be read as the original.
        """
        path = self.path(digest)
        try:
            ok = path.is_file() and not path.is_symlink() and b3_file(path) == digest
        except OSError:
            ok = False
        if not ok:
            raise OriginalChanged(digest)
        return path

    def has(self, digest: str) -> bool:
        """True when an object with `digest` is stored."""
        if not is_digest(digest):
            return False
        path = self.path(digest)
        return path.is_file() and not path.is_symlink()

    def iter_digests(self) -> Iterator[str]:
        """Digests of stored objects, sorted (temp files, symlinks and stray names skipped)."""
        if not self.objects.is_dir():
            return
        for shard in sorted(self.objects.iterdir()):
            if not shard.is_dir() or len(shard.name) != 2:
                continue
            for entry in sorted(shard.iterdir()):
                if (
                    is_digest(entry.name)
                    and entry.name[:2] == shard.name
                    and entry.is_file()
                    and not entry.is_symlink()  # a link could point anywhere: not an object
                ):
                    yield entry.name

    def put(self, src: Path, *, durable: bool = True) -> StoredObject:
        """Store the file at `src`; return its digest. Raise DigestMismatch if bytes change.

        The copy is hashed while written, fsynced, re-read and re-hashed, made read-only, and
        linked into place (never replacing an existing object), then the folder is fsynced.
        With `durable=False` both fsyncs wait for `sync()`: call it before recording the object.
        """
        src = Path(src)
        size = src.stat().st_size
        expected = b3_file(src)
        return self._store(expected, size, lambda out: _copy_hashing(src, out), durable)

    def sync(self) -> None:
        """Make every object put with `durable=False` durable (files and their folders).

        One `syncfs` of the vault's file system where the C library has it, else an fsync of
        each object and each folder.
        """
        if not self._unsynced and not self._found:
            return
        pending, self._unsynced = self._unsynced, {}
        found, self._found = self._found, set()
        try:
            if not _syncfs(self.objects):  # the bytes, before any name points at them
                for tmp in pending.values():
                    _fsync_file(tmp)
            for final, tmp in pending.items():
                with contextlib.suppress(FileExistsError):  # a concurrent put won: write-once
                    os.link(tmp, final)
        finally:
            for tmp in pending.values():
                tmp.unlink(missing_ok=True)
        if not _syncfs(self.objects):  # the names
            for shard in dict.fromkeys([*(final.parent for final in pending), *sorted(found)]):
                fsync_dir(shard)

    def put_bytes(self, data: bytes) -> StoredObject:
        """Store `data`; return its digest (same guarantees as `put`)."""
        expected = blake3.blake3(data).hexdigest()

        def write(out: int) -> tuple[str, int]:
            view = memoryview(data)
            while view:
                written = os.write(out, view)
                view = view[written:]
            return expected, len(data)

        return self._store(expected, len(data), write)

    def _store(
        self, expected: str, expected_size: int, write: _Writer, durable: bool = True
    ) -> StoredObject:
        final = self.path(expected)
        if final in self._unsynced:  # put earlier in this group, not yet synced
            return StoredObject(expected, expected_size, created=False)
        if final.is_file():
            if final.stat().st_size != expected_size:  # cheap check; `sestry verify` re-hashes
                raise DigestMismatch(f"stored object {expected} has changed; run sestry verify")
            # its name may come from a killed run that never synced its folder: sync it before
            # the caller records it (now, or with the group's sync)
            if durable:
                fsync_dir(final.parent)
            else:
                self._found.add(final.parent)
            return StoredObject(expected, expected_size, created=False)
        shard = ensure_dir(final.parent, DIR_MODE)
        tmp = temp_path(shard)
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            try:
                written_digest, size = write(fd)
                if durable:
                    os.fsync(fd)
            finally:
                os.close(fd)
            if written_digest != expected:
                raise DigestMismatch(f"source changed while stored: expected {expected}")
            reread = b3_file(tmp)
            if reread != expected:
                raise DigestMismatch(f"vault write did not read back: expected {expected}")
            os.chmod(tmp, OBJECT_MODE)
            if not durable:  # linked into place by sync(), after its bytes are on disk
                self._unsynced[final] = tmp
                return StoredObject(expected, size, created=True)
            try:
                os.link(tmp, final)
                created = True
            except FileExistsError:
                created = False  # a concurrent put of the same bytes won: write-once holds
        finally:
            if final not in self._unsynced:
                tmp.unlink(missing_ok=True)
        fsync_dir(shard)
        if created:
            log.debug("stored object %s (%d bytes)", expected, size)
        return StoredObject(expected, size, created=created)


def _copy_hashing(src: Path, out: int) -> tuple[str, int]:
    """Copy `src` into the open descriptor `out`, hashing what was copied."""
    hasher = blake3.blake3()
    buf = bytearray(BUFFER_SIZE)
    view = memoryview(buf)
    size = 0
    with open(src, "rb", buffering=0) as handle:
        while True:
            n = handle.readinto(buf)
            if not n:
                break
            chunk = view[:n]
            hasher.update(chunk)
            while chunk:
                written = os.write(out, chunk)
                chunk = chunk[written:]
            size += n
    return hasher.hexdigest(), size


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


@functools.cache
def _libc_syncfs() -> Callable[[int], int] | None:
    name = ctypes.util.find_library("c")
    libc = ctypes.CDLL(name, use_errno=True) if name else None
    return getattr(libc, "syncfs", None)


def _syncfs(folder: Path) -> bool:
    """syncfs(2) the file system holding `folder`; False when the C library has no syncfs."""
    syncfs = _libc_syncfs()
    if syncfs is None:
        return False
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        if syncfs(fd) != 0:
            err = ctypes.get_errno()
            raise OSError(err, os.strerror(err))
    finally:
        os.close(fd)
    return True
