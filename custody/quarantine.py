"""Quarantine records: why an item could not be processed (the original stays in the vault)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from sestry.core.digest import is_digest
from sestry.core.durable import FILE_MODE, ensure_dir, write_atomic
from sestry.custody.ledger import canonical_json, utc_now

REASON_RE = re.compile(r"^[a-z][a-z0-9_]{0,63}$")
DETAIL_MAX = 500


def write_reason(
    quarantine_dir: Path,
    digest: str,
    reason: str,
    detail: str = "",
    source_name: str | None = None,
    extra: Mapping[str, object] | None = None,
) -> Path:
    """Write `quarantine_dir/<digest>/reason.json` (0600 in a 0700 folder) atomically.

    `reason` is a lower_snake code; `detail` is a code or library error class name, never text
    content (it is truncated to 500 characters). Returns the path written.
    """
    if not is_digest(digest):
        raise ValueError("not a digest")
    if not REASON_RE.match(reason):
        raise ValueError("reason must be a lower_snake code")
    record = {
        "digest": digest,
        "reason": reason,
        "detail": str(detail)[:DETAIL_MAX],
        "source_name": source_name,
        "extra": dict(extra or {}),
        "ts": utc_now(),
    }
    folder = ensure_dir(Path(quarantine_dir) / digest)
    return write_atomic(folder / "reason.json", canonical_json(record) + b"\n", FILE_MODE)
