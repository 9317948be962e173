"""`sestry verify RELEASE` against `b3sum --check B3SUMS` on the same files (issue 14).

Rerun: `.venv/bin/python -m bench.verify.run --docs 300 --copies 1 10 100` from the repo root.
It builds one real signed release (`tests.release_support.make_release`: a synthetic redaction
of N documents, each with a scanned page), then, for each K in --copies, a larger release made of
the same payload K times (`data/copy-NNN/...`), sealed and signed by `custody.release` as
handoff seals a release, so the files and bytes grow K-fold while each file stays real. Both
commands run as subprocesses, alternating, best of --rounds, with a third: the full typer
command line with `--sha256` (how verify ran before the light start and the BLAKE3-only
default). CPU seconds are the children's user + system (`getrusage`). Prints a Markdown
table; writes nothing else.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from sestry.custody.release import PAYLOAD_DIR, ReleaseSpec, make_staging, publish, seal_release

REPO = Path(__file__).resolve().parents[2]
SESTRY = Path(sys.executable).with_name("sestry")


def copied_release(source: Path, copies: int, dest: Path) -> Path:
    """A release whose payload is `source`'s payload `copies` times, freshly sealed and signed."""
    stage = make_staging(dest)
    for n in range(copies):
        shutil.copytree(source / PAYLOAD_DIR, stage / PAYLOAD_DIR / f"copy-{n:03d}")
    spec = ReleaseSpec(
        release_id=dest.name,
        profile="prosecution",
        created_at=datetime.now(UTC).isoformat(timespec="seconds"),
        sestry_version="bench",
        items=[],
        counts={"copies": copies},
        ledger_head=None,
        validation_passed=True,
    )
    seal_release(stage, spec, Ed25519PrivateKey.generate())
    return publish(stage, dest)


def timed(argv: list[str], cwd: Path) -> tuple[float, float]:
    """Wall and CPU seconds (user + system of the child) of one command that must exit 0."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(argv, cwd=cwd, capture_output=True, check=False)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise SystemExit(f"{argv[0]} exited {done.returncode}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def measure(release: Path, rounds: int) -> dict[str, float]:
    """Best wall and CPU of each command over `rounds` alternating rounds."""
    full = [sys.executable, "-c", "from sestry.cli import main; main()"]
    commands = (
        ("verify", [str(SESTRY), "verify", "."]),
        ("b3sum", ["b3sum", "--check", "--quiet", "B3SUMS"]),
        ("before", [*full, "verify", ".", "--sha256"]),
    )
    best = {f"{name}_{k}": float("inf") for name, _ in commands for k in ("wall", "cpu")}
    for _ in range(rounds):
        for name, argv in commands:
            wall, cpu = timed(argv, release)
            best[f"{name}_wall"] = min(best[f"{name}_wall"], wall)
            best[f"{name}_cpu"] = min(best[f"{name}_cpu"], cpu)
    return best


def main() -> None:
    """Build the releases, time both checks, print the table."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--copies", type=int, nargs="+", default=[1, 10, 100])
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(REPO))
    from tests.release_support import make_release

    with tempfile.TemporaryDirectory(prefix="sestry-bench-verify-") as tmp:
        base = make_release(Path(tmp) / "base", docs=args.docs)
        print(f"load average at start: {os.getloadavg()}")  # noqa: T201
        print(  # noqa: T201
            "| copies | files | MB | verify wall s | b3sum wall s | wall ratio | verify CPU s "
            "| b3sum CPU s | before wall s | before/b3sum |\n"
            "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
        )
        for copies in args.copies:
            release = copied_release(base, copies, Path(tmp) / f"copies-{copies}")
            files = [p for p in release.rglob("*") if p.is_file()]
            size = sum(p.stat().st_size for p in files) / 1e6
            best = measure(release, args.rounds)
            ratio = best["verify_wall"] / best["b3sum_wall"]
            print(  # noqa: T201
                f"| {copies} | {len(files)} | {size:.1f} | {best['verify_wall']:.3f} | "
                f"{best['b3sum_wall']:.3f} | {ratio:.2f}x | {best['verify_cpu']:.3f} | "
                f"{best['b3sum_cpu']:.3f} | {best['before_wall']:.3f} | "
                f"{best['before_wall'] / best['b3sum_wall']:.2f}x |",
                flush=True,
            )
            shutil.rmtree(release)
        print(f"load average at end: {os.getloadavg()}")  # noqa: T201


if __name__ == "__main__":
    main()
