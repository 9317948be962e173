"""Custody errors: named, carrying digests and paths only, never content."""

from __future__ import annotations

from sestry.core.errors import VerificationError


class DigestMismatch(VerificationError):
    """Bytes written to (or read from) the vault do not hash to the expected digest."""


class OriginalChanged(DigestMismatch):
    """A vault original no longer hashes to its digest: a custody incident, never read on."""

    def __init__(self, digest: str) -> None:
        super().__init__(
            f"custody incident: vault object {digest} no longer matches its digest; nothing was"
            " made from it. Run sestry verify and restore it from a backup"
        )
        self.digest = digest


class LedgerCorrupt(VerificationError):
    """The ledger cannot be appended to safely: its last event does not check."""


class TornTail(LedgerCorrupt):
    """The ledger ends in a partial line (a crash mid-write); `sestry verify --repair` fixes it."""
