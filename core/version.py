"""sestry's own version, as the installed distribution states it (for ledger `versions`)."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version


def sestry_version() -> str:
    """Installed sestry version; "unknown" when run from a tree that was never installed."""
    try:
        return version("sestry")
    except PackageNotFoundError:
        return "unknown"
