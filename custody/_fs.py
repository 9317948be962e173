"""Small durable-file helpers shared by the vault, ledger, keys and quarantine (POSIX only)."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

DIR_MODE = 0o700
FILE_MODE = 0o600


def fsync_dir(folder: Path) -> None:
    """Flush a folder's entries to disk so a rename or create survives a crash."""
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def ensure_dir(folder: Path, mode: int = DIR_MODE) -> Path:
    """Create `folder` and any missing parents, each with `mode` (not the umask); return it."""
    missing: list[Path] = []
    current = folder
    while not current.exists():
        missing.append(current)
        current = current.parent
    for path in reversed(missing):
        try:
            path.mkdir(mode=mode)
        except FileExistsError:
            continue  # created concurrently
        os.chmod(path, mode)
    return folder


def temp_path(folder: Path, stem: str = "") -> Path:
    """A fresh hidden temp file name in `folder` (same file system, so rename is atomic)."""
    return folder / f".tmp-{stem}{secrets.token_hex(8)}"


def _write_temp(path: Path, data: bytes, mode: int) -> Path:
    """Write `data` to a fresh fsynced temp file beside `path`; return the temp file."""
    tmp = temp_path(path.parent, path.name + "-")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp, mode)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return tmp


def write_atomic(path: Path, data: bytes, mode: int = FILE_MODE) -> Path:
    """Write `data` to `path` atomically: temp file, fsync, rename, fsync folder."""
    tmp = _write_temp(path, data, mode)
    try:
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    fsync_dir(path.parent)
    return path


def create_exclusive(path: Path, data: bytes, mode: int = FILE_MODE) -> Path:
    """Create `path` with `data`, failing with FileExistsError if it exists (never overwrites)."""
    tmp = _write_temp(path, data, mode)
    try:
        os.link(tmp, path)  # atomic and refuses to replace an existing file
    finally:
        tmp.unlink(missing_ok=True)
    fsync_dir(path.parent)
    return path
