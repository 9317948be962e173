"""Release benchmark: redaction + handoff time for a synthetic internal dataset, and sizes.

Rerun: `.venv/bin/python -m bench.release.run [--docs 500] [--cli]` from the repo root; writes
bench/results/release.md. The dataset is generated with `schemas.dataset.write_document` (one
transcript per document, five entities each, a few documents without consent). Steps are run in
this process, one after the other, so their times are comparable within one run; `--cli` also
times `sestry handoff` end to end as a subprocess (Prefect start-up included).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import platform
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TypeVar

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sestry.core.settings import Settings  # noqa: E402
from sestry.custody.keys import init_layout  # noqa: E402
from sestry.custody.release_verify import verify_release  # noqa: E402
from sestry.release.handoff_job import build_release  # noqa: E402
from sestry.release.redact_job import redact_dataset  # noqa: E402
from sestry.release.suites import validate_redaction  # noqa: E402
from sestry.schemas.dataset import read_table  # noqa: E402
from tests.release_support import make_dataset  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
T = TypeVar("T")


def timed(fn: Callable[[], T]) -> tuple[T, float]:
    """Return fn() and its wall time in seconds."""
    start = time.perf_counter()
    value = fn()
    return value, time.perf_counter() - start


def folder_bytes(folder: Path) -> tuple[int, int]:
    """Total bytes and number of files under `folder`."""
    files = [p for p in folder.rglob("*") if p.is_file()]
    return sum(p.stat().st_size for p in files), len(files)


def by_kind(release: Path) -> dict[str, int]:
    """Bytes of a release per kind of file."""
    kinds: dict[str, int] = {}
    for path in release.rglob("*"):
        if path.is_file():
            rel = path.relative_to(release)
            if path.suffix == ".parquet":
                kind = "Parquet tables"
            elif path.name == "report.html":
                kind = "report.html"
            elif rel.parts[0] == "data":
                kind = "validation.json + redaction.json"
            else:
                kind = "manifest, signature, key, checksums, BagIt tags"
            kinds[kind] = kinds.get(kind, 0) + path.stat().st_size
    return kinds


def without_residual() -> contextlib.AbstractContextManager[None]:
    """Patch the residual pass out of redaction and validation (for the comparison only)."""

    @contextlib.contextmanager
    def patched() -> Iterator[None]:
        from sestry.release import checks, redact_job

        saved = (redact_job.residual_fixes, checks._residual_columns, checks._page_residuals)
        redact_job.residual_fixes = lambda originals, *_a: [[] for _ in originals]
        checks._residual_columns = lambda *_a: None
        checks._page_residuals = _no_page_residuals
        try:
            yield
        finally:
            redact_job.residual_fixes, checks._residual_columns, checks._page_residuals = saved

    return patched()


def _no_page_residuals(rows: list[dict[str, object]], _ctx: object) -> None:
    for row in rows:
        row.pop("_text", None)
        row.update(_residual_entities=0, _residual_entities_at="")


def residual_ratio(settings: Settings, profile: str, rounds: int = 2) -> tuple[float, float, float]:
    """Redaction time without and with the residual pass (alternating, best of `rounds`), and
    the first run with it (cold: it loads the entity pipeline)."""
    without: list[float] = []
    with_: list[float] = []
    for _ in range(rounds):
        with without_residual():
            _, seconds = timed(lambda: redact_dataset(settings, profile))
        without.append(seconds)
        result, seconds = timed(lambda: redact_dataset(settings, profile))
        if not result.passed:
            raise SystemExit(f"synthetic redaction failed validation: {result.failed_checks}")
        with_.append(seconds)
    return min(without), min(with_), with_[0]


def run_cli(settings: Settings, profile: str, tmp: Path) -> float:
    """Time `sestry handoff` as a subprocess with a fresh PREFECT_HOME."""
    env = dict(os.environ, PREFECT_HOME=str(tmp / "prefect-home"))
    exe = Path(sys.executable).with_name("sestry")
    cmd = [str(exe), "handoff", "--profile", profile, "--data", str(settings.data_dir)]
    cmd += ["--out", str(tmp / "cli-release")]
    done, seconds = timed(
        lambda: subprocess.run(cmd, check=False, env=env, capture_output=True, text=True)
    )
    if done.returncode != 0:
        raise SystemExit(f"sestry handoff failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return seconds


def main() -> None:
    """Generate, redact, hand off, verify; write the results file."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=500)
    parser.add_argument("--unconsented", type=int, default=25)
    parser.add_argument("--profile", default="prosecution")
    parser.add_argument("--cli", action="store_true", help="also time `sestry handoff` (Prefect)")
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "release.md")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="sestry-bench-release-") as tmp:
        settings = Settings.load(Path(tmp) / "data")
        init_layout(settings)
        _, t_gen = timed(
            lambda: make_dataset(
                settings.data_dir, args.docs, unconsented=args.unconsented, filler_words=180
            )
        )
        internal, internal_files = folder_bytes(settings.dataset_dir)
        texts = read_table(settings.dataset_dir, "documents").column("text").to_pylist()
        text_bytes = sum(len(t.encode("utf-8")) for t in texts)
        t_without, t_with, t_cold = residual_ratio(settings, args.profile)
        result, t_redact = timed(lambda: redact_dataset(settings, args.profile))
        if not result.passed:
            raise SystemExit(f"synthetic redaction failed validation: {result.failed_checks}")
        _, t_validate = timed(lambda: validate_redaction(Path(result.path), settings))
        outcome, t_handoff = timed(lambda: build_release(settings, args.profile))
        release = Path(outcome.release_dir)
        report, t_verify = timed(lambda: verify_release(release))
        if not report.ok:
            raise SystemExit(f"release does not verify: {report.problems}")
        b3 = ["b3sum", "--check", "--quiet", "B3SUMS"]
        _, t_b3 = timed(lambda: subprocess.run(b3, cwd=release, check=True))
        released, released_files = folder_bytes(release)
        kinds = by_kind(release)
        t_cli = run_cli(settings, args.profile, Path(tmp)) if args.cli else None

    rows = [
        ("generate dataset (write_document)", t_gen),
        ("redact_dataset (redaction + its GE validation)", t_redact),
        ("&nbsp;&nbsp;of which validate_redaction alone (timed separately)", t_validate),
        ("handoff: build_release (copy, re-validate, report, sign, BagIt)", t_handoff),
        ("verify_release (partner side, all checks)", t_verify),
        ("b3sum --check B3SUMS", t_b3),
    ]
    if t_cli is not None:
        rows.append(("`sestry handoff` subprocess, fresh PREFECT_HOME", t_cli))
    cli_flag = " --cli" if args.cli else ""
    lines = [
        "# Release benchmark",
        "",
        (
            f"Command: `.venv/bin/python -m bench.release.run --docs {args.docs} "
            f"--unconsented {args.unconsented}{cli_flag}`"
        ),
        "",
        (
            f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC on {platform.platform()}, "
            f"Python {platform.python_version()}, {os.cpu_count()} cores **shared with other "
            "engineers' work while it ran**: absolute seconds are noisy; compare steps in one run."
        ),
        "",
        (
            f"Dataset: {args.docs} consented + {args.unconsented} unconsented synthetic "
            f"transcripts (uk/ru/en, ~200 words, 5 entities each), profile `{args.profile}`, "
            "no page images."
        ),
        "",
        "| step | seconds | per document (ms) |",
        "| --- | ---: | ---: |",
        *(f"| {name} | {sec:.2f} | {1000 * sec / args.docs:.1f} |" for name, sec in rows),
        "",
        "Residual pass (issue 9: the entity pipeline over every released text and re-OCRed page,",
        "plus the neighbourhood check; once in redaction to hide what it finds, once in",
        "validation to prove nothing is left), same dataset, same process, alternating runs,",
        "best of two each:",
        "",
        "| redact_dataset | seconds | ratio |",
        "| --- | ---: | ---: |",
        f"| without the residual pass (patched out) | {t_without:.2f} | 1.00 |",
        f"| with the residual pass | {t_with:.2f} | {t_with / t_without:.2f} |",
        f"| with, first run (loads the pipeline) | {t_cold:.2f} | {t_cold / t_without:.2f} |",
        "",
        "| size | bytes | files |",
        "| --- | ---: | ---: |",
        f"| internal dataset (`dataset/`, all tables) | {internal} | {internal_files} |",
        f"| testimony text in the internal dataset (UTF-8) | {text_bytes} | |",
        f"| release folder | {released} | {released_files} |",
        f"| release / internal dataset | {released / internal:.3f} | |",
        "",
        "| release part | bytes |",
        "| --- | ---: |",
        *(f"| {kind} | {n} |" for kind, n in sorted(kinds.items())),
        "",
        "Reading: the handoff is dominated by re-validating the copied files (the full GE suite,",
        "the same work as `validate_redaction`) plus reading the per-document internal dataset",
        "to check the redaction is still current; hashing, signing and BagIt are milliseconds.",
        "The subprocess figure adds Python/GE/Prefect imports and a temporary Prefect server",
        "started on a fresh PREFECT_HOME (DESIGN: 6-16 s on this machine). The internal dataset",
        "is one small zstd Parquet file per document per table (fixed overhead per file), so the",
        "release (three tables, one file each) is much smaller than it; compare with the text.",
        "",
    ]
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text("\n".join(lines), encoding="utf-8")
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
