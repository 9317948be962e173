"""Ingest benchmark: items/s for transcripts, pages/s for scans, peak memory, rerun cost.

    .venv/bin/python -m bench.ingest.run [--transcripts 520] [--pages 100]

Generates a synthetic corpus (Faker uk/ru/en transcripts as txt/srt/vtt/whisper json, and full
A4 pages rendered at 300 dpi by bench.ocr.corpus), ingests it with the real `sestry ingest` in a
temp data dir (local Prefect mode, fresh PREFECT_HOME), then reruns over the unchanged inbox
(`--keep-inbox` on the first run) and reports the rerun as a percentage of the first run. Peak
memory is the max RSS of the largest process (/usr/bin/time -v). Also times reading the internal
dataset of the transcript corpus (read_table) in-process.
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from faker import Faker

REPO = Path(__file__).resolve().parents[2]
SESTRY = Path(sys.executable).with_name("sestry")
LOCALES = {"uk": "uk_UA", "ru": "ru_RU", "en": "en_US"}


def _sentences(fake: Faker, n: int) -> list[str]:
    out = []
    for _ in range(n):
        out.append(f"{fake.name()} {fake.sentence(nb_words=12)} {fake.city()}, {fake.date()}.")
    return out


def _ts(seconds: float, sep: str) -> str:
    h, rest = divmod(seconds, 3600)
    m, s = divmod(rest, 60)
    return f"{int(h):02d}:{int(m):02d}:{s:06.3f}".replace(".", sep)


def make_transcripts(inbox: Path, count: int, seed: int = 7) -> int:
    """Write `count` transcripts (txt/srt/vtt/whisper json, uk/ru/en) with sidecars."""
    rng = random.Random(seed)
    fakers = {lang: Faker(locale) for lang, locale in LOCALES.items()}
    for lang, fake in fakers.items():
        fake.seed_instance(seed + len(lang))
    for i in range(count):
        lang = ("uk", "ru", "en")[i % 3]
        fmt = ("txt", "srt", "vtt", "json")[(i // 3) % 4]
        lines = _sentences(fakers[lang], rng.randint(8, 30))
        folder = inbox / f"case{i % 25:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        name = folder / f"interview_{i:04d}.{fmt if fmt != 'json' else 'whisper.json'}"
        if fmt == "txt":
            body = "\n".join(f"{'QA'[k % 2]}: {line}" for k, line in enumerate(lines)) + "\n"
        elif fmt == "srt":
            body = "\n".join(
                f"{k + 1}\n{_ts(k * 4.0, ',')} --> {_ts(k * 4.0 + 3.5, ',')}\n{line}\n"
                for k, line in enumerate(lines)
            )
        elif fmt == "vtt":
            body = "WEBVTT\n\n" + "\n".join(
                f"{_ts(k * 4.0, '.')} --> {_ts(k * 4.0 + 3.5, '.')}\n<v {'QA'[k % 2]}>{line}\n"
                for k, line in enumerate(lines)
            )
        else:
            segments = [
                {"start": k * 4.0, "end": k * 4.0 + 3.5, "text": line}
                for k, line in enumerate(lines)
            ]
            body = json.dumps(
                {"text": " ".join(lines), "segments": segments, "language": lang},
                ensure_ascii=False,
            )
        name.write_text(body, encoding="utf-8")
        meta = {"case_id": f"BENCH-{i % 25:02d}", "language": lang, "consent": ["research"]}
        name.with_name(name.name + ".meta.json").write_text(json.dumps(meta), encoding="utf-8")
    return count


def make_scans(inbox: Path, pages: int) -> int:
    """Write `pages` clean A4 pages at 300 dpi: single PNGs and 4-page TIFFs, uk/ru/en."""
    sys.path.insert(0, str(REPO))
    from bench.ocr.corpus import make_page

    folder = inbox / "scans"
    folder.mkdir(parents=True, exist_ok=True)
    made = 0
    n = 0
    while made < pages:
        lang = ("uk", "ru", "en")[n % 3]
        if n % 5 == 4 and pages - made >= 4:
            images = [make_page(lang, "clean", 1000 + n * 10 + k).image for k in range(4)]
            images[0].save(
                folder / f"bundle_{n:03d}.tif",
                save_all=True,
                append_images=images[1:],
                compression="tiff_deflate",
                dpi=(300, 300),
            )
            made += 4
        else:
            make_page(lang, "clean", 1000 + n * 10).image.save(
                folder / f"page_{n:03d}.png", dpi=(300, 300)
            )
            made += 1
        n += 1
    return made


def timed_ingest(data: Path, home: Path, keep: bool) -> dict[str, float]:
    """Run `sestry ingest` under /usr/bin/time -v; return wall seconds and peak RSS (MiB)."""
    env = {
        "PATH": f"{SESTRY.parent}:/usr/local/bin:/usr/bin:/bin",
        "PREFECT_HOME": str(home),
        "PREFECT_SERVER_ANALYTICS_ENABLED": "false",
        "NO_COLOR": "1",
        "COLUMNS": "160",
        "HOME": str(home),
    }
    args = ["/usr/bin/time", "-v", str(SESTRY), "ingest", "--data", str(data)]
    if keep:
        args.append("--keep-inbox")
    started = time.monotonic()
    proc = subprocess.run(args, env=env, capture_output=True, text=True, check=False)  # noqa: S603
    wall = time.monotonic() - started
    if proc.returncode != 0:
        raise SystemExit(f"sestry ingest failed ({proc.returncode}):\n{proc.stderr[-3000:]}")
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", proc.stderr)
    flow = re.search(r"time in the flow\s*│\s*([\d.]+) s", proc.stdout)
    pages = re.search(r"pages OCRed\s*│\s*(\d+)", proc.stdout)
    ingested = re.search(r"ingested\s*│\s*(\d+)", proc.stdout)
    return {
        "wall": wall,
        "rss_mib": int(rss.group(1)) / 1024 if rss else float("nan"),
        "flow": float(flow.group(1)) if flow else float("nan"),
        "pages": int(pages.group(1)) if pages else 0,
        "ingested": int(ingested.group(1)) if ingested else 0,
    }


def bench_corpus(root: Path, name: str, fill) -> dict[str, object]:  # noqa: ANN001
    data = root / name
    home = root / f"{name}-prefect"
    subprocess.run([str(SESTRY), "init", "--data", str(data)], check=True, capture_output=True)  # noqa: S603
    made = fill(data / "inbox")
    first = timed_ingest(data, home, keep=True)
    rerun = timed_ingest(data, home, keep=True)
    return {"made": made, "first": first, "rerun": rerun, "data": data}


def read_times(data: Path) -> dict[str, float]:
    sys.path.insert(0, str(REPO))
    from sestry.schemas import dataset

    out = {}
    for table in ("documents", "segments", "entities"):
        started = time.monotonic()
        rows = dataset.read_table(data / "dataset", table).num_rows
        out[table] = (time.monotonic() - started, rows)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--transcripts", type=int, default=520)
    parser.add_argument("--pages", type=int, default=100)
    parser.add_argument("--out", type=Path, default=REPO / "bench/results/ingest.md")
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="sestry-bench-ingest-"))
    try:
        text = bench_corpus(
            root, "transcripts", lambda inbox: make_transcripts(inbox, args.transcripts)
        )
        reads = read_times(text["data"])
        scans = bench_corpus(root, "scans", lambda inbox: make_scans(inbox, args.pages))
    finally:
        shutil.rmtree(root, ignore_errors=True)
    report = render(args, text, scans, reads)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")
    print(report)


def render(args, text, scans, reads) -> str:  # noqa: ANN001
    t1, t2 = text["first"], text["rerun"]
    s1, s2 = scans["first"], scans["rerun"]
    lines = [
        "# Ingest benchmark",
        "",
        (
            f"Command: `.venv/bin/python -m bench.ingest.run --transcripts {args.transcripts} "
            f"--pages {args.pages}`"
        ),
        "",
        (
            f"Machine: {platform.platform()}, 2 cores shared with other engineers' work while "
            "it ran (figures are noisy; the rerun ratio is measured side by side in the same "
            "run). Local Prefect mode with a fresh PREFECT_HOME: the first `sestry ingest` of "
            "each corpus includes the temporary Prefect server start-up."
        ),
        "",
        (
            "| corpus | items | pages | first run (s) | in the flow (s) | items/s | pages/s "
            "| peak RSS (MiB) | rerun (s) | rerun / first |"
        ),
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
        (
            f"| transcripts (txt/srt/vtt/json, uk/ru/en) | {text['made']} | 0 | {t1['wall']:.1f} "
            f"| {t1['flow']:.1f} | {text['made'] / t1['wall']:.1f} | - | {t1['rss_mib']:.0f} "
            f"| {t2['wall']:.2f} | {100 * t2['wall'] / t1['wall']:.1f}% |"
        ),
        (
            f"| scans (A4, 300 dpi, PNG + 4-page TIFF) | {s1['ingested']} | {s1['pages']} "
            f"| {s1['wall']:.1f} | {s1['flow']:.1f} | {s1['ingested'] / s1['wall']:.2f} "
            f"| {s1['pages'] / s1['wall']:.2f} | {s1['rss_mib']:.0f} | {s2['wall']:.2f} "
            f"| {100 * s2['wall'] / s1['wall']:.1f}% |"
        ),
        "",
        (
            "Items/s and pages/s are over the whole command (wall time, Prefect start-up "
            "included); 'in the flow' excludes start-up. A rerun over an unchanged inbox "
            "hashes every file, finds it in the ledger and records `seen_again` without "
            "starting Prefect."
        ),
        "",
        (
            f"Reading the internal dataset of {text['made']} transcripts (one Parquet file per "
            "document per table, in-process, warm page cache):"
        ),
        "",
        "| table | rows | read_table (s) |",
        "| --- | ---: | ---: |",
    ]
    for table, (seconds, rows) in reads.items():
        lines.append(f"| {table} | {rows} | {seconds:.2f} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    main()
