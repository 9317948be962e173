"""The coordinator's fast path: an unchanged inbox is recorded without a flow run."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest

from sestry.core.settings import Settings
from sestry.ingestion import coordinator, intake, outcomes
from sestry.ingestion.intake import CustodyWriters


def test_new_file_is_work(
    ready: Settings, open_custody: Callable[[], CustodyWriters], drop: Callable[..., Path]
) -> None:
    drop("a.txt", "x\n")
    assert coordinator.has_work(open_custody(), ready.inbox, ready.dataset_dir)
    assert coordinator.intake_only(ready) is None
    assert (ready.inbox / "a.txt").exists()  # nothing recorded or moved by the check


def test_received_but_unprocessed_is_work(
    ready: Settings, open_custody: Callable[[], CustodyWriters], drop: Callable[..., Path]
) -> None:
    drop("a.txt", "x\n")
    intake.receive_inbox(open_custody(), ready.inbox)  # then killed before extraction
    assert coordinator.has_work(open_custody(), ready.inbox, ready.dataset_dir)


def test_symlink_is_work(ready: Settings, open_custody: Callable[[], CustodyWriters]) -> None:
    os.symlink("/etc/hostname", ready.inbox / "link")
    assert coordinator.has_work(open_custody(), ready.inbox, ready.dataset_dir)


def test_known_items_are_recorded_as_seen_again_without_a_flow(
    ready: Settings, open_custody: Callable[[], CustodyWriters], drop: Callable[..., Path]
) -> None:
    drop("a.txt", "x\n")
    custody = open_custody()
    [item] = intake.receive_inbox(custody, ready.inbox, keep_inbox=True).received
    outcomes.quarantine(custody, item.digest, "corrupt")
    summary = coordinator.intake_only(ready, keep_inbox=True)
    assert summary is not None
    assert summary.already_known == 1
    actions = [e["action"] for e in open_custody().ledger.events()]
    assert actions[-1] == "seen_again"


def test_second_concurrent_ingest_is_refused(ready: Settings) -> None:
    from sestry.core.errors import UsageError

    with (
        coordinator.ingest_lock(ready),
        pytest.raises(UsageError),
        coordinator.ingest_lock(ready),
    ):
        pass
    with coordinator.ingest_lock(ready):  # released: free again
        pass


def test_lock_needs_an_initialised_data_dir(settings: Settings) -> None:
    from sestry.core.errors import ConfigError

    with pytest.raises(ConfigError), coordinator.ingest_lock(settings):
        pass
    assert not (settings.data_dir / "ingest.lock").exists()
