"""Open the custody writers for one ingest run (coordinator only) and say what was repaired.

Kept apart from the flow so the flow stays straight-line wiring and this is testable without
Prefect.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from custody import keys, quarantine
from custody.ledger import Ledger
from custody.vault import Vault
from pipeline.index import LedgerIndex
from pipeline.intake import Custody
from schemas import dataset
from sestry.settings import Settings

log = logging.getLogger(__name__)


def sniff_stored(path: Path, source_name: str) -> Any:
    """Sniff the stored object's bytes; compare (never trust) the original name's extension."""
    from extractors import sniff

    media_type = sniff.sniff_type(path)
    return sniff.Sniffed(
        media_type, sniff.kind_of(media_type), sniff.extension_mismatch(source_name, media_type)
    )


def open_custody(settings: Settings) -> tuple[Custody, bool]:
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
    custody = Custody(
        vault=Vault(settings.vault_dir),
        ledger=ledger,
        quarantine_dir=settings.quarantine_dir,
        index=LedgerIndex.from_events(ledger.events()),
        sniff=sniff_stored,
        write_reason=quarantine.write_reason,
    )
    return custody, repaired
