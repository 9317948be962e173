"""Render the "scan" passages of held-out set 7 as skewed, noisy page images.

Reads tests/extractors/entities/data/heldout7.jsonl (built by bench/entities/build_heldout7.py),
takes every passage whose kind is "scan", renders its plain text with tools/synth_scan.py (one
paragraph per line of the text, serif and sans faces alternating) and degrades the page with a
fixed seed per passage: a skew of 1.5-4 degrees either way, blur and salt-and-pepper noise. Same
input, same PNGs. One PNG per passage, named by its id, in the folder given (default
bench/out/heldout7_scans/, which git ignores: the images are not committed). The ground truth for
each image is the passage's text and spans in the jsonl.

Rerun: ``.venv/bin/python -m bench.entities.render_heldout7_scans [OUT_DIR]``
"""

from __future__ import annotations

import argparse
import json
import random
import zlib
from pathlib import Path

from tools.synth_scan import degrade, render_page

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT / "tests/extractors/entities/data/heldout7.jsonl"
DEFAULT_OUT = ROOT / "bench/out/heldout7_scans"
NOISE = 0.003
DPI = 200


def scan_passages(corpus: Path = CORPUS) -> list[dict[str, object]]:
    """The passages of kind "scan", in file order."""
    docs = [json.loads(line) for line in corpus.read_text(encoding="utf-8").splitlines() if line]
    return [doc for doc in docs if doc.get("kind") == "scan"]


def render(doc: dict[str, object], index: int, out: Path) -> Path:
    """Render one passage to OUT/<id>.png with a seed fixed by its id."""
    doc_id = str(doc["id"])
    seed = zlib.crc32(doc_id.encode("utf-8"))
    rng = random.Random(seed)
    skew = rng.choice((-1, 1)) * rng.uniform(1.5, 4.0)
    paragraphs = [line for line in str(doc["text"]).split("\n") if line.strip()]
    font = "serif" if index % 2 == 0 else "sans"
    image, _lines = render_page(paragraphs, dpi=DPI, font_name=font)
    path = out / f"{doc_id}.png"
    degrade(image, skew, NOISE, seed).save(path)
    return path


def main(argv: list[str] | None = None) -> None:
    """Render every scan passage into the folder given."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, default=DEFAULT_OUT, help="output folder")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="heldout7.jsonl")
    args = parser.parse_args(argv)
    args.out.mkdir(parents=True, exist_ok=True)
    docs = scan_passages(args.corpus)
    for index, doc in enumerate(docs):
        print(render(doc, index, args.out))
    print(f"{len(docs)} pages -> {args.out}")


if __name__ == "__main__":
    main()
