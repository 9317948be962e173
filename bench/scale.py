"""Scale benchmark: ingest, redact, handoff and verify of N synthetic documents, one run each.

    .venv/bin/python -m bench.scale --docs 1000 [--scans-share 0.02] [--json]

Generates an inbox of N transcripts in uk/ru/en (txt, srt, vtt, Whisper JSON; 13-33 sentences,
about 1.5 KB each: a person, date, place, phone and unit in a fixed frame among neutral filler)
plus a small share of clean scanned pages (bench.ingest.run's generator),
then runs the real command line against a long-lived local Prefect server (so Prefect's start-up
is not in `ingest_s`): `sestry init`, `sestry ingest --keep-inbox`, the same ingest again over
the unchanged inbox (`rerun_s`), `sestry compact` (`compact_s`), `sestry redact --profile research`,
`sestry handoff --profile research --out DIR`, `sestry verify DIR --key FINGERPRINT`, and
`b3sum --check B3SUMS` on the same release. In the same run it times `find_entities_batch` over
the same texts in this process, so redaction's cost is shown as a ratio of extraction's.

Each run appends one JSON object to bench/results/scale.jsonl and rewrites bench/results/scale.md
(a table over every recorded run, and per-document cost ratios) and bench/results/scale.svg (time
and peak memory against documents, log-log). With `--json` the run's object is also printed as
the last line: {"docs", "chars", "ingest_s", "redact_s", "handoff_s", "verify_s",
"b3sum_check_s", "extract_s", "peak_rss_mb"}.
"""

from __future__ import annotations

import argparse
import json
import math
import platform
import random
import re
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from faker import Faker

from bench.ingest.run import _ts

REPO = Path(__file__).resolve().parents[1]
RESULTS = REPO / "bench" / "results"
SESTRY = Path(sys.executable).with_name("sestry")
#: Everything after this line of scale.md is written by hand and kept when a run rewrites it.
NOTES = "<!-- notes: kept by bench.scale -->"
_FINGERPRINT = re.compile(r"fingerprint[^:]*:\s*([0-9a-f]{64})")


def _run(argv: list[str], env: dict[str, str], cwd: Path | None = None) -> tuple[float, str]:
    """Run a command; return its wall seconds and stdout; raise with its tail if it fails."""
    start = time.perf_counter()
    done = subprocess.run(  # noqa: S603 - fixed argv
        argv, env=env, cwd=cwd, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        tail = (done.stdout[-800:] + done.stderr[-800:]).strip()
        raise SystemExit(f"{' '.join(argv[:4])} failed ({done.returncode}): {tail}")
    return seconds, done.stdout


def _extract_seconds(dataset_dir: Path) -> tuple[float, int]:
    """Time find_entities_batch over the ingested texts (cold caches); return (s, chars)."""
    from sestry.extractors.entities import morph, pipeline
    from sestry.schemas.dataset import read_table

    docs = read_table(dataset_dir, "documents").select(["text", "language"]).to_pylist()
    texts = [d["text"] for d in docs]
    langs = [d["language"] if d["language"] in ("uk", "ru", "en") else None for d in docs]
    pipeline.get_nlp.cache_clear()
    for name in dir(morph):  # cold morphology caches, as a fresh ingest worker has them
        fn = getattr(morph, name)
        if hasattr(fn, "cache_clear"):
            fn.cache_clear()
    pipeline.find_entities("прогрів", "uk")  # build the pipelines outside the timing
    pipeline.find_entities("warm up", "en")
    pipeline.find_entities("прогрев", "ru")
    start = time.perf_counter()
    pipeline.find_entities_batch(texts, langs)
    return time.perf_counter() - start, sum(len(t) for t in texts)


# Planted entities in a fixed frame, the rest neutral filler in the same language: the privacy
# gate then checks what the pipeline found, not Faker's random names colliding across documents
# (which block the release, as they should, and stop the benchmark before handoff).
_FRAMES = {
    "uk": (
        "{person} розповіла, що {date} її затримали у місті {loc}.",
        "Її телефон {phone}.",
        "Допит вела в/ч {unit}.",
    ),
    "ru": (
        "{person} рассказала, что {date} её задержали в городе {loc}.",
        "Её телефон {phone}.",
        "Допрос вела в/ч {unit}.",
    ),
    "en": (
        "{person} said that on {date} she was detained in {loc}.",
        "Her phone is {phone}.",
        "Unit {unit} questioned her.",
    ),
}
_FILLER = {
    "uk": "вечір вікно коридор питання тиша двері холод вода хліб ковдра шум ранок стіна",
    "ru": "вечер окно коридор вопрос тишина дверь холод вода хлеб одеяло шум утро стена",
    "en": "evening window corridor question silence door cold water bread blanket noise morning",
}
_CITIES = ("Херсон", "Ізюм", "Буча", "Мелітополь", "Маріуполь", "Бородянка", "Ірпінь")
_LOCALES = {"uk": "uk_UA", "ru": "ru_RU", "en": "en_US"}


def _lines(rng: random.Random, names: dict[str, Faker], lang: str, i: int) -> list[str]:
    """One testimony: the planted sentences among 10-30 neutral ones (about 1.5 KB)."""
    fake = names[lang]
    values = {
        "person": f"{fake.first_name_female()} {fake.last_name_female()}",
        "date": (date(2022, 2, 24) + timedelta(days=(i * 17) % 700)).isoformat(),
        "loc": _CITIES[i % len(_CITIES)],
        "phone": f"+38067{1000000 + (i * 7919) % 8999999:07d}",
        "unit": f"{10000 + (i * 31) % 89999}",
    }
    words = _FILLER[lang].split()
    lines = [
        " ".join(rng.choice(words) for _ in range(rng.randint(6, 12))).capitalize() + "."
        for _ in range(rng.randint(10, 30))
    ]
    for k, frame in enumerate(_FRAMES[lang]):
        lines.insert(min(k * 3, len(lines)), frame.format(**values))
    return lines


def make_testimonies(inbox: Path, count: int, seed: int = 7) -> None:
    """Write `count` transcripts (txt/srt/vtt/whisper json, uk/ru/en) with sidecars."""
    rng = random.Random(seed)
    names = {lang: Faker(locale) for lang, locale in _LOCALES.items()}
    for lang, fake in names.items():
        fake.seed_instance(seed + len(lang))
    for i in range(count):
        lang = ("uk", "ru", "en")[i % 3]
        fmt = ("txt", "srt", "vtt", "json")[(i // 3) % 4]
        lines = _lines(rng, names, lang, i)
        folder = inbox / f"case{i % 25:02d}"
        folder.mkdir(parents=True, exist_ok=True)
        name = folder / f"interview_{i:05d}.{fmt if fmt != 'json' else 'whisper.json'}"
        name.write_text(_body(fmt, lines, lang), encoding="utf-8")
        meta = {"case_id": f"BENCH-{i % 25:02d}", "language": lang, "consent": ["research"]}
        name.with_name(name.name + ".meta.json").write_text(json.dumps(meta), encoding="utf-8")


def _body(fmt: str, lines: list[str], lang: str) -> str:
    if fmt == "txt":
        return "\n".join(f"{'QA'[k % 2]}: {line}" for k, line in enumerate(lines)) + "\n"
    if fmt == "srt":
        return "\n".join(
            f"{k + 1}\n{_ts(k * 4.0, ',')} --> {_ts(k * 4.0 + 3.5, ',')}\n{line}\n"
            for k, line in enumerate(lines)
        )
    if fmt == "vtt":
        return "WEBVTT\n\n" + "\n".join(
            f"{_ts(k * 4.0, '.')} --> {_ts(k * 4.0 + 3.5, '.')}\n<v {'QA'[k % 2]}>{line}\n"
            for k, line in enumerate(lines)
        )
    segments = [
        {"start": k * 4.0, "end": k * 4.0 + 3.5, "text": line} for k, line in enumerate(lines)
    ]
    return json.dumps(
        {"text": " ".join(lines), "segments": segments, "language": lang}, ensure_ascii=False
    )


def run(docs: int, scans_share: float) -> dict[str, object]:
    """One benchmark run of `docs` documents; returns the JSON object."""
    sys.path.insert(0, str(REPO))
    from bench.ingest.run import make_scans
    from tests.flows.prefect_server import client_env, running_server

    work = Path(tempfile.mkdtemp(prefix="sestry-scale-"))
    try:
        pages = int(docs * scans_share)
        inbox = work / "inbox"
        make_testimonies(inbox, docs - pages)
        if pages:
            make_scans(inbox, pages)
        data = work / "data"
        with running_server(work / "prefect") as url:
            env = client_env(work / "prefect", url)
            _run([str(SESTRY), "init", "--data", str(data)], env)
            shutil.move(str(inbox), str(data / "inbox"))
            ingest = [str(SESTRY), "ingest", "--data", str(data), "--keep-inbox"]
            ingest_s, _ = _run(ingest, env)
            rerun_s, _ = _run(ingest, env)  # the same inbox again: nothing new
            compact_s, _ = _run([str(SESTRY), "compact", "--data", str(data)], env)
            redact_s, _ = _run(
                [str(SESTRY), "redact", "--profile", "research", "--data", str(data)], env
            )
            release = work / "release"
            handoff_s, out = _run(
                [str(SESTRY), "handoff", "--profile", "research", "--data", str(data)]
                + ["--out", str(release)],
                env,
            )
            found = _FINGERPRINT.search(out)
            key = ["--key", found.group(1)] if found else []
            verify_s, _ = _run([str(SESTRY), "verify", str(release), *key], env)
            b3sum_s, _ = _run(["b3sum", "--check", "--quiet", "B3SUMS"], env, cwd=release)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        extract_s, chars = _extract_seconds(data / "dataset")
        return {
            "docs": docs,
            "chars": chars,
            "ingest_s": round(ingest_s, 2),
            "rerun_s": round(rerun_s, 2),
            "compact_s": round(compact_s, 2),
            "redact_s": round(redact_s, 2),
            "handoff_s": round(handoff_s, 2),
            "verify_s": round(verify_s, 2),
            "b3sum_check_s": round(b3sum_s, 3),
            "extract_s": round(extract_s, 2),
            "peak_rss_mb": round(peak, 1),
            "scanned_pages": pages,
            "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
            "machine": f"{platform.machine()}, {platform.python_version()}",
        }
    finally:
        shutil.rmtree(work, ignore_errors=True)


def _f(run: dict[str, object], key: str) -> float:
    value = run.get(key)
    return float(value) if isinstance(value, int | float) else float("nan")


def write_results(runs: list[dict[str, object]]) -> None:
    """bench/results/scale.md (table, per-document costs, target ratios) and scale.svg."""
    rows = sorted(runs, key=lambda r: (_f(r, "docs"), str(r["date"])))
    lines = [
        "# Scale: ingest, redact, handoff, verify against the number of documents",
        "",
        (
            "Rerun: `.venv/bin/python -m bench.scale --docs N` (appends to `scale.jsonl`, "
            "rewrites this page and `scale.svg`). Seconds of wall time per step, measured through "
            "the real command line against a long-lived local Prefect server (its start-up is not "
            "in `ingest`); `rerun` is the same ingest over the unchanged inbox; `compact` is "
            "`sestry compact` after it; `redact` includes validation (Great Expectations); "
            "`extract` is `find_entities_batch` over the same texts in one process. The machine "
            "(2 cores) was shared with other engineers' work during every run: absolute rates are "
            "pessimistic, ratios within one run are the figures to trust."
        ),
        "",
        (
            "| docs | chars | ingest s | rerun s | compact s | redact s | handoff s | verify s | "
            "b3sum s | extract s | peak MB | date |"
        ),
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |",
    ]
    for r in rows:
        lines.append(
            f"| {r['docs']} | {r['chars']} | {r['ingest_s']} | {r.get('rerun_s', '-')} | "
            f"{r.get('compact_s', '-')} | {r['redact_s']} | {r['handoff_s']} | {r['verify_s']} | "
            f"{r['b3sum_check_s']} | {r['extract_s']} | {r['peak_rss_mb']} | {r['date']} |"
        )
    lines += [
        "",
        "Per document and the issue's targets (issue 14), each run on its own:",
        "",
        (
            "| docs | ingest ms/doc | redact ms/doc | handoff ms/doc | ingest items/s (target "
            "≥60) | (redact+handoff)/extract (target ≤1.0x) | rerun/first (target ≤5%) | "
            "verify/b3sum (target ≤1.5x) |"
        ),
        "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    for r in rows:
        n = _f(r, "docs")
        cost = (_f(r, "redact_s") + _f(r, "handoff_s")) / max(_f(r, "extract_s"), 1e-9)
        lines.append(
            f"| {r['docs']} | {1000 * _f(r, 'ingest_s') / n:.1f} | "
            f"{1000 * _f(r, 'redact_s') / n:.1f} | {1000 * _f(r, 'handoff_s') / n:.1f} | "
            f"{n / max(_f(r, 'ingest_s'), 1e-9):.1f} | {cost:.1f}x | "
            f"{100 * _f(r, 'rerun_s') / max(_f(r, 'ingest_s'), 1e-9):.1f}% | "
            f"{_f(r, 'verify_s') / max(_f(r, 'b3sum_check_s'), 1e-9):.0f}x |"
        )
    sizes = sorted({int(_f(r, "docs")) for r in rows})
    if len(sizes) > 1:
        base = next(r for r in reversed(rows) if int(_f(r, "docs")) == sizes[0])  # latest
        top = next(r for r in reversed(rows) if int(_f(r, "docs")) == sizes[-1])
        lines += [
            "",
            (
                f"Time per document, {top['docs']} vs {base['docs']} documents, the latest run of "
                "each (target ≤1.3x):"
            ),
            "",
        ]
        for step in ("ingest_s", "redact_s", "handoff_s", "verify_s"):
            per = [_f(r, step) / _f(r, "docs") for r in (base, top)]
            lines.append(f"- {step[:-2]}: {per[1] / per[0]:.2f}x")
    lines += ["", "![time and memory against documents](scale.svg)", ""]
    page = RESULTS / "scale.md"
    old = page.read_text(encoding="utf-8") if page.is_file() else ""
    notes = old[old.index(NOTES) :] if NOTES in old else f"{NOTES}\n"  # hand-written, kept
    page.write_text("\n".join(lines) + "\n" + notes, encoding="utf-8")
    (RESULTS / "scale.svg").write_text(_svg(rows), encoding="utf-8")


def _svg(rows: list[dict[str, object]]) -> str:
    """A log-log chart: seconds per step and peak MB against documents (no dependencies)."""
    width, height, pad = 640, 400, 60
    series = {
        "ingest_s": "#1f77b4",
        "redact_s": "#d62728",
        "handoff_s": "#2ca02c",
        "verify_s": "#9467bd",
        "peak_rss_mb": "#7f7f7f",
    }
    xs = [int(r["docs"]) for r in rows]  # type: ignore[arg-type]
    ys = [float(r[k]) for r in rows for k in series if float(r[k]) > 0]  # type: ignore[arg-type]
    if not xs or not ys:
        return '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>'
    lx = (math.log10(min(xs)), math.log10(max(xs)) + 1e-9)
    ly = (math.log10(min(ys)), math.log10(max(ys)) + 1e-9)

    def at(x: float, y: float) -> tuple[float, float]:
        fx = (math.log10(x) - lx[0]) / max(lx[1] - lx[0], 1e-9)
        fy = (math.log10(y) - ly[0]) / max(ly[1] - ly[0], 1e-9)
        return pad + fx * (width - 2 * pad), height - pad - fy * (height - 2 * pad)

    parts = [
        (
            f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
            'font-family="sans-serif" font-size="11">'
        ),
        f'<rect width="{width}" height="{height}" fill="white"/>',
        (
            f'<text x="{pad}" y="20">seconds (steps) and MB (peak memory) against documents, '
            "log-log</text>"
        ),
    ]
    for i, (key, colour) in enumerate(series.items()):
        points = [at(int(r["docs"]), float(r[key])) for r in rows if float(r[key]) > 0]  # type: ignore[arg-type]
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{path}"/>')
        parts.append(f'<text x="{width - pad + 4}" y="{pad + 14 * i}" fill="{colour}">{key}</text>')
    for x in sorted(set(xs)):
        px, _ = at(x, 10 ** ly[0])
        parts.append(f'<text x="{px:.1f}" y="{height - pad + 16}">{x}</text>')
    parts.append("</svg>")
    return "\n".join(parts) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--docs", type=int, default=1000, help="documents in the inbox")
    parser.add_argument("--scans-share", type=float, default=0.02, help="share of scanned pages")
    parser.add_argument("--json", action="store_true", help="print the run's JSON last")
    args = parser.parse_args()
    result = run(args.docs, args.scans_share)
    RESULTS.mkdir(parents=True, exist_ok=True)
    log = RESULTS / "scale.jsonl"
    with log.open("a", encoding="utf-8") as handle:
        handle.write(json.dumps(result) + "\n")
    runs = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines() if line]
    write_results(runs)
    keys = ("docs", "chars", "ingest_s", "redact_s", "handoff_s", "verify_s", "b3sum_check_s")
    keys += ("extract_s", "peak_rss_mb")
    if args.json:
        print(json.dumps({k: result[k] for k in keys}))
    else:
        print(json.dumps(result, indent=1))


if __name__ == "__main__":
    main()
