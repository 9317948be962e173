"""Synthetic annotated corpora: templates x Faker names (uk_UA, ru_RU, en_US), pymorphy3 cases.

Run: .venv/bin/python -m bench.entities.make_corpus [--docs 300] [--seed 4]
Writes data/eval/synthetic_{uk,ru,en}.jsonl. Seeded: reruns give the same files.
Gold conventions (docs/entities.md): prepositions and titles outside spans; call signs without
quotes; DATE norms ISO at the precision given, year from the nearest dated sentence, relative
dates from the last full date; PERSON norm = given, patronymic, surname in the nominative.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import random
from functools import lru_cache
from pathlib import Path

from faker import Faker

from bench.entities import corpus_slots as slots
from bench.entities.corpus_data import TEMPLATES

REPO = Path(__file__).resolve().parents[2]
OUT = REPO / "data" / "eval"


class Doc:
    """A document under construction: text pieces and gold spans."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.text = ""
        self.spans: list[dict[str, object]] = []
        self.years: list[tuple[int, int]] = []  # (offset, year) of dates with a year
        self.pending: list[dict[str, object]] = []  # spans whose norm needs the whole doc
        self.anchor: dt.date | None = None

    def add(self, piece: str) -> None:
        self.text += piece

    def ent(self, surface: str, label: str, norm: str | None = None) -> None:
        span: dict[str, object] = {
            "start": len(self.text),
            "end": len(self.text) + len(surface),
            "label": label,
        }
        if norm is not None:
            span["norm"] = norm
        self.spans.append(span)
        self.text += surface


def render(doc: Doc, template: str, fill: list[tuple[str, str, str | None]]) -> None:
    """Append a template; each {slot} in turn is replaced by (surface, label, norm) from `fill`."""
    pos = 0
    values = iter(fill)
    while True:
        open_ = template.find("{", pos)
        if open_ < 0:
            doc.add(template[pos:])
            return
        close = template.index("}", open_)
        doc.add(template[pos:open_])
        surface, label, norm = next(values)
        if surface.endswith(".") and template[close + 1 : close + 2] == ".":
            close += 1  # "Д.Г.." → "Д.Г."
        if label:
            doc.ent(surface, label, norm)
        else:
            doc.add(surface)
        pos = close + 1


def make_doc(lang: str, rnd: random.Random, fakers: dict[str, Faker], index: int) -> dict:
    """3-5 sentences from the language's templates, entities filled in."""
    doc = Doc(lang)
    gen = slots.SlotMaker(lang, rnd, fakers)
    templates = TEMPLATES[lang]
    first = rnd.choice([t for t in templates if "{DATE_FULL}" in t])
    chosen = [first] + rnd.sample(templates, k=rnd.randint(2, 4))
    for n, template in enumerate(chosen):
        if n:
            doc.add(" ")
        fill = gen.fill(template, doc)
        render(doc, template, fill)
        gen.after_sentence(doc)
    gen.finish(doc)
    return {"id": f"syn-{lang}-{index:04d}", "lang": lang, "text": doc.text, "spans": doc.spans}


@lru_cache(maxsize=1)
def _fakers(seed: int) -> dict[str, Faker]:
    out = {"uk": Faker("uk_UA"), "ru": Faker("ru_RU"), "en": Faker("en_US")}
    for f in out.values():
        f.seed_instance(seed)
    return out


def main() -> None:
    """Write the three corpora."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--docs", type=int, default=300)
    parser.add_argument("--seed", type=int, default=4)
    args = parser.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    for lang in ("uk", "ru", "en"):
        rnd = random.Random(f"{args.seed}-{lang}")
        fakers = _fakers(args.seed)
        docs = [make_doc(lang, rnd, fakers, i) for i in range(args.docs)]
        target = OUT / f"synthetic_{lang}.jsonl"
        with target.open("w", encoding="utf-8") as fh:
            for d in docs:
                fh.write(json.dumps(d, ensure_ascii=False) + "\n")
        spans = sum(len(d["spans"]) for d in docs)
        print(f"{lang}: {len(docs)} documents, {spans} spans -> {target.relative_to(REPO)}")


if __name__ == "__main__":
    main()
