"""Russian text with and without Natasha: scores and CPU throughput, side by side.

Each variant runs in its own process (SESTRY_NATASHA=0 / 1), so both start with cold caches.
Writes bench/results/entities_natasha.md.

    .venv/bin/python -m bench.entities.natasha
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORPORA = (
    ROOT / "data" / "eval" / "synthetic_ru.jsonl",
    ROOT / "tests" / "extractors" / "entities" / "data" / "handwritten.jsonl",
)


def measure(path: Path) -> dict[str, object]:
    """Score and time the pipeline on the Russian documents of one corpus (this process)."""
    from sestry.extractors.entities.evaluation import Scores, load_corpus
    from sestry.extractors.entities.pipeline import find_entities_batch, get_nlp

    docs = [d for d in load_corpus(path) if d.lang == "ru"]
    get_nlp("ru")
    if os.environ.get("SESTRY_NATASHA") != "0":
        from sestry.extractors.entities import natasha_ner

        natasha_ner.natasha_spans("Загрузка.")  # weights loaded before timing, like get_nlp
    start = time.process_time()
    found = find_entities_batch([d.text for d in docs], [d.lang for d in docs])
    cpu = time.process_time() - start
    scores = Scores()
    for doc, spans in zip(docs, found, strict=True):
        scores.add(doc.spans, spans)
    report = scores.report()
    chars = sum(len(d.text) for d in docs)
    labels: dict[str, dict[str, float]] = report["labels"]  # type: ignore[assignment]
    return {
        "docs": len(docs),
        "chars": chars,
        "chars_per_s": round(chars / cpu) if cpu else 0,
        "micro": report["micro"],
        **{lab: labels[lab] for lab in ("PERSON", "LOC", "ORG") if lab in labels},
    }


def _row(name: str, variant: str, r: dict) -> str:
    cells = [name, variant, f"{r['docs']}", f"{r['chars_per_s']:,}"]
    for lab in ("micro", "PERSON", "LOC", "ORG"):
        m = r.get(lab)
        cells.append(f"{m['precision']:.3f} / {m['recall']:.3f}" if m else "-")
    return "| " + " | ".join(cells) + " |"


def main() -> None:
    """Run both variants on every corpus and write the table."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/entities_natasha.md")
    args = parser.parse_args()
    if args.one:
        print(json.dumps(measure(args.one)))
        return
    rows = []
    for path in CORPORA:
        for flag, variant in (("0", "rules"), ("1", "rules + Natasha")):
            env = {**os.environ, "SESTRY_NATASHA": flag}
            out = subprocess.run(
                [sys.executable, "-m", "bench.entities.natasha", "--one", str(path)],
                env=env, cwd=ROOT, capture_output=True, text=True, check=True,
            ).stdout  # fmt: skip
            rows.append(_row(path.name, variant, json.loads(out.strip().splitlines()[-1])))
    report = "\n".join([
        "# Russian NER: rules alone and rules + Natasha",
        "",
        "Command: `.venv/bin/python -m bench.entities.natasha` (each variant in its own process,",
        "cold caches; CPU time of `find_entities_batch` on the corpus's Russian documents, one",
        "core of a shared 2-core machine). Precision / recall: exact offsets and label.",
        "",
        "| corpus | variant | docs | chars/s | micro P/R | PERSON P/R | LOC P/R | ORG P/R |",
        "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |",
        *rows,
        "",
    ])  # fmt: skip
    print(report)
    args.out.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
