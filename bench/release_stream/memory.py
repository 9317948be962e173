"""Peak memory of `redact_dataset` against the number of documents (issue 14 item 3).

Rerun: `.venv/bin/python -m bench.release_stream.memory --docs 1000` and again with
`--docs 3000` from the repo root (one process per size: ru_maxrss is a high-water mark). Prints
the process's peak RSS after building the dataset and after the redaction (with its validation),
in MB, the redaction's seconds per document and the load average; writes nothing.
`--batch-docs N`: documents per batch (default release.stream.BATCH_DOCS).
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import time
from pathlib import Path

from sestry.core.settings import Settings
from sestry.custody.keys import init_layout
from sestry.ingestion.compaction import compact_dataset
from sestry.release.redact_job import redact_dataset
from sestry.release.stream import BATCH_DOCS
from tests.release_support import make_dataset


def peak_mb() -> float:
    """This process's peak resident set so far (Linux reports KiB)."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> None:
    """Build a compacted synthetic dataset of --docs documents, redact it, print the peaks."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--batch-docs", type=int, default=BATCH_DOCS)
    args = parser.parse_args()
    import great_expectations  # noqa: F401 - loaded in both sizes alike

    from sestry.extractors.entities import pipeline

    for text, lang in (("прогрів", "uk"), ("warm up", "en"), ("прогрев", "ru")):
        pipeline.find_entities(text, lang)  # every pipeline loaded before the first mark
    with tempfile.TemporaryDirectory(prefix="sestry-bench-mem-") as tmp:
        settings = Settings.load(Path(tmp) / "data")
        init_layout(settings)
        make_dataset(settings.data_dir, args.docs, unconsented=args.docs // 20, filler_words=180)
        compact_dataset(settings)
        before = peak_mb()
        start = time.perf_counter()
        result = redact_dataset(settings, "research", batch_docs=args.batch_docs)
        seconds = time.perf_counter() - start
    print(
        f"docs {args.docs}: peak before redaction {before:.0f} MB, after {peak_mb():.0f} MB"
        f" (+{peak_mb() - before:.0f}), redaction {seconds:.1f} s"
        f" ({1000 * seconds / args.docs:.1f} ms per document), batch {args.batch_docs},"
        f" passed {result.passed}, load {' '.join(f'{v:.1f}' for v in os.getloadavg())}"
    )


if __name__ == "__main__":
    main()
