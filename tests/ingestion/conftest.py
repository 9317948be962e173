"""Fixtures for the plain-function ingestion tests: a real initialised data dir and custody."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from sestry.core.settings import Settings
from sestry.custody.keys import init_layout
from sestry.ingestion import coordinator
from sestry.ingestion.intake import CustodyWriters


@pytest.fixture
def ready(settings: Settings) -> Settings:
    """An initialised data dir (real keys, real ledger)."""
    init_layout(settings)
    return settings


@pytest.fixture
def open_custody(ready: Settings) -> Callable[[], CustodyWriters]:
    """Open the real custody writers (re-opening re-reads the ledger, as a new run would)."""

    def opener() -> CustodyWriters:
        return coordinator.open_custody(ready)[0]

    return opener


@pytest.fixture
def drop(ready: Settings) -> Callable[..., Path]:
    """Write a file into the inbox (parents created); return its path."""

    def writer(rel: str, data: bytes | str) -> Path:
        path = ready.inbox / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            data = data.encode("utf-8")
        path.write_bytes(data)
        return path

    return writer
