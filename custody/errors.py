"""Custody errors: named, carrying digests and paths only, never content."""

from __future__ import annotations

from sestry.core.errors import VerificationError


class DigestMismatch(VerificationError):
    """Bytes written to (or read from) the vault do not hash to the expected digest."""


class LedgerCorrupt(VerificationError):
    """The ledger cannot be appended to safely: its last event does not check."""


class TornTail(LedgerCorrupt):
    """The ledger ends in a partial line (a crash mid-write); `sestry verify --repair` fixes it."""
