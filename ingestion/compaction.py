"""`sestry compact`: fold the dataset's batches under the ingest lock, recorded in the ledger.

Why here: compaction must not run beside an ingest (both write the dataset), and a forensic
audit should see when the internal dataset was rewritten: a `compact` event whose subject is the
BLAKE3 of the new base commit record (counts only in its parameters).
"""

from __future__ import annotations

from sestry.core.digest import b3_file
from sestry.core.settings import Settings
from sestry.custody.checkpoints import write_checkpoint
from sestry.ingestion import coordinator
from sestry.schemas.dataset_compact import CompactReport, compact

COMPACT = "compact"


def compact_dataset(settings: Settings) -> CompactReport:
    """Compact DATA/dataset (ConfigError when not initialised, exit 2 if an ingest runs)."""
    with coordinator.ingest_lock(settings):
        custody, _ = coordinator.open_custody(settings)  # repairs a torn ledger, sweeps temps
        report = compact(settings.dataset_dir)
        if report.record is not None:
            custody.append(
                COMPACT,
                subject=b3_file(report.record),
                params={
                    "documents": report.documents,
                    "batches_before": report.batches_before,
                    "legacy_before": report.legacy_before,
                    "files_removed": report.files_removed,
                },
            )
            write_checkpoint(settings)
    return report
