"""Open the custody writers for one ingest run (coordinator only) and say what was repaired.

Kept apart from the flow so the flow stays straight-line wiring and this is testable without
Prefect.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from sestry.core.locks import exclusive_run
from sestry.core.settings import Settings
from sestry.custody import keys, quarantine
from sestry.custody.ledger import Ledger
from sestry.custody.vault import Vault
from sestry.extractors import sniff
from sestry.extractors.sniff import Sniffed
from sestry.ingestion.inbox_stat import InboxStat
from sestry.ingestion.index import LedgerIndex
from sestry.ingestion.intake import CustodyWriters
from sestry.redaction.scopes import known_scopes
from sestry.schemas import dataset

if TYPE_CHECKING:
    from sestry.ingestion.outcomes import IngestSummary

log = logging.getLogger(__name__)


@contextmanager
def ingest_lock(settings: Settings) -> Iterator[None]:
    """Hold DATA/ingest.lock for one run; a second concurrent ingest is refused (exit 2).

    Two runs on one data dir would both take the same inbox files in; the lock keeps one
    coordinator per data dir. The kernel drops the lock when a process dies (even kill -9).
    """
    keys.require_layout(settings)  # ConfigError (exit 2) before creating anything
    with exclusive_run(settings.data_dir / "ingest.lock", "ingest"):
        yield


def sniff_stored(path: Path, source_name: str) -> Sniffed:
    """Sniff the stored object's bytes; compare (never trust) the original name's extension."""
    media_type = sniff.sniff_type(path)
    return sniff.Sniffed(
        media_type, sniff.kind_of(media_type), sniff.extension_mismatch(source_name, media_type)
    )


def open_custody(settings: Settings) -> tuple[CustodyWriters, bool]:
    """Check the layout, repair a torn ledger tail (kept aside, recorded), index the ledger.

    Returns the writers and whether a torn tail was repaired. Raises ConfigError (exit 2) when
    the data dir is not initialised.
    """
    keys.require_layout(settings)
    ledger = Ledger(settings.ledger_path)
    repaired = ledger.repair() is not None
    if repaired:
        log.warning("ledger ended in a torn line (interrupted run): moved aside and recorded")
    swept = dataset.sweep_temp(settings.dataset_dir)
    if swept:
        log.info("removed %d dataset temp files of an interrupted run", swept)
    custody = CustodyWriters(
        vault=Vault(settings.vault_dir),
        ledger=ledger,
        quarantine_dir=settings.quarantine_dir,
        index=LedgerIndex.from_events(ledger.events()),
        sniff=sniff_stored,
        write_reason=quarantine.write_reason,
        scopes=known_scopes(settings),
    )
    return custody, repaired


def has_work(
    custody: CustodyWriters, inbox: Path, dataset_dir: Path, stat: InboxStat | None = None
) -> bool:
    """True when the inbox or the ledger holds anything a flow run must process.

    Read-only: hashes inbox files (unless `stat` knows them unchanged) until the first one
    without an intake event; any symlink or special file, or an item received earlier and
    neither extracted nor quarantined, is work.
    """
    from sestry.core.digest import b3_file
    from sestry.ingestion import intake
    from sestry.ingestion.outcomes import quarantined_digests

    done = dataset.known_doc_ids(dataset_dir) | quarantined_digests(custody.quarantine_dir)
    if set(custody.index.intake) - done:
        return True
    if not Path(inbox).is_dir():
        return False
    intake.check_inbox(Path(inbox))
    for found in intake.walk_inbox(Path(inbox)):
        if found.kind != "file":
            return True
        try:
            hit = stat.digest(found.path, found.rel) if stat is not None else None
            if (hit[0] if hit else b3_file(found.path)) not in custody.index.intake:
                return True
        except OSError:
            return True  # let the flow report it
    return False


def intake_only(
    settings: Settings, inbox: Path | None = None, *, keep_inbox: bool = False
) -> IngestSummary | None:
    """Record an inbox of already-known items without starting Prefect, or None if there is work.

    A rerun over an unchanged inbox then costs hashing and `seen_again` events, not the Prefect
    start-up (seconds). Anything new falls through to the flow.
    """
    import time

    from sestry.ingestion import intake, outcomes

    started = time.monotonic()
    with ingest_lock(settings):
        custody, repaired = open_custody(settings)
        where = Path(inbox) if inbox else settings.inbox
        stat = InboxStat.of(settings.data_dir, where)
        if has_work(custody, where, settings.dataset_dir, stat):
            return None
        report = intake.receive_inbox(custody, where, keep_inbox=keep_inbox, stat=stat)
        plan = outcomes.plan(custody, settings.dataset_dir)
    if plan.work:  # something arrived meanwhile: the flow picks it up as pending
        return None
    summary = outcomes.summarize(report, plan, [], low_confidence=settings.low_confidence, names={})
    summary.ledger_repaired = repaired
    summary.ledger_head = custody.ledger.head()
    from sestry.custody.checkpoints import write_checkpoint

    write_checkpoint(settings)  # the head, signed: a later rewrite or cut fails verify
    summary.seconds = time.monotonic() - started
    return summary
