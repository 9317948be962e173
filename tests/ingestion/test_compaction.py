"""`sestry compact`: batches folded into one, recorded in the ledger, custody still verifies."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from sestry.cli import app
from sestry.core.digest import b3_file
from sestry.core.settings import Settings
from sestry.custody.verify import verify_data_dir
from sestry.ingestion import outcomes
from sestry.ingestion.compaction import compact_dataset
from sestry.ingestion.intake import CustodyWriters
from sestry.schemas import dataset, dataset_log
from tests.ingestion.test_outcomes import events, ok_result, received


def test_compact_folds_batches_and_records_an_event(
    ready: Settings, open_custody: Callable[[], CustodyWriters], drop: Callable[..., Path]
) -> None:
    custody = open_custody()
    new = received(ready, custody, drop, 4)
    for work in outcomes.plan(custody, ready.dataset_dir, this_run=new).work:
        outcomes.record(custody, ready.dataset_dir, ok_result(work))  # four batches of one
    before = dataset.read_table(ready.dataset_dir, "segments")
    report = compact_dataset(ready)
    assert report.compacted
    assert report.batches_before == 4
    [commit] = dataset_log.list_commits(ready.dataset_dir)
    assert dataset.read_table(ready.dataset_dir, "segments").equals(before)
    [event] = events(open_custody(), "compact")
    assert event["subject"] == b3_file(commit[1])
    assert event["params"]["documents"] == 4
    assert verify_data_dir(ready).ok
    assert not compact_dataset(ready).compacted  # a second run has nothing to fold
    assert len(events(open_custody(), "compact")) == 1


def test_compact_command_says_counts(ready: Settings) -> None:
    result = CliRunner().invoke(app, ["compact", "--data", str(ready.data_dir)])
    assert result.exit_code == 0, result.output
    assert "nothing to compact: documents in one batch: 0" in result.output
