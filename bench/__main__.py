"""Run every benchmark in turn: `python -m bench` (each writes its own bench/results/*.md).

The Presidio comparison needs the bench extra (`pip install --no-deps '.[bench]'`) and is
skipped with a message when Presidio is not installed.
"""

from __future__ import annotations

import importlib.util
import subprocess
import sys

BENCHMARKS: tuple[tuple[str, ...], ...] = (
    ("bench.hashing.run",),
    ("bench.ocr.cer",),
    ("bench.ocr.speed",),
    ("bench.entities.eval_report",),
    ("bench.entities.throughput",),
    ("bench.entities.presidio",),
    ("bench.ingest.run",),
    ("bench.redaction.run",),
    ("bench.release.run",),
    ("bench.release_stream.run",),
    ("bench.ocr_language.cer",),
    ("bench.review.latency",),
    ("bench.scale", "--docs", "1000"),
)


def main() -> int:
    """Run each benchmark module as its own process; return non-zero if any failed."""
    failed = []
    for module, *args in BENCHMARKS:
        if (
            module == "bench.entities.presidio"
            and importlib.util.find_spec("presidio_analyzer") is None
        ):
            sys.stderr.write("skipping bench.entities.presidio: pip install --no-deps '.[bench]'\n")
            continue
        sys.stderr.write(f"== {module}\n")
        if subprocess.run([sys.executable, "-m", module, *args], check=False).returncode != 0:
            failed.append(module)
    if failed:
        sys.stderr.write(f"failed: {', '.join(failed)}\n")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
