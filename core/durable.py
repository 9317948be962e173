"""The one durable writer: every file sestry keeps is written here (POSIX only).

A file is written to a fresh hidden temp file beside its destination, flushed and fsynced, then
renamed (or hard-linked, to refuse an overwrite) into place, and the folder is fsynced: after a
crash the destination holds either the old bytes or the new ones, never a part. On any error the
temp file is removed. The vault, the ledger's repairs, keys, quarantine records, the internal
dataset, redaction folders and releases all use it; `is_temp_name` lets a later run sweep what a
killed writer left behind.
"""

from __future__ import annotations

import json
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

DIR_MODE = 0o700
FILE_MODE = 0o600
TEMP_PREFIX = ".tmp-"


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries to disk so a rename or create survives a crash."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def ensure_dir(folder: Path, mode: int = DIR_MODE) -> Path:
    """Create `folder` and any missing parents, each with `mode` (not the umask); return it.

    Each new folder's parent is fsynced, so the folder itself survives a crash.
    """
    missing: list[Path] = []
    current = Path(folder)
    while not current.exists():
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=mode)
        except FileExistsError:
            continue  # created concurrently
        os.chmod(path, mode)
        fsync_dir(path.parent)
    return Path(folder)


def temp_path(folder: Path, stem: str = "") -> Path:
    """A fresh hidden temp file name in `folder` (same file system, so rename is atomic)."""
    return Path(folder) / f"{TEMP_PREFIX}{stem}{secrets.token_hex(8)}"


def is_temp_name(name: str) -> bool:
    """True for a name `temp_path` makes: what a killed writer may have left behind."""
    return name.startswith(TEMP_PREFIX)


@contextmanager
def _temp_file(path: Path, mode: int) -> Iterator[tuple[Path, BinaryIO]]:
    """A fresh temp file beside `path`, open for writing; fsynced on success, removed on error."""
    folder = ensure_dir(Path(path).parent)
    tmp = temp_path(folder, Path(path).name + "-")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            yield tmp, handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


@contextmanager
def durable_writer(path: Path, mode: int = FILE_MODE) -> Iterator[BinaryIO]:
    """Stream a file into place atomically: `with durable_writer(p) as sink: sink.write(...)`.

    The destination appears (replacing an older version) only when the block ends without an
    error; then the file and its folder are fsynced.
    """
    path = Path(path)
    with _temp_file(path, mode) as (tmp, handle):
        yield handle
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)


def write_atomic(path: Path, data: bytes, mode: int = FILE_MODE) -> Path:
    """Write `data` to `path` atomically: temp file, fsync, rename, fsync folder."""
    with durable_writer(path, mode) as sink:
        sink.write(data)
    return Path(path)


def create_exclusive(path: Path, data: bytes, mode: int = FILE_MODE) -> Path:
    """Create `path` with `data`, failing with FileExistsError if it exists (never overwrites)."""
    path = Path(path)
    with _temp_file(path, mode) as (tmp, handle):
        handle.write(data)
    try:
        os.link(tmp, path)  # atomic and refuses to replace an existing file
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(path.parent)
    return path


def unlink_durable(path: Path) -> None:
    """Remove `path` if it exists and fsync its folder, so the removal survives a crash."""
    try:
        Path(path).unlink()
    except FileNotFoundError:
        return
    fsync_dir(Path(path).parent)


def write_json(path: Path, data: object, mode: int = FILE_MODE) -> Path:
    """Write `data` as sorted, indented UTF-8 JSON (one trailing newline), atomically."""
    text = json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
    return write_atomic(path, text.encode("utf-8"), mode)
