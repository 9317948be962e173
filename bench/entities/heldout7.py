"""Score held-out set 7 (tests/extractors/entities/data/heldout7.jsonl) three ways, per language.

- strict: exact offsets and the gold label (DOB and CALLSIGN are labels of their own);
- lenient: any overlap with the gold label;
- covered: any overlap with any label: what redaction would at least see (fail closed);
- norm exact: of the strict matches whose gold span carries a `norm`, the share whose found norm
  is the same string (ISO dates, name keys); `checked` says how many had one. Sets 7-9 carry no
  norms (nothing is checked); set 10's DATE and DOB spans and sets 1-5 do.

With `--scans DIR` the 10 `kind: scan` passages are also read from the PNGs that
`bench/entities/render_heldout7_scans.py` wrote into DIR: OCRed by sestry's own OCR with no
language hint, the character error rate measured against the gold text, and each gold span
counted as covered when a detected span on the OCR text overlaps the place where its surface (or
its closest OCR reading) stands.

Rerun: `.venv/bin/python -m bench.entities.render_heldout7_scans` then
`.venv/bin/python -m bench.entities.heldout7 --scans bench/out/heldout7_scans --json`.
Another set with the same format (set 8): `--corpus tests/extractors/entities/data/heldout8.jsonl`
here and in the renderer, with its own scan folder.
"""

from __future__ import annotations

import argparse
import difflib
import json
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parents[2] / "tests/extractors/entities/data/heldout7.jsonl"
LANGS = ("uk", "ru", "en")


@dataclass
class Tally:
    """tp/fp/fn per label for one matching rule."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)

    def table(self) -> dict[str, dict[str, float | int]]:
        labels = sorted(set(self.tp) | set(self.fn) | set(self.fp))
        rows = {lab: _prf(self.tp[lab], self.fp[lab], self.fn[lab]) for lab in labels}
        rows["micro"] = _prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values()))
        return rows


@dataclass
class NormTally:
    """Per label: strict matches whose gold has a norm (checked), and how many norms agree."""

    checked: Counter[str] = field(default_factory=Counter)
    exact: Counter[str] = field(default_factory=Counter)

    def add(self, gold: list[dict], found: dict[tuple[int, int, str], str | None]) -> None:
        """Count one document's strict matches whose gold span has a norm."""
        for g in gold:
            key = (g["start"], g["end"], g["label"])
            if g.get("norm") is None or key not in found:
                continue
            self.checked[g["label"]] += 1
            self.exact[g["label"]] += found[key] == g["norm"]

    def table(self) -> dict[str, dict[str, float | int]]:
        rows = {lab: _exact(self.exact[lab], self.checked[lab]) for lab in sorted(self.checked)}
        rows["micro"] = _exact(sum(self.exact.values()), sum(self.checked.values()))
        return rows


def _exact(exact: int, checked: int) -> dict[str, float | int]:
    return {"exact": round(exact / checked, 3) if checked else 0.0, "checked": checked}


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": round(p, 3), "recall": round(r, 3), "support": tp + fn, "fp": fp}


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def score(gold: list[dict], found: list[tuple[int, int, str]], tallies: dict[str, Tally]) -> None:
    """Add one document to the strict, lenient and covered tallies."""
    strict, lenient, covered = tallies["strict"], tallies["lenient"], tallies["covered"]
    found_keys = set(found)
    gold_keys = {(g["start"], g["end"], g["label"]) for g in gold}
    for g in gold:
        key = (g["start"], g["end"], g["label"])
        span = (g["start"], g["end"])
        (strict.tp if key in found_keys else strict.fn)[g["label"]] += 1
        same = any(_overlaps(span, (s, e)) and lab == g["label"] for s, e, lab in found)
        (lenient.tp if same else lenient.fn)[g["label"]] += 1
        anything = any(_overlaps(span, (s, e)) for s, e, _ in found)
        (covered.tp if anything else covered.fn)[g["label"]] += 1
    for s, e, lab in found:
        if (s, e, lab) not in gold_keys:
            strict.fp[lab] += 1
        if not any(_overlaps((s, e), (g["start"], g["end"])) and g["label"] == lab for g in gold):
            lenient.fp[lab] += 1
        if not any(_overlaps((s, e), (g["start"], g["end"])) for g in gold):
            covered.fp[lab] += 1


def cer(reference: str, hypothesis: str) -> float:
    """Character error rate (Levenshtein distance / reference length), spaces collapsed."""
    ref, hyp = " ".join(reference.split()), " ".join(hypothesis.split())
    previous = list(range(len(hyp) + 1))
    for i, rc in enumerate(ref, 1):
        current = [i]
        for j, hc in enumerate(hyp, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (rc != hc)))
        previous = current
    return previous[-1] / max(len(ref), 1)


def locate(surface: str, text: str) -> tuple[int, int] | None:
    """Where `surface` (or its closest reading, ratio >= 0.7) stands in OCR `text`."""
    at = text.find(surface)
    if at >= 0:
        return at, at + len(surface)
    best, where = 0.0, None
    size = len(surface)
    for start in range(0, max(len(text) - size + 1, 1)):
        ratio = difflib.SequenceMatcher(None, surface, text[start : start + size]).ratio()
        if ratio > best:
            best, where = ratio, (start, start + size)
    return where if best >= 0.7 else None


def score_scans(docs: list[dict], folder: Path) -> dict[str, object]:
    """OCR each scan passage's page with no hint; CER and span coverage on the OCR text."""
    from PIL import Image

    from sestry.core.settings import Settings
    from sestry.extractors.base import ItemInfo
    from sestry.extractors.entities.pipeline import find_entities
    from sestry.extractors.ocr_extraction import ocr_func

    settings = Settings.load("/nonexistent-heldout7")
    # the extractors' own page OCR: language per page from its first pass, no sidecar hint
    read_page = ocr_func(settings, ItemInfo("0" * 64, "scan.png", 0, "image/png", None))
    rows, covered, missing_on_page = [], Counter(), Counter()
    support = Counter()
    for doc in docs:
        with Image.open(folder / f"{doc['id']}.png") as image:
            page = read_page(1, image.convert("RGB"))
        text = page.text
        spans = [(s.start, s.end) for s in find_entities(text)]
        for g in doc["spans"]:
            support[g["label"]] += 1
            where = locate(doc["text"][g["start"] : g["end"]], text)
            if where is None:
                missing_on_page[g["label"]] += 1
            elif any(_overlaps(where, s) for s in spans):
                covered[g["label"]] += 1
        rows.append({"id": doc["id"], "lang": doc["lang"], "cer": round(cer(doc["text"], text), 4)})
    return {
        "pages": rows,
        "coverage": {
            lab: {
                "covered": covered[lab],
                "support": support[lab],
                "not_found_in_ocr": missing_on_page[lab],
            }
            for lab in sorted(support)
        },
        "covered_total": round(sum(covered.values()) / max(sum(support.values()), 1), 3),
    }


def evaluate(docs: list[dict]) -> dict[str, object]:
    """Strict, lenient, covered and norm-exact tables per language (and "all") for `docs`."""
    from sestry.extractors.entities.pipeline import VERSION, find_entities_batch

    found = find_entities_batch([d["text"] for d in docs], [d["lang"] for d in docs])
    out: dict[str, object] = {"version": VERSION, "documents": len(docs)}
    for lang in (*LANGS, "all"):
        tallies = {name: Tally() for name in ("strict", "lenient", "covered")}
        norms = NormTally()
        for doc, spans in zip(docs, found, strict=True):
            if lang in (doc["lang"], "all"):
                score(doc["spans"], [(s.start, s.end, s.label) for s in spans], tallies)
                norms.add(doc["spans"], {(s.start, s.end, s.label): s.norm for s in spans})
        out[lang] = {name: tally.table() for name, tally in tallies.items()}
        out[lang]["norm"] = norms.table()  # type: ignore[index]
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--scans", type=Path, help="folder of rendered scan PNGs")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="a held-out set's JSONL")
    args = parser.parse_args()

    lines = args.corpus.read_text(encoding="utf-8").splitlines()
    docs = [json.loads(line) for line in lines if line]
    out = evaluate(docs)
    if args.scans:
        out["scans"] = score_scans([d for d in docs if d.get("kind") == "scan"], args.scans)
    if args.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return
    for lang in (*LANGS, "all"):
        print(f"== {lang}")
        for name, table in out[lang].items():  # type: ignore[union-attr]
            if name == "norm":
                cells = ", ".join(
                    f"{lab} {row['exact']:.3f} of {row['checked']}" for lab, row in table.items()
                )
                print(f"  norm exact: {cells}")
                continue
            cells = ", ".join(f"{lab} {row['recall']:.3f}" for lab, row in table.items())
            print(f"  {name} recall: {cells}")


if __name__ == "__main__":
    main()
