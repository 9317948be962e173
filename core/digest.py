"""BLAKE3 and SHA-256 digests of bytes and files: the identity of every item.

Large files are hashed with `update_mmap` on all cores (as fast as `b3sum`); small files with one
reused buffer on one thread, where thread start-up would cost more than it saves.
"""

from __future__ import annotations

import hashlib
import os
import re
import threading
from dataclasses import dataclass
from pathlib import Path

import blake3

DIGEST_RE: re.Pattern[str] = re.compile(r"^[0-9a-f]{64}$")
"""A digest: 64 lower-case hex characters (BLAKE3-256)."""

MMAP_THRESHOLD = 4 * 1024 * 1024
"""Files at least this large are hashed with update_mmap and threads (see bench/hashing)."""

BUFFER_SIZE = 1024 * 1024


def is_digest(value: str) -> bool:
    """Return True when `value` is a well-formed digest (64 lower-case hex characters)."""
    return isinstance(value, str) and DIGEST_RE.fullmatch(value) is not None


def b3_bytes(data: bytes) -> str:
    """Return the BLAKE3-256 hex digest of `data`."""
    return blake3.blake3(data).hexdigest()


_local = threading.local()


def _buffer() -> tuple[bytearray, memoryview]:
    """This thread's reused read buffer (allocating 1 MiB per file costs more than hashing it)."""
    pair = getattr(_local, "pair", None)
    if pair is None:
        buf = bytearray(BUFFER_SIZE)
        pair = _local.pair = (buf, memoryview(buf))
    return pair


def _read_into(path: Path, sinks: tuple[object, ...]) -> int:
    """Stream `path` through `sinks` (objects with .update) with one reused buffer; return size."""
    buf, view = _buffer()
    size = 0
    with open(path, "rb", buffering=0) as handle:
        while True:
            n = handle.readinto(buf)
            if not n:
                break
            size += n
            chunk = view[:n]
            for sink in sinks:
                sink.update(chunk)  # type: ignore[attr-defined]
    return size


def b3_file(path: Path) -> str:
    """Return the BLAKE3-256 hex digest of the file at `path`, in bounded memory."""
    path = Path(path)
    size = os.stat(path).st_size
    if size >= MMAP_THRESHOLD:
        hasher = blake3.blake3(max_threads=blake3.blake3.AUTO)
        hasher.update_mmap(path)
        return hasher.hexdigest()
    hasher = blake3.blake3()
    _read_into(path, (hasher,))
    return hasher.hexdigest()


def b3_file_sized(path: str | os.PathLike[str]) -> tuple[str, int]:
    """BLAKE3 hex digest and size of a file, from one open: no separate stat (release checks
    walk tens of thousands of small files, where each system call shows)."""
    with open(path, "rb", buffering=0) as handle:
        size = os.fstat(handle.fileno()).st_size
        if size >= MMAP_THRESHOLD:
            hasher = blake3.blake3(max_threads=blake3.blake3.AUTO)
            hasher.update_mmap(path)
            return hasher.hexdigest(), size
        hasher = blake3.blake3()
        buf, view = _buffer()
        size = 0
        while n := handle.readinto(buf):
            size += n
            hasher.update(view[:n])
    return hasher.hexdigest(), size


def sha256_file(path: Path) -> str:
    """Return the SHA-256 hex digest of the file at `path` (for `sha256sum --check`)."""
    hasher = hashlib.sha256()
    _read_into(Path(path), (hasher,))
    return hasher.hexdigest()


@dataclass(frozen=True)
class FileDigests:
    """Both digests and the size of one file, from one read pass."""

    blake3: str
    sha256: str
    size: int


def hash_file(path: Path) -> FileDigests:
    """Return BLAKE3, SHA-256 and size of `path`, reading it once."""
    b3 = blake3.blake3()
    sha = hashlib.sha256()
    size = _read_into(Path(path), (b3, sha))
    return FileDigests(blake3=b3.hexdigest(), sha256=sha.hexdigest(), size=size)
