"""cProfile of `redact_dataset` and `build_release` on a synthetic dataset (issue 14 item 2).

Rerun: `.venv/bin/python -m bench.release_stream.profile --docs 500` from the repo root. Prints
the top functions by cumulative time of each step, plus wall seconds; writes nothing.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import pstats
import tempfile
import time
from pathlib import Path

from sestry.core.settings import Settings
from sestry.custody.keys import init_layout
from sestry.release.handoff_job import build_release
from sestry.release.redact_job import redact_dataset
from tests.release_support import make_dataset


def _profiled(label: str, fn, top: int) -> object:  # type: ignore[no-untyped-def]
    """Run fn under cProfile; print its wall time and the top entries by cumulative time."""
    prof = cProfile.Profile()
    start = time.perf_counter()
    value = prof.runcall(fn)
    wall = time.perf_counter() - start
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(top)
    print(f"== {label}: {wall:.2f} s wall")
    print(out.getvalue())
    return value


def main() -> None:
    """Generate a dataset, then profile redaction and handoff on it."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--unconsented", type=int, default=25)
    parser.add_argument("--top", type=int, default=60)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="sestry-bench-stream-") as tmp:
        settings = Settings.load(Path(tmp) / "data")
        init_layout(settings)
        make_dataset(settings.data_dir, args.docs, unconsented=args.unconsented, filler_words=180)
        result = _profiled("redact", lambda: redact_dataset(settings, "prosecution"), args.top)
        assert getattr(result, "passed", False)
        _profiled("handoff", lambda: build_release(settings, "prosecution"), args.top)


if __name__ == "__main__":
    main()
