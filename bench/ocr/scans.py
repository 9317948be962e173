"""Per-page CER of a held-out set's rendered scans, read by sestry's page OCR with no hint.

Run from the repository root, after rendering the scans once:
    .venv/bin/python -m bench.entities.render_heldout7_scans bench/out/h10_scans \\
        --corpus tests/extractors/entities/data/heldout10.jsonl
    .venv/bin/python -m bench.ocr.scans tests/extractors/entities/data/heldout10.jsonl \\
        bench/out/h10_scans [--baseline REV]

Each `kind: scan` passage's PNG is read as the pipeline reads a page without a sidecar hint
(`ocr_extraction.ocr_func`: language from the first pass, a second pass with it first), and
the CER is bench.entities.heldout7's (Levenshtein over the gold text, white space collapsed).
Prints one line per page (id, language, CER %, the page's language, passes) and min / median /
max per language. With --baseline REV the OCR modules of commit REV (bench/ocr/baseline.py)
read the same pages beside today's. Prints no page text.
"""

from __future__ import annotations

import argparse
import json
import statistics
from collections import defaultdict
from pathlib import Path

from bench.entities.heldout7 import cer
from sestry.core.settings import Settings
from sestry.extractors import ocr_extraction
from sestry.extractors.base import ItemInfo


def scan_docs(corpus: Path) -> list[dict]:
    """The corpus's scan passages, in file order."""
    lines = corpus.read_text(encoding="utf-8").splitlines()
    return [d for d in (json.loads(line) for line in lines if line) if d.get("kind") == "scan"]


def page_cers(docs: list[dict], folder: Path, module: object) -> dict[str, float]:
    """{passage id: CER} with `module` (an ocr_extraction) reading each page."""
    from PIL import Image

    settings = Settings.load("/nonexistent-bench-scans")
    item = ItemInfo("0" * 64, "scan.png", 0, "image/png", None)
    read = module.ocr_func(settings, item)  # type: ignore[attr-defined]
    out: dict[str, float] = {}
    for doc in docs:
        with Image.open(folder / f"{doc['id']}.png") as image:
            page = read(1, image.convert("RGB"))
        out[doc["id"]] = cer(doc["text"], page.text)
        print(
            f"  {doc['id']} {doc['lang']} {100 * out[doc['id']]:.2f}% {page.language} {page.passes}"
        )
    return out


def summary(docs: list[dict], cers: dict[str, float]) -> dict[str, str]:
    """'min / median / max' CER % per language."""
    by_lang: dict[str, list[float]] = defaultdict(list)
    for doc in docs:
        by_lang[doc["lang"]].append(100 * cers[doc["id"]])
    return {
        lang: f"{min(v):.2f} / {statistics.median(v):.2f} / {max(v):.2f}"
        for lang, v in sorted(by_lang.items())
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", type=Path, help="a held-out set's JSONL")
    parser.add_argument("scans", type=Path, help="its rendered scans (render_heldout7_scans)")
    parser.add_argument("--baseline", help="a commit whose OCR modules read the pages too")
    args = parser.parse_args()
    docs = scan_docs(args.corpus)
    runs = {"now": ocr_extraction}
    if args.baseline:
        from bench.ocr import baseline

        runs = {args.baseline: baseline.load(args.baseline)["ocr_extraction"], **runs}
    for name, module in runs.items():
        print(f"== {name}")
        for lang, cells in summary(docs, page_cers(docs, args.scans, module)).items():
            print(f"{name} {lang} CER % min / median / max: {cells}")


if __name__ == "__main__":
    main()
