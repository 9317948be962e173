"""What validating once per bytes saves: redaction and handoff timed in one process (issue 14).

Rerun: `.venv/bin/python -m bench.release_stream.run --docs 500` from the repo root. Prints a
Markdown table (and writes nothing): on one synthetic dataset (`tests.release_support`), the
redaction (which now validates with its own reads), the read of the validation context it no
longer repeats, `build_release` of the unchanged redaction (its tables and pages keep their
recorded results) against `build_release` forced to validate everything again (the behaviour
before, less its second context read), alternating, best of `--rounds`; and
`find_entities_batch` over the same texts (bench.scale's timing) for the per-character ratio.
Great Expectations and the entity pipeline are imported before any timing. The generated
dataset is compacted into batches first, as ingest leaves it (`--legacy`: one file per document).
"""

from __future__ import annotations

import argparse
import os
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

from sestry.core.settings import Settings
from sestry.custody.keys import init_layout
from sestry.custody.ledger import Ledger
from sestry.ingestion.compaction import compact_dataset
from sestry.release import handoff_job
from sestry.release.checks import load_context
from sestry.release.handoff_job import build_release
from sestry.release.layout import REDACT_ACTION
from sestry.release.redact_job import redact_dataset
from tests.release_support import make_dataset

T = TypeVar("T")


def timed(fn: Callable[[], T]) -> tuple[T, tuple[float, float]]:
    """fn() and its (wall, CPU of this process) seconds; CPU bends least on a shared machine."""
    start, cpu = time.perf_counter(), time.process_time()
    value = fn()
    return value, (time.perf_counter() - start, time.process_time() - cpu)


def extraction(dataset_dir: Path) -> tuple[tuple[float, float], int]:
    """find_entities_batch over the released documents' texts, cold morphology caches, pipelines
    built outside the timing (as bench.scale times it); (wall, CPU) and characters."""
    from sestry.extractors.entities import morph, pipeline
    from sestry.schemas.dataset import read_table

    docs = read_table(dataset_dir, "documents").select(["text", "language"]).to_pylist()
    texts = [d["text"] for d in docs]
    langs = [d["language"] if d["language"] in ("uk", "ru", "en") else None for d in docs]
    for name in dir(morph):
        fn = getattr(morph, name)
        if hasattr(fn, "cache_clear"):
            fn.cache_clear()
    for text, lang in (("прогрів", "uk"), ("warm up", "en"), ("прогрев", "ru")):
        pipeline.find_entities(text, lang)
    _, seconds = timed(lambda: pipeline.find_entities_batch(texts, langs))
    return seconds, sum(len(t) for t in texts)


def handoff(settings: Settings, *, reuse: bool) -> tuple[float, float]:
    """(wall, CPU) seconds of one build_release; reuse=False hides the redaction's record."""
    real = handoff_job._prior
    if not reuse:
        handoff_job._prior = lambda _source: None  # type: ignore[assignment]
    try:
        outcome, seconds = timed(lambda: build_release(settings, "prosecution"))
    finally:
        handoff_job._prior = real  # type: ignore[assignment]
    import json

    validation = json.loads((Path(outcome.release_dir) / "data" / "validation.json").read_bytes())
    expected = ["tables", "pages"] if reuse else []
    if validation["reused_from_redaction"] != expected:
        raise SystemExit(f"unexpected reuse: {validation['reused_from_redaction']}")
    return seconds


def main() -> None:
    """Generate, redact, hand off both ways; print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--unconsented", type=int, default=25)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--legacy", action="store_true", help="keep one Parquet file per document (no compact)"
    )
    args = parser.parse_args()
    import great_expectations  # noqa: F401 - import cost outside the timings

    with tempfile.TemporaryDirectory(prefix="sestry-bench-stream-") as tmp:
        settings = Settings.load(Path(tmp) / "data")
        init_layout(settings)
        make_dataset(settings.data_dir, args.docs, unconsented=args.unconsented, filler_words=180)
        if not args.legacy:  # batches, as ingest writes them (`sestry compact` folds the rest)
            compact_dataset(settings)
        extract, chars = extraction(settings.dataset_dir)
        result, t_redact = timed(lambda: redact_dataset(settings, "prosecution"))
        if not result.passed:
            raise SystemExit(f"redaction failed validation: {result.failed_checks}")
        # the `redact` event the redact flow appends: handoff trusts only what it lists
        Ledger(settings.ledger_path).append(
            REDACT_ACTION, outputs=sorted(set(result.outputs.values()))
        )
        _, t_context = timed(lambda: load_context(Path(result.path), settings))
        full_runs: list[tuple[float, float]] = []
        reuse_runs: list[tuple[float, float]] = []
        for _ in range(args.rounds):
            full_runs.append(handoff(settings, reuse=False))
            reuse_runs.append(handoff(settings, reuse=True))
    n = args.docs
    full, reuse = min(full_runs, key=_cpu), min(reuse_runs, key=_cpu)
    rows = [
        ("redact_dataset (redaction + GE validation, one context read)", t_redact),
        ("validation context read (dataset, review gate, terms): no longer repeated", t_context),
        ("build_release, everything validated again (before)", full),
        ("build_release, unchanged redaction reused by BLAKE3 (now)", reuse),
        ("find_entities_batch over the same texts", extract),
    ]
    print(f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {os.cpu_count()} cores, load {_load()}")
    layout = "one file per document" if args.legacy else "batches (compacted)"
    print(
        f"{n} consented + {args.unconsented} unconsented documents, {chars} characters, {layout}\n"
    )
    print("| step | wall s | CPU s | CPU per document (ms) | CPU vs extraction |")
    print("| --- | ---: | ---: | ---: | ---: |")
    for name, (wall, cpu) in rows:
        print(
            f"| {name} | {wall:.2f} | {cpu:.2f} | {1000 * cpu / n:.1f} | {cpu / extract[1]:.2f}x |"
        )
    for i, label in ((1, "CPU"), (0, "wall")):
        now = (t_redact[i] + reuse[i]) / extract[i]
        before = (t_redact[i] + 2 * t_context[i] + full[i]) / extract[i]
        print(
            f"\n(redact + handoff) / extract, {label}: {now:.2f}x now, "
            f"{before:.2f}x with the repeats"
        )


def _cpu(seconds: tuple[float, float]) -> float:
    return seconds[1]


def _load() -> str:
    return " ".join(f"{v:.1f}" for v in os.getloadavg())


if __name__ == "__main__":
    main()
