"""Hashing benchmark: sestry's b3_file vs `b3sum`, `sha256sum` and hashlib SHA-256.

Rerun: `.venv/bin/python -m bench.hashing.run` (or `python bench/hashing/run.py`); writes
bench/results/hashing.md. Files are generated in a temp dir, read once to warm the page cache,
and every method is timed in the same rounds (interleaved, best of N), so ratios are side by side.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path

import blake3

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from sestry.core import digest  # noqa: E402
from sestry.core.digest import b3_file, hash_file, sha256_file  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
MIB = 1024 * 1024


def make_large(folder: Path, mib: int) -> Path:
    """One file of `mib` MiB of random bytes."""
    path = folder / "large.bin"
    block = os.urandom(MIB)
    with open(path, "wb") as handle:
        for i in range(mib):
            handle.write(block[i % 251 :] + block[: i % 251])  # cheap, not repeating per MiB
    return path


def make_small(folder: Path, count: int, seed: int = 7) -> list[Path]:
    """`count` files of 10-200 KB of random bytes (sizes reproducible from `seed`)."""
    rng = random.Random(seed)
    pool = os.urandom(200_000 + 4096)
    sub = folder / "small"
    sub.mkdir()
    paths = []
    for i in range(count):
        size = rng.randint(10_000, 200_000)
        start = rng.randint(0, 4096)
        path = sub / f"f{i:05d}.bin"
        path.write_bytes(pool[start : start + size])
        paths.append(path)
    return paths


def warm(paths: list[Path]) -> None:
    """Read every file once so all methods see a warm page cache."""
    for path in paths:
        with open(path, "rb") as handle:
            while handle.read(8 * MIB):
                pass


def run_tool(argv: list[str], cwd: Path | None = None) -> None:
    subprocess.run(argv, check=True, stdout=subprocess.DEVNULL, cwd=cwd)


def best_of(methods: dict[str, Callable[[], object]], rounds: int) -> dict[str, float]:
    """Time each method `rounds` times, interleaved; return the best wall time of each."""
    best = {name: float("inf") for name in methods}
    for _ in range(rounds):
        for name, fn in methods.items():
            start = time.perf_counter()
            fn()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def large_methods(path: Path) -> dict[str, Callable[[], object]]:
    methods: dict[str, Callable[[], object]] = {
        "sestry b3_file (mmap, threads)": lambda: b3_file(path),
        "b3sum": lambda: run_tool(["b3sum", str(path)]),
        "sha256sum": lambda: run_tool(["sha256sum", str(path)]),
        "hashlib sha256 (sha256_file)": lambda: sha256_file(path),
        "sestry hash_file (b3+sha256, one pass)": lambda: hash_file(path),
    }
    return methods


def small_methods(paths: list[Path]) -> dict[str, Callable[[], object]]:
    names = [p.name for p in paths]
    folder = paths[0].parent
    workers = os.cpu_count() or 1

    def sestry_loop() -> None:
        for path in paths:
            b3_file(path)

    def sestry_pool() -> None:
        with ThreadPoolExecutor(max_workers=workers) as pool:
            list(pool.map(b3_file, paths))

    def b3sum_per_file() -> None:
        for name in names:
            run_tool(["b3sum", name], cwd=folder)

    def mmap_threads_loop() -> None:  # what b3_file would cost with no small-file path
        for path in paths:
            hasher = blake3.blake3(max_threads=blake3.blake3.AUTO)
            hasher.update_mmap(path)
            hasher.hexdigest()

    def sha_loop() -> None:
        for path in paths:
            sha256_file(path)

    return {
        "sestry b3_file, loop (1 thread)": sestry_loop,
        f"sestry b3_file, {workers} threads over files": sestry_pool,
        "b3sum, once with all files as args": lambda: run_tool(["b3sum", *names], cwd=folder),
        "b3sum, once per file": b3sum_per_file,
        "sha256sum, once with all files as args": lambda: run_tool(
            ["sha256sum", *names], cwd=folder
        ),
        "hashlib sha256 (sha256_file), loop": sha_loop,
        "update_mmap + AUTO threads per file, loop": mmap_threads_loop,
    }


def threshold_sweep(folder: Path, rounds: int) -> list[tuple[int, float, float]]:
    """Per size: best seconds of the buffered single-thread path and of mmap + threads."""
    rows = []
    for size in (64 * 1024, 256 * 1024, MIB, 2 * MIB, 4 * MIB, 16 * MIB, 64 * MIB):
        path = folder / f"sweep-{size}.bin"
        path.write_bytes(os.urandom(size))
        reps = max(1, (256 * MIB) // size // 4)

        def buffered(p: Path = path, n: int = reps) -> None:
            for _ in range(n):
                h = blake3.blake3()
                digest._read_into(p, (h,))
                h.hexdigest()

        def mapped(p: Path = path, n: int = reps) -> None:
            for _ in range(n):
                h = blake3.blake3(max_threads=blake3.blake3.AUTO)
                h.update_mmap(p)
                h.hexdigest()

        best = best_of({"buffered": buffered, "mmap": mapped}, rounds)
        rows.append((size, best["buffered"] / reps, best["mmap"] / reps))
        path.unlink()
    return rows


def custody_figures(folder: Path, small_paths: list[Path], events: int) -> dict[str, float]:
    """Ledger appends per second (fsync each) and `verify_data_dir` on a populated data dir."""
    from sestry.core.settings import Settings
    from sestry.custody.keys import init_layout
    from sestry.custody.ledger import Ledger
    from sestry.custody.vault import Vault
    from sestry.custody.verify import verify_data_dir

    settings = Settings.load(folder / "data")
    init_layout(settings)
    ledger, vault = Ledger(settings.ledger_path), Vault(settings.vault_dir)
    start = time.perf_counter()
    for i in range(events):
        ledger.append("note", params={"i": i})
    append_s = time.perf_counter() - start
    start = time.perf_counter()
    for path in small_paths:
        stored = vault.put(path)
        ledger.append("intake", subject=stored.digest, params={"size": stored.size})
    put_s = time.perf_counter() - start
    start = time.perf_counter()
    report = verify_data_dir(settings)
    verify_s = time.perf_counter() - start
    assert report.ok, report.problems
    return {
        "append_per_s": events / append_s,
        "put_intake_per_s": len(small_paths) / put_s,
        "verify_s": verify_s,
        "verify_events": report.checked["events"],
        "verify_objects": report.checked["objects"],
    }


def gbps(nbytes: int, seconds: float) -> str:
    return f"{nbytes / seconds / 1e9:.2f}"


def targets(large: dict[str, float], small: dict[str, float]) -> list[str]:
    """The brief's targets, each with the measured ratio and whether it was met."""
    big = large["b3sum"] / large["sestry b3_file (mmap, threads)"]
    loop = small["b3sum, once with all files as args"] / small["sestry b3_file, loop (1 thread)"]
    per_file = small["b3sum, once per file"] / small["sestry b3_file, loop (1 thread)"]
    sha_big = large["sha256sum"] / large["sestry b3_file (mmap, threads)"]
    sha_small = (
        small["sha256sum, once with all files as args"] / small["sestry b3_file, loop (1 thread)"]
    )

    def met(ok: bool) -> str:
        return "met" if ok else "MISSED"

    return [
        f"- large file, b3_file >= 0.9x b3sum: {big:.2f}x ({met(big >= 0.9)})",
        (
            f"- small files, b3_file loop >= 0.7x b3sum given all files at once: {loop:.2f}x "
            f"({met(loop >= 0.7)}); vs b3sum started once per file: {per_file:.1f}x"
        ),
        (
            f"- several times sha256sum: {sha_big:.1f}x on the large file, {sha_small:.1f}x on the "
            f"small files ({met(min(sha_big, sha_small) >= 3)})"
        ),
    ]


def render(
    args: argparse.Namespace, large: dict, small: dict, sweep: list, sizes: dict, custody: dict
) -> str:
    def table(results: dict[str, float], nbytes: int, ref: str) -> list[str]:
        rows = ["| method | best s | GB/s | vs " + ref + " |", "| --- | ---: | ---: | ---: |"]
        for name, sec in results.items():
            ratio = results[ref] / sec
            rows.append(f"| {name} | {sec:.3f} | {gbps(nbytes, sec)} | {ratio:.2f}x |")
        return rows

    b3ref_small = "b3sum, once with all files as args"
    lines = [
        "# Hashing benchmark",
        "",
        (
            f"Run: `{args.command}` on {datetime.now(UTC):%Y-%m-%d %H:%M} UTC; "
            f"{platform.platform()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
            f"blake3-py {blake3.__version__}."
        ),
        "",
        (
            "Page cache warm, best of "
            f"{args.rounds} interleaved rounds. Under foreign load (see the load average) "
            "absolute figures are noisy; the ratios come from methods timed side by side "
            "in the same rounds. Subprocess methods include process start-up (a few ms). "
            f"Load average (1 min) at start / end: {args.load[0]:.1f} / {os.getloadavg()[0]:.1f}."
        ),
        "",
        "## Targets",
        "",
        *targets(large, small),
        "",
        f"## One {sizes['large'] / MIB:.0f} MiB file",
        "",
        *table(large, sizes["large"], "b3sum"),
        "",
        f"## {sizes['count']} files of 10-200 KB ({sizes['small'] / 1e6:.0f} MB in all)",
        "",
        *table(small, sizes["small"], b3ref_small),
        "",
        "## Where mmap + threads starts to pay (per file, single file sizes)",
        "",
        f"Current `MMAP_THRESHOLD` = {digest.MMAP_THRESHOLD // MIB} MiB.",
        "",
        "| size | buffered 1 thread ms | mmap + AUTO threads ms | mmap speed-up |",
        "| ---: | ---: | ---: | ---: |",
    ]
    for size, buf_s, mm_s in sweep:
        label = f"{size // 1024} KiB" if size < MIB else f"{size // MIB} MiB"
        lines.append(f"| {label} | {buf_s * 1e3:.3f} | {mm_s * 1e3:.3f} | {buf_s / mm_s:.2f}x |")
    lines += [
        "",
        "## Custody operations (one run, same files)",
        "",
        (
            f"- `Ledger.append` (lock, tail re-read, one write, fsync): "
            f"{custody['append_per_s']:.0f} events/s."
        ),
        (
            f"- `Vault.put` + `intake` event for the {sizes['count']} small files: "
            f"{custody['put_intake_per_s']:.0f} items/s."
        ),
        (
            f"- `verify_data_dir` ({custody['verify_events']:.0f} events, "
            f"{custody['verify_objects']:.0f} objects, {sizes['small'] / 1e6:.0f} MB): "
            f"{custody['verify_s']:.2f} s."
        ),
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--large-mib", type=int, default=1024)
    parser.add_argument("--small-count", type=int, default=2000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--ledger-events", type=int, default=2000)
    parser.add_argument("--out", type=Path, default=REPO / "bench" / "results" / "hashing.md")
    parser.add_argument("--tmp", type=Path, default=None, help="Where to generate the files.")
    args = parser.parse_args(argv)
    args.command = ".venv/bin/python -m bench.hashing.run " + " ".join(argv or sys.argv[1:])
    args.load = os.getloadavg()
    for tool in ("b3sum", "sha256sum"):
        if shutil.which(tool) is None:
            print(f"{tool} not found (apt-get install b3sum coreutils)", file=sys.stderr)
            return 2
    with tempfile.TemporaryDirectory(prefix="sestry-bench-", dir=args.tmp) as tmp:
        folder = Path(tmp)
        large_path = make_large(folder, args.large_mib)
        small_paths = make_small(folder, args.small_count)
        warm([large_path, *small_paths])
        large = best_of(large_methods(large_path), args.rounds)
        small = best_of(small_methods(small_paths), args.rounds)
        sweep = threshold_sweep(folder, args.rounds)
        custody = custody_figures(folder, small_paths, args.ledger_events)
        sizes = {
            "large": large_path.stat().st_size,
            "small": sum(p.stat().st_size for p in small_paths),
            "count": len(small_paths),
        }
    text = render(args, large, small, sweep, sizes, custody)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
