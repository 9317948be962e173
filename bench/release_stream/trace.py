"""What `redact_dataset` holds at its peak: tracemalloc snapshots (issue 14 item 2).

Rerun: `.venv/bin/python -m bench.release_stream.trace --docs 1000` from the repo root. Builds a
compacted synthetic dataset, redacts it for `research` under tracemalloc and prints the largest
allocation sites (file:line, MB) alive when validation starts and after its first batch of
frames is built, plus the traced peak. Python allocations only (Arrow buffers are not traced).
Writes nothing.
"""

from __future__ import annotations

import argparse
import tempfile
import tracemalloc
from pathlib import Path
from typing import Any

from sestry.core.settings import Settings
from sestry.custody.keys import init_layout
from sestry.ingestion.compaction import compact_dataset
from sestry.release import suites
from sestry.release.redact_job import redact_dataset
from tests.release_support import make_dataset


def _top(label: str, top: int) -> None:
    snapshot = tracemalloc.take_snapshot().filter_traces(
        [tracemalloc.Filter(False, tracemalloc.__file__)]
    )
    stats = snapshot.statistics("lineno")
    total = sum(s.size for s in stats) / 2**20
    print(f"== {label}: {total:.0f} MB traced")
    for stat in stats[:top]:
        frame = stat.traceback[0]
        print(f"{stat.size / 2**20:8.1f} MB  {stat.count:9d}  {frame.filename}:{frame.lineno}")


def main() -> None:
    """Build, then redact under tracemalloc with snapshots around validation."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--top", type=int, default=25)
    args = parser.parse_args()
    real_validate, real_frames = suites.validate_redaction, suites.batch_frames

    def validate(*a: Any, **k: Any) -> Any:
        _top("validation starts (redaction state alive)", args.top)
        return real_validate(*a, **k)

    calls = []

    def frames(*a: Any, **k: Any) -> Any:
        value = real_frames(*a, **k)
        if not calls:
            _top("first batch of validation frames built", args.top)
        calls.append(1)
        return value

    suites.validate_redaction, suites.batch_frames = validate, frames  # type: ignore[assignment]
    with tempfile.TemporaryDirectory(prefix="sestry-bench-trace-") as tmp:
        settings = Settings.load(Path(tmp) / "data")
        init_layout(settings)
        make_dataset(settings.data_dir, args.docs, unconsented=args.docs // 20, filler_words=180)
        compact_dataset(settings)
        tracemalloc.start()
        result = redact_dataset(settings, "research")
        _current, peak = tracemalloc.get_traced_memory()
    print(f"traced peak {peak / 2**20:.0f} MB, passed {result.passed}")


if __name__ == "__main__":
    main()
