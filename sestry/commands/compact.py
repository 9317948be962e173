"""`sestry compact`: merge the dataset's small batches (and pre-0.3 per-document files) into one."""

from __future__ import annotations

from sestry.commands.inspect_render import console
from sestry.core.settings import Settings
from sestry.ingestion.compaction import compact_dataset


def run(settings: Settings) -> int:
    """Compact the internal dataset; 0 when done or nothing to do."""
    report = compact_dataset(settings)
    out = console()
    if not report.compacted:
        out.print(
            f"nothing to compact: {report.documents} document(s) in one batch"
            f" ({report.files_removed} replaced file(s) removed)",
            markup=False,
        )
        return 0
    out.print(
        f"compacted {report.documents} document(s): {report.batches_before} batch(es) and"
        f" {report.legacy_before} per-document file set(s) into one batch;"
        f" {report.files_removed} file(s) removed",
        markup=False,
    )
    return 0
