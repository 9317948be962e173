"""Redact, handoff and verify through the command line, as bench.scale runs them (issue 14).

Rerun: `.venv/bin/python -m bench.release_stream.cli --docs 1000` from the repo root.
`--before PATH` names a second `sestry` launcher (an older checkout's) to alternate with, round
by round, on copies of the same data dir. Prints a Markdown table of wall seconds (best of
`--rounds`) and writes nothing to bench/results.

One synthetic dataset (`tests.release_support.make_dataset`, compacted into batches as ingest
leaves it) and one long-lived local Prefect server (as bench.scale: Prefect's server start-up is
not in the figures); each round copies the data dir, then runs `sestry redact --profile
research`, `sestry handoff --profile research --out DIR`, `sestry verify DIR --key FINGERPRINT`
and `b3sum --check --quiet B3SUMS` on the same release. `find_entities_batch` over the same
texts, in this process with the pipelines built first, gives the ratio's denominator.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from bench.release_stream.run import extraction

SESTRY = Path(sys.executable).with_name("sestry")
_FINGERPRINT = re.compile(r"fingerprint[^:]*:\s*([0-9a-f]{64})")
#: CPU seconds (user + system) of the last run of each command: the steadier figure on a
#: shared machine.
CPU_SECONDS: dict[str, float] = {}


def _cpu() -> float:
    used = resource.getrusage(resource.RUSAGE_CHILDREN)
    return used.ru_utime + used.ru_stime


def _run(argv: list[str], env: dict[str, str], cwd: Path | None = None) -> tuple[float, str]:
    """Wall seconds and stdout of one command (its CPU seconds in CPU_SECONDS); stop with its
    tail if it fails."""
    start, cpu = time.perf_counter(), _cpu()
    done = subprocess.run(  # noqa: S603 - fixed argv
        argv, env=env, cwd=cwd, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    CPU_SECONDS[argv[1] if argv[0] != "b3sum" else "b3sum"] = _cpu() - cpu
    if done.returncode != 0:
        tail = (done.stdout[-600:] + done.stderr[-600:]).strip()
        raise SystemExit(f"{' '.join(argv[:3])} failed ({done.returncode}): {tail}")
    return seconds, done.stdout


def one_round(sestry: str, template: Path, work: Path, env: dict[str, str]) -> dict[str, float]:
    """Copy the data dir, run the four commands on it; their wall seconds."""
    data = work / "data"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(template, data, symlinks=True)
    times: dict[str, float] = {}
    times["redact"], _ = _run([sestry, "redact", "--profile", "research", "--data", str(data)], env)
    release = work / "release"
    times["handoff"], out = _run(
        [sestry, "handoff", "--profile", "research", "--data", str(data), "--out", str(release)],
        env,
    )
    found = _FINGERPRINT.search(out)
    key = ["--key", found.group(1)] if found else []
    times["verify"], _ = _run([sestry, "verify", str(release), *key], env)
    times["b3sum"], _ = _run(["b3sum", "--check", "--quiet", "B3SUMS"], env, cwd=release)
    shutil.rmtree(work, ignore_errors=True)
    times.update({f"{step} cpu": CPU_SECONDS[step] for step in ("redact", "handoff", "verify")})
    times["b3sum cpu"] = CPU_SECONDS["b3sum"]
    return times


def main() -> None:
    """Build the dataset, start Prefect, alternate the launchers; print the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--before", help="another sestry launcher to alternate with")
    parser.add_argument("--template", help="reuse this data dir (as built here) instead")
    args = parser.parse_args()
    from sestry.core.settings import Settings
    from sestry.custody.keys import init_layout
    from sestry.ingestion.compaction import compact_dataset
    from tests.flows.prefect_server import client_env, running_server
    from tests.release_support import make_dataset

    launchers = {"now": str(SESTRY)}
    if args.before:
        launchers = {"before": args.before, **launchers}
    with tempfile.TemporaryDirectory(prefix="sestry-bench-cli-") as tmp:
        root = Path(tmp)
        settings = Settings.load(Path(args.template) if args.template else root / "template")
        if not args.template:
            init_layout(settings)
            make_dataset(
                settings.data_dir, args.docs, unconsented=args.docs // 20, filler_words=180
            )
            compact_dataset(settings)
        extract, chars = extraction(settings.dataset_dir)
        best: dict[str, dict[str, float]] = {name: {} for name in launchers}
        with running_server(root / "prefect") as url:
            env = client_env(root / "prefect", url)
            env.pop("PYTHONPATH", None)  # each launcher imports its own checkout's sestry
            for _ in range(args.rounds):
                for name, launcher in launchers.items():
                    times = one_round(launcher, settings.data_dir, root / name, env)
                    for step, seconds in times.items():
                        best[name][step] = min(best[name].get(step, seconds), seconds)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    load = " ".join(f"{v:.1f}" for v in os.getloadavg())
    print(f"Run {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, load {load}, {args.docs} documents,")
    print(f"{chars} characters; extraction {extract[0]:.2f} s wall, {extract[1]:.2f} s CPU;")
    print(f"the commands' peak RSS {peak:.0f} MB")
    print()
    print("| code | measure | redact s | handoff s | (r+h)/extract | verify s | b3sum s |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for name, t in best.items():
        for measure, suffix, base in (("wall", "", extract[0]), ("CPU", " cpu", extract[1])):
            ratio = (t["redact" + suffix] + t["handoff" + suffix]) / base
            print(
                f"| {name} | {measure} | {t['redact' + suffix]:.2f} | {t['handoff' + suffix]:.2f}"
                f" | {ratio:.2f}x | {t['verify' + suffix]:.3f} | {t['b3sum' + suffix]:.3f} |"
            )


if __name__ == "__main__":
    main()
