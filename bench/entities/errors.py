"""List missed and spurious spans of an evaluation corpus (synthetic data only: prints text).

Run: .venv/bin/python -m bench.entities.errors data/eval/synthetic_uk.jsonl [LABEL]
"""

from __future__ import annotations

import sys
from pathlib import Path

from sestry.extractors.entities.evaluation import load_corpus
from sestry.extractors.entities.pipeline import find_entities_batch


def main() -> None:
    """Print FN / FP / wrong norm lines."""
    docs = load_corpus(Path(sys.argv[1]))
    only = sys.argv[2] if len(sys.argv) > 2 else None
    found = find_entities_batch([d.text for d in docs], [d.lang for d in docs])
    for doc, spans in zip(docs, found, strict=True):
        gold = {(g.start, g.end, g.label): g for g in doc.spans}
        got = {(s.start, s.end, s.label): s for s in spans}
        for key, g in gold.items():
            if only and key[2] != only:
                continue
            if key not in got:
                print(
                    f"FN {doc.id} {g.label:14} {doc.text[g.start : g.end]!r}  | {doc.text[:90]!r}"
                )
            elif g.norm is not None and got[key].norm != g.norm:
                print(f"NORM {doc.id} {g.label:12} {got[key].norm!r} != {g.norm!r}")
        for key, s in got.items():
            if only and key[2] != only:
                continue
            if key not in gold:
                print(f"FP {doc.id} {s.label:14} {s.text!r} {s.detector}  | {doc.text[:90]!r}")


if __name__ == "__main__":
    main()
