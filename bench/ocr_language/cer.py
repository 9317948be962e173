"""OCR language per page: character error rate with and without a language hint, per page.

Run from the repository root:
    .venv/bin/python -m bench.ocr_language.cer [--seeds 2] [--out FILE]

Pages are the synthetic statements of `bench/ocr_language/texts.py`, rendered cut to their text
like the held-out scans (200 dpi, serif or sans by seed, skew 1.5-4 degrees either way, blur,
salt-and-pepper noise 0.003). Each page is read three ways:

- *hint*: one pass with the right language first (what a correct sidecar gives);
- *ukr first*: one pass with the settings' order ("ukr+rus+eng"), the old unhinted read;
- *no hint*: the pipeline's own page OCR (`ocr_extraction.ocr_func`, no sidecar hint), which
  records the language it found and the passes it ran.

Two-page scans (a Ukrainian and a Russian page) go through `ocr.map_pages` as one item, once with
no hint and once with a Ukrainian hint. CER = Levenshtein / reference length, white space
collapsed. Target: Russian pages without a hint <= 1% (issue 10). Prints one line per read; with
--out writes a markdown table.
"""

from __future__ import annotations

import argparse
import random
import statistics
import time
import zlib
from pathlib import Path

from PIL import Image

from bench.ocr.cer import cer
from bench.ocr_language.texts import ALL, MIXED, language_of
from sestry.core.settings import Settings
from sestry.extractors import ocr, tesseract
from sestry.extractors.base import ItemInfo
from sestry.extractors.ocr_extraction import ocr_func
from tools.synth_scan import degrade, render_page

DPI = 200
NOISE = 0.003
TARGET_RU = 0.01


def render(name: str, seed: int) -> tuple[Image.Image, str]:
    """A degraded page of passage `name` and the exact text drawn on it."""
    mix = zlib.crc32(f"{name}/{seed}".encode())
    rng = random.Random(mix)
    skew = rng.choice((-1, 1)) * rng.uniform(1.5, 4.0)
    font = "serif" if seed % 2 == 0 else "sans"
    image, lines = render_page(ALL[name], dpi=DPI, font_name=font)
    return degrade(image, skew, NOISE, mix), " ".join(lines)


def _item(hint: str | None) -> ItemInfo:
    return ItemInfo("0" * 64, "page.png", 0, "image/png", hint)


def single_pages(settings: Settings, seeds: int) -> list[dict]:
    rows = []
    for name in ALL:
        lang = language_of(name)
        for seed in range(seeds):
            image, truth = render(name, seed)
            reads = {
                "hint": tesseract.languages_for(settings.ocr_languages, lang),
                "ukr first": settings.ocr_languages,
            }
            for mode, order in reads.items():
                t0 = time.perf_counter()
                page = ocr.ocr_page(image, order)
                rows.append(_row(name, seed, mode, truth, page, t0, (order,)))
            t0 = time.perf_counter()
            page = ocr_func(settings, _item(None))(1, image)
            rows.append(_row(name, seed, "no hint", truth, page, t0, page.passes))
    return rows


def mixed_scans(settings: Settings, seeds: int) -> list[dict]:
    rows = []
    for name, (first, second) in MIXED.items():
        for seed in range(seeds):
            rendered = [render(first, seed), render(second, seed)]
            for mode, hint in (("no hint", None), ("uk hint", "uk")):
                t0 = time.perf_counter()
                numbered = [(n, image) for n, (image, _) in enumerate(rendered, start=1)]
                pages = ocr.map_pages(ocr_func(settings, _item(hint)), numbered, 1)
                for part, page, (_, truth) in zip((first, second), pages, rendered, strict=True):
                    row = _row(part, seed, f"two-page, {mode}", truth, page, t0, page.passes)
                    rows.append({**row, "scan": name})
    return rows


def _row(
    name: str,
    seed: int,
    mode: str,
    truth: str,
    page: ocr.PageText,
    t0: float,
    passes: tuple[str, ...],
) -> dict:
    row = {
        "page": name,
        "lang": language_of(name),
        "seed": seed,
        "mode": mode,
        "cer": cer(truth, page.text),
        "found": page.language or "-",
        "passes": " > ".join(passes),
        "seconds": time.perf_counter() - t0,
    }
    print(
        f"{name:16} seed {seed} {mode:20} CER {row['cer']:.4f} found {row['found']:2} "
        f"passes {row['passes']} ({row['seconds']:.1f} s)",
        flush=True,
    )
    return row


def report(rows: list[dict], command: str, elapsed: float) -> str:
    """Markdown: a summary per language and mode, then every Russian or two-page read."""
    lines = [
        f"Run: `{command}`; total {elapsed:.0f} s (2 cores shared with other engineers).",
        "",
        "| language | mode | pages | mean CER | worst CER | language found (pages) |",
        "| --- | --- | ---: | ---: | ---: | --- |",
    ]
    keys = sorted({(r["lang"], r["mode"]) for r in rows})
    for lang, mode in keys:
        cell = [r for r in rows if (r["lang"], r["mode"]) == (lang, mode)]
        found: dict[str, int] = {}
        for r in cell:
            found[r["found"]] = found.get(r["found"], 0) + 1
        said = ", ".join(f"{k} {v}" for k, v in sorted(found.items()))
        lines.append(
            f"| {lang} | {mode} | {len(cell)} | {statistics.fmean(r['cer'] for r in cell):.2%} | "
            f"{max(r['cer'] for r in cell):.2%} | {said} |"
        )
    ru = [r for r in rows if r["lang"] == "ru" and "hint" in r["mode"] and r["mode"] != "hint"]
    ru = [r for r in ru if r["mode"] != "two-page, uk hint"]
    worst = max(r["cer"] for r in ru)
    met = "met" if worst <= TARGET_RU else "NOT met"
    lines += ["", f"Russian pages without a hint: worst CER {worst:.2%} (target 1%: {met}).", ""]
    lines += [
        "| page | seed | mode | CER | found | passes |",
        "| --- | ---: | --- | ---: | --- | --- |",
    ]
    for r in rows:
        if r["lang"] == "ru" or r["mode"].startswith("two-page"):
            lines.append(
                f"| {r['page']} | {r['seed']} | {r['mode']} | {r['cer']:.2%} | {r['found']} | "
                f"{r['passes']} |"
            )
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=2, help="renderings of each page")
    parser.add_argument("--out", type=Path, help="write the markdown tables here")
    args = parser.parse_args()
    settings = Settings.load()
    t0 = time.perf_counter()
    rows = single_pages(settings, args.seeds) + mixed_scans(settings, args.seeds)
    command = f".venv/bin/python -m bench.ocr_language.cer --seeds {args.seeds}"
    text = report(rows, command, time.perf_counter() - t0)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text, encoding="utf-8")
    print(text)


if __name__ == "__main__":
    main()
