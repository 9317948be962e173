"""Throughput and peak memory of the default entity pipeline on Ukrainian text, one core.

Run: .venv/bin/python -m bench.entities.throughput [--copies 3] [--out FILE.md]
Text: the synthetic Ukrainian corpus (data/eval/synthetic_uk.jsonl), documents fed as a batch.
Measured side by side in one process: spaCy's tokenizer alone, pymorphy3 lemmatising every word
(the cost the brief quotes), and the full pipeline with cold and warm morphology caches.
Single process, so one core; other engineers share the machine, so absolute figures move, the
ratios measured in the same run are the stable part.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "data" / "eval" / "synthetic_uk.jsonl"


HANDWRITTEN = REPO / "tests" / "extractors" / "entities" / "data"


def _texts(copies: int) -> list[str]:
    docs = [json.loads(line)["text"] for line in CORPUS.read_text(encoding="utf-8").splitlines()]
    return docs * copies


def _handwritten_uk() -> list[str]:
    """The hand-written Ukrainian testimony (closer to real prose than the templates)."""
    out = []
    for name in ("handwritten.jsonl", "heldout.jsonl", "heldout2.jsonl"):
        for line in (HANDWRITTEN / name).read_text(encoding="utf-8").splitlines():
            doc = json.loads(line)
            if doc["lang"] == "uk":
                out.append(doc["text"])
    return out


def _rate(fn, texts: list[str]) -> tuple[float, float]:  # noqa: ANN001
    chars = sum(map(len, texts))
    start = time.process_time()
    fn(texts)
    seconds = time.process_time() - start
    return chars / seconds, seconds


def main() -> None:
    """Print and write the figures."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--copies", type=int, default=3, help="corpus repetitions per round")
    parser.add_argument("--out", type=Path, default=REPO / "bench/results/entities_throughput.md")
    args = parser.parse_args()
    texts = _texts(args.copies)
    chars = sum(map(len, texts))

    t0 = time.perf_counter()
    from sestry.extractors.entities import geonames, morph, org_phrases
    from sestry.extractors.entities.gazetteer import gazetteer
    from sestry.extractors.entities.namelists import name_lists
    from sestry.extractors.entities.pipeline import find_entities_batch, get_nlp

    for lang in ("uk", "ru", "en"):  # language detection may route a sentence to any of them
        get_nlp(lang)
    gazetteer()
    name_lists()
    morph.analyzer("uk")
    startup = time.perf_counter() - t0

    tokenizer = get_nlp("uk").tokenizer
    words = re.compile(r"\w+")
    analyzer = morph.analyzer("uk")

    def tokenize(batch: list[str]) -> None:
        for text in batch:
            tokenizer(text)

    def lemmatise(batch: list[str]) -> None:
        for text in batch:
            for w in words.findall(text):
                analyzer.parse(w.lower())[0].normal_form  # noqa: B018

    tok_rate, _ = _rate(tokenize, texts)
    morph_rate, _ = _rate(lemmatise, texts)
    for cache in (
        morph.parses, morph.word_info, morph.name_lemma, morph.reading_scores,
        geonames.geox_lemma, geonames._ru_geox, org_phrases._adjective,
        org_phrases._agrees, org_phrases._org_acronym, org_phrases._person_word,
        org_phrases._place, org_phrases._place_adj_cases, org_phrases._role,
    ):  # fmt: skip
        cache.cache_clear()
    prose = _handwritten_uk()
    prose_rate, _ = _rate(find_entities_batch, prose)  # first: its names are new too
    prose_chars = sum(map(len, prose))
    once = texts[: len(texts) // args.copies]  # each document once: every name is new
    cold_rate, cold_s = _rate(find_entities_batch, once)
    warm_rate, warm_s = _rate(find_entities_batch, texts)
    long_doc = "\n".join(texts[: len(texts) // args.copies])  # one long transcript
    long_rate, _ = _rate(find_entities_batch, [long_doc])
    peak_mib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    spans = sum(len(s) for s in find_entities_batch(texts[: len(texts) // args.copies]))

    lines = [
        "# Entity pipeline throughput (Ukrainian)",
        "",
        f"Command: `.venv/bin/python -m bench.entities.throughput --copies {args.copies}`",
        "",
        (
            f"Machine: {platform.machine()}, {os.cpu_count()} cores shared with other engineers "
            "running tests and benchmarks at the same time; CPU time of this one process "
            "(`time.process_time`), so figures are per core."
        ),
        (
            f"Text: data/eval/synthetic_uk.jsonl x {args.copies} = {len(texts)} documents, "
            f"{chars:,} characters, {spans} entities per copy."
        ),
        "",
        "| what | chars/s (one core) | vs pipeline (warm) |",
        "| --- | ---: | ---: |",
        f"| spaCy `uk` tokenizer alone | {tok_rate:,.0f} | {tok_rate / warm_rate:.1f}x |",
        (
            f"| pymorphy3 lemmatising every word (no cache) | {morph_rate:,.0f} | "
            f"{morph_rate / warm_rate:.2f}x |"
        ),
        (
            f"| **pipeline, cold caches, each document once** | {cold_rate:,.0f} ({cold_s:.2f} s) "
            "| "
            f"{cold_rate / warm_rate:.2f}x |"
        ),
        (
            f"| **pipeline, warm caches (names seen before)** | {warm_rate:,.0f} ({warm_s:.2f} s) "
            "| 1.00x |"
        ),
        (
            f"| pipeline, the corpus as one {len(long_doc):,}-char document (warm caches) | "
            f"{long_rate:,.0f} | {long_rate / warm_rate:.2f}x |"
        ),
        (
            f"| pipeline on the hand-written Ukrainian testimony ({prose_chars:,} chars, "
            f"cold caches) | {prose_rate:,.0f} | {prose_rate / warm_rate:.2f}x |"
        ),
        "",
        (
            f"Start-up (imports, spaCy blank pipeline, KATOTTG gazetteer, name lists, pymorphy3 "
            f"dictionary): {startup:.1f} s wall, once per process."
        ),
        f"Peak resident memory of the process: {peak_mib:,.0f} MiB.",
        "",
    ]
    report = "\n".join(lines)
    print(report)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
