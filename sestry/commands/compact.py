"""`sestry compact`: merge the dataset's small batches (and pre-0.3 per-document files) into one."""

from __future__ import annotations

from sestry.commands.inspect_render import console
from sestry.core.i18n import _
from sestry.core.settings import Settings
from sestry.ingestion.compaction import compact_dataset


def run(settings: Settings) -> int:
    """Compact the internal dataset; 0 when done or nothing to do."""
    report = compact_dataset(settings)
    out = console()
    if not report.compacted:
        out.print(
            _(
                "nothing to compact: documents in one batch: {documents}"
                " (replaced files removed: {removed})"
            ).format(documents=report.documents, removed=report.files_removed),
            markup=False,
        )
        return 0
    out.print(
        _(
            "compacted into one batch: documents: {documents}; batches before: {batches};"
            " per-document file sets before: {legacy}; files removed: {removed}"
        ).format(
            documents=report.documents,
            batches=report.batches_before,
            legacy=report.legacy_before,
            removed=report.files_removed,
        ),
        markup=False,
    )
    return 0
