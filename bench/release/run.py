"""Release benchmark: redaction + handoff time for a synthetic internal dataset, and sizes.

Rerun: `.venv/bin/python -m bench.release.run [--docs 500] [--cli]` from the repo root; writes
bench/results/release.md. The dataset is built as ingest builds one (bench/release/dataset.py:
one synthetic transcript per document, its entities rows what the entity pipeline finds in it,
the pipeline's version recorded; a few documents without consent), written with
`schemas.dataset.write_document`. Steps are run in
this process, one after the other, so their times are comparable within one run; `--cli` also
times `sestry handoff` end to end as a subprocess (Prefect start-up included).
"""

from __future__ import annotations

import argparse
import contextlib
import json
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

from bench.release.dataset import make_ingested_dataset  # noqa: E402
from sestry.core.settings import Settings  # noqa: E402
from sestry.custody.keys import init_layout  # noqa: E402
from sestry.custody.release_verify import verify_release  # noqa: E402
from sestry.release import residual  # noqa: E402
from sestry.release.handoff_job import build_release  # noqa: E402
from sestry.release.redact_job import redact_dataset  # noqa: E402
from sestry.release.suites import validate_redaction  # noqa: E402
from sestry.schemas.dataset import read_table  # noqa: E402

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


def cpu_timed(fn: Callable[[], T]) -> tuple[T, float]:
    """Return fn() and the CPU seconds this process spent on it (all threads): less sensitive
    than wall time to the other engineers' work on the shared cores."""
    start = time.process_time()
    value = fn()
    return value, time.process_time() - start


@contextlib.contextmanager
def residual_stopwatch(spent: list[float]) -> Iterator[None]:
    """Add the CPU seconds spent inside the residual pass (fix pass + validation) to `spent`."""
    from sestry.release import checks, redact_job

    saved = (redact_job.residual_fixes, checks._residual_columns, checks._page_residuals)

    def watch(fn: Callable[..., T]) -> Callable[..., T]:
        def inner(*args: object) -> T:
            value, seconds = cpu_timed(lambda: fn(*args))
            spent.append(seconds)
            return value

        return inner

    redact_job.residual_fixes = watch(saved[0])
    checks._residual_columns = watch(saved[1])
    checks._page_residuals = watch(saved[2])
    try:
        yield
    finally:
        redact_job.residual_fixes, checks._residual_columns, checks._page_residuals = saved


@contextlib.contextmanager
def no_reuse() -> Iterator[None]:
    """Make every document's recorded pipeline version another one than the running pipeline's:
    the pass reads every text whole (the fail-closed path of a document ingested with another
    pipeline, or before versions were recorded)."""
    saved = residual._running_version
    residual._running_version = lambda: "another-pipeline"
    try:
        yield
    finally:
        residual._running_version = saved


def residual_ratio(settings: Settings, profile: str, rounds: int = 2) -> dict[str, float]:
    """CPU seconds of redact_dataset without the residual pass, with it, and with it but no
    reuse (alternating, best of `rounds`), the first run with it (it loads the entity
    pipeline), and the CPU seconds spent inside the pass in the best run with it."""
    without: list[float] = []
    with_: list[tuple[float, float]] = []
    closed: list[tuple[float, float]] = []
    for _ in range(rounds):
        with without_residual():
            _, seconds = cpu_timed(lambda: redact_dataset(settings, profile))
        without.append(seconds)
        for runs, reuse in ((with_, contextlib.nullcontext()), (closed, no_reuse())):
            residual._CACHE.clear()  # a fresh redaction: nothing remembered from the last run
            spent: list[float] = []
            with residual_stopwatch(spent), reuse:
                result, seconds = cpu_timed(lambda: redact_dataset(settings, profile))
            if not result.passed:
                raise SystemExit(f"synthetic redaction failed validation: {result.failed_checks}")
            runs.append((seconds, sum(spent)))
    best, worst = min(with_), min(closed)
    return {
        "without": min(without),
        "with": best[0],
        "first": with_[0][0],
        "inside": best[1],
        "closed": worst[0],
        "closed_inside": worst[1],
    }


def pipeline_costs(redaction_dir: Path, settings: Settings) -> dict[str, float]:
    """CPU seconds of the entity pipeline over the released texts (replacements blanked, as the
    residual pass reads them): the rules only, the rules with the model in the windows around
    the replacements, the whole pipeline over the whole text, and the whole pipeline in the
    text windows with the ingest answers reused (text_windows.py: what a document ingested by
    the running pipeline gets). Best of two each, one BLAS thread as in the pass."""
    import pyarrow.parquet as pq

    from sestry.extractors.entities.pipeline import find_entities_batch
    from sestry.redaction.profiles import load_profile
    from sestry.redaction.text import entity_spans
    from sestry.release.model_windows import windows
    from sestry.release.text_windows import plan_windows

    docs = pq.read_table(redaction_dir / "documents.parquet").to_pylist()
    ents = pq.read_table(redaction_dir / "entities.parquet").to_pylist()
    ids = [d["doc_id"] for d in docs]
    internal = {
        d["doc_id"]: d for d in read_table(settings.dataset_dir, "documents", ids).to_pylist()
    }
    found: dict[str, list[dict[str, object]]] = {}
    for row in read_table(settings.dataset_dir, "entities", ids).to_pylist():
        found.setdefault(str(row["doc_id"]), []).append(row)
    replaced: dict[str, list[tuple[int, int]]] = {}
    for row in ents:
        if row["operator"] != "keep":
            replaced.setdefault(row["doc_id"], []).append((row["start"], row["end"]))
    ranges = [replaced.get(d, []) for d in ids]
    texts = [residual.blank(d["text"], r) for d, r in zip(docs, ranges, strict=True)]
    langs = [d["language"] for d in docs]
    originals = [internal[d]["text"] for d in ids]
    versions = [internal[d].get("entities_version") for d in ids]
    spans = [entity_spans(found.get(d, [])) for d in ids]
    profile = load_profile(json.loads((redaction_dir / "redaction.json").read_text())["profile"])
    wins = [windows(t, r) for t, r in zip(texts, ranges, strict=True)]
    variants: dict[str, Callable[[], object]] = {
        "rules": lambda: find_entities_batch(texts, langs, [[] for _ in docs]),
        "windows": lambda: find_entities_batch(texts, langs, wins),
        "whole": lambda: find_entities_batch(texts, langs, [None for _ in docs]),
        "text_windows": lambda: residual._analyse(
            texts, langs, ranges, originals, spans, versions, profile
        ),
    }
    out: dict[str, float] = {}
    with residual._one_blas_thread():
        for name, fn in variants.items():
            runs = []
            for _ in range(2):
                residual._CACHE.clear()
                runs.append(cpu_timed(fn)[1])
            out[name] = min(runs)
    plans = [
        plan_windows(o, t, r, s, lang, v, residual._running_version())
        for o, t, r, s, lang, v in zip(
            originals, texts, ranges, spans, langs, versions, strict=True
        )
    ]
    read = sum(
        len(t) if p is None else sum(b - a for a, b in p.read)
        for t, p in zip(texts, plans, strict=True)
    )
    out["read_share"] = read / max(1, sum(len(t) for t in texts))
    out["windowed_docs"] = sum(p is not None for p in plans) / max(1, len(plans))
    return out


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
            lambda: make_ingested_dataset(
                settings.data_dir, args.docs, unconsented=args.unconsented, filler_words=180
            )
        )
        internal, internal_files = folder_bytes(settings.dataset_dir)
        texts = read_table(settings.dataset_dir, "documents").column("text").to_pylist()
        text_bytes = sum(len(t.encode("utf-8")) for t in texts)
        ratio = residual_ratio(settings, args.profile)
        residual._CACHE.clear()
        result, t_redact = timed(lambda: redact_dataset(settings, args.profile))
        if not result.passed:
            raise SystemExit(f"synthetic redaction failed validation: {result.failed_checks}")
        _, t_validate = timed(lambda: validate_redaction(Path(result.path), settings))
        costs = pipeline_costs(Path(result.path), settings)
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
        ("generate dataset (entity pipeline + write_document)", t_gen),
        ("redact_dataset (redaction + its GE validation)", t_redact),
        ("&nbsp;&nbsp;of which validate_redaction alone (timed separately)", t_validate),
        ("handoff: build_release (copy, re-validate, report, sign, BagIt)", t_handoff),
        ("verify_release (partner side, all checks)", t_verify),
        ("b3sum --check B3SUMS", t_b3),
    ]
    if t_cli is not None:
        rows.append(("`sestry handoff` subprocess, fresh PREFECT_HOME", t_cli))
    cli_flag = " --cli" if args.cli else ""
    with_vs = ratio["with"] / ratio["without"]
    first_vs = ratio["first"] / ratio["without"]
    share = ratio["inside"] / max(ratio["with"] - ratio["inside"], 1e-9)
    closed_vs = ratio["closed"] / ratio["without"]
    closed_share = ratio["closed_inside"] / max(ratio["closed"] - ratio["closed_inside"], 1e-9)
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
            f"transcripts (uk/ru/en, ~200 words), profile `{args.profile}`, no page images; "
            "entities rows as ingest writes them (what the entity pipeline finds in each text, "
            "its version recorded per document: bench/release/dataset.py)."
        ),
        "",
        "| step | seconds | per document (ms) |",
        "| --- | ---: | ---: |",
        *(f"| {name} | {sec:.2f} | {1000 * sec / args.docs:.1f} |" for name, sec in rows),
        "",
        "Residual pass (issue 9: the entity pipeline over every released text and re-OCRed page,",
        "plus the neighbourhood check; once in redaction to hide what it finds, once in",
        "validation to prove nothing is left, where an unchanged text's answer is reused).",
        "CPU seconds of this process (all threads), same dataset, alternating runs, best of two;",
        "the pass's memory is cleared before each run. `inside` is the CPU time spent in the",
        "pass during the best run with it, so its share needs no second run to compare with.",
        "`no reuse` makes every document's recorded pipeline version another one (the",
        "fail-closed path: ingested by another pipeline, or before versions were recorded), so",
        "the pass reads every text whole.",
        "",
        "| redact_dataset (CPU s) | seconds | vs without |",
        "| --- | ---: | ---: |",
        f"| without the residual pass (patched out) | {ratio['without']:.2f} | 1.00 |",
        f"| with the residual pass | {ratio['with']:.2f} | {with_vs:.2f} |",
        f"| with, first run (loads the pipeline) | {ratio['first']:.2f} | {first_vs:.2f} |",
        f"| of which inside the residual pass | {ratio['inside']:.2f} | {share:.2f} of the rest |",
        f"| with the residual pass, no reuse | {ratio['closed']:.2f} | {closed_vs:.2f} |",
        (
            f"| of which inside the residual pass | {ratio['closed_inside']:.2f} | "
            f"{closed_share:.2f} of the rest |"
        ),
        "",
        "The entity pipeline alone over the same released texts (CPU s, best of two, one BLAS",
        "thread): the rules, the model in the windows around the replacements, the whole",
        "pipeline over the whole text, and the whole pipeline only in the text windows with the",
        "ingest answers reused elsewhere (release/text_windows.py: what these documents get;",
        (
            f"{costs['windowed_docs']:.0%} of them take that path, its windows read "
            f"{costs['read_share']:.0%} of the text)."
        ),
        "",
        "| pipeline over the released texts | CPU s | vs redaction without the pass |",
        "| --- | ---: | ---: |",
        *(
            f"| {label} | {costs[key]:.2f} | {costs[key] / ratio['without']:.2f} |"
            for key, label in (
                ("rules", "rules, gazetteers, patterns only, whole text"),
                ("windows", "+ model in the windows"),
                ("whole", "+ model over the whole text"),
                ("text_windows", "whole pipeline in the text windows, ingest answers reused"),
            )
        ),
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
