"""One run of a kind per data dir: an exclusive, non-blocking flock on a lock file.

Two ingests (or two handoffs) on one data dir would take the same inbox files in, or remove each
other's staging; the kernel drops the lock when a process dies, even on kill -9.
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sestry.core.errors import UsageError


@contextmanager
def exclusive_run(lock_path: Path, what: str) -> Iterator[None]:
    """Hold `lock_path` for the block; UsageError (exit 2) naming `what` when another holds it."""
    fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            folder = Path(lock_path).parent
            raise UsageError(f"another sestry {what} is running on {folder}") from None
        yield
    finally:
        os.close(fd)
