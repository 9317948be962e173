"""Public NER corpora (news and fiction, not testimony) scored against sestry's PERSON/LOC/ORG.

The corpora are never committed (licences, size); get a local copy and point at it:

- lang-uk/ner-uk (CC BY-NC-SA 4.0): `git clone https://github.com/lang-uk/ner-uk` and pass
  `--ner-uk ner-uk/v2.0/data` (brat .txt + .ann pairs; PERS/LOC/ORG are scored).
- dialogue-evaluation/factRuEval-2016 (MIT): `git clone
  https://github.com/dialogue-evaluation/factRuEval-2016` and pass `--factru
  factRuEval-2016/testset` (.txt + .spans + .objects; Person/Location/Org objects; LocOrg
  counts as LOC).

Only PERSON, LOC and ORG are compared: other labels in either set are left out on both sides.
Strict = same offsets and label; lenient = overlapping span with the same label. Writes
bench/results/entities_public.md.

    .venv/bin/python -m bench.entities.public --ner-uk PATH [--factru PATH] [--limit N]
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LABELS = ("PERSON", "LOC", "ORG")
NER_UK = {"PERS": "PERSON", "LOC": "LOC", "ORG": "ORG"}
FACTRU = {"Person": "PERSON", "Location": "LOC", "LocOrg": "LOC", "Org": "ORG"}

Gold = tuple[str, str, list[tuple[int, int, str]]]  # (lang, text, spans)


def read_ner_uk(folder: Path) -> Iterator[Gold]:
    """brat pairs: "T1<TAB>PERS 0 17<TAB>surface" lines; discontinuous spans are skipped."""  # noqa: D301
    for ann in sorted(folder.rglob("*.ann")):
        txt = ann.with_suffix(".txt")
        if not txt.exists():
            continue
        text = txt.read_bytes().decode("utf-8-sig")  # offsets count "\r\n" as two
        spans = []
        for line in ann.read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) < 2 or not parts[0].startswith("T") or ";" in parts[1]:
                continue
            # brat "T1<TAB>PERS 0 17<TAB>text", or all tabs as in ner-uk v2.0
            fields = parts[1].split() if " " in parts[1] else parts[1:4]
            if len(fields) != 3 or fields[0] not in NER_UK:
                continue
            start, end = int(fields[1]), int(fields[2])
            if 0 <= start < end <= len(text):
                spans.append((start, end, NER_UK[fields[0]]))
        yield "uk", text, spans


def read_factru(folder: Path) -> Iterator[Gold]:
    """factRuEval: .spans lines "id type start length tok_start n_tokens # ..." and .objects
    lines "id Type span_id span_id ... # text"; an object's extent is its spans' hull."""
    for txt in sorted(folder.glob("*.txt")):
        spans_file, objects_file = txt.with_suffix(".spans"), txt.with_suffix(".objects")
        if not (spans_file.exists() and objects_file.exists()):
            continue
        text = txt.read_bytes().decode("utf-8-sig")  # offsets count "\r\n" as two
        extents: dict[str, tuple[int, int]] = {}
        for line in spans_file.read_text(encoding="utf-8-sig").splitlines():
            fields = line.split("#")[0].split()
            if len(fields) >= 4:
                extents[fields[0]] = (int(fields[2]), int(fields[2]) + int(fields[3]))
        spans = []
        for line in objects_file.read_text(encoding="utf-8-sig").splitlines():
            fields = line.split("#")[0].split()
            if len(fields) < 3 or fields[1] not in FACTRU:
                continue
            parts = [extents[i] for i in fields[2:] if i in extents]
            if parts:
                start, end = min(p[0] for p in parts), max(p[1] for p in parts)
                if 0 <= start < end <= len(text):
                    spans.append((start, end, FACTRU[fields[1]]))
        yield "ru", text, spans


def score(docs: list[Gold], found: list[list[tuple[int, int, str]]]) -> dict[str, dict]:
    """Per label: strict and lenient precision/recall."""
    out: dict[str, dict] = {}
    for label in LABELS:
        c = {"tp": 0, "fp": 0, "fn": 0, "ltp_g": 0, "ltp_f": 0, "gold": 0, "found": 0}
        for (_, _, gold), got in zip(docs, found, strict=True):
            g = {s for s in gold if s[2] == label}
            f = {s for s in got if s[2] == label}
            c["gold"] += len(g)
            c["found"] += len(f)
            c["tp"] += len(g & f)
            c["ltp_g"] += sum(any(a < y and x < b for x, y, _ in f) for a, b, _ in g)
            c["ltp_f"] += sum(any(a < y and x < b for x, y, _ in g) for a, b, _ in f)
        out[label] = {
            "gold": c["gold"],
            "strict_p": _r(c["tp"], c["found"]),
            "strict_r": _r(c["tp"], c["gold"]),
            "lenient_p": _r(c["ltp_f"], c["found"]),
            "lenient_r": _r(c["ltp_g"], c["gold"]),
        }
    return out


def _r(a: int, b: int) -> float:
    return round(a / b, 3) if b else 0.0


def run_sestry(docs: list[Gold]) -> tuple[list[list[tuple[int, int, str]]], float]:
    """sestry's spans of the three labels (CALLSIGN counted as PERSON), and CPU seconds."""
    from sestry.extractors.entities.pipeline import find_entities_batch

    start = time.process_time()
    found = find_entities_batch([t for _, t, _ in docs], [lang for lang, _, _ in docs])
    cpu = time.process_time() - start
    mapped = {"CALLSIGN": "PERSON"}
    return [
        [(s.start, s.end, mapped.get(s.label, s.label)) for s in spans
         if mapped.get(s.label, s.label) in LABELS]
        for spans in found
    ], cpu  # fmt: skip


def run_natasha(docs: list[Gold]) -> list[list[tuple[int, int, str]]] | None:
    """Natasha alone, when installed (the anchor the issue names)."""
    try:
        from sestry.extractors.entities.natasha_ner import natasha_spans
    except ImportError:
        return None
    try:
        return [[(s.start, s.end, s.label) for s in natasha_spans(t)] for _, t, _ in docs]
    except ImportError:
        return None


def _table(name: str, rows: list[tuple[str, dict[str, dict]]]) -> list[str]:
    lines = [f"### {name}", "", ("| system | label | gold | strict P | strict R | lenient P | "
             "lenient R |"), "| --- | --- | ---: | ---: | ---: | ---: | ---: |"]  # fmt: skip
    for system, scores in rows:
        for label, m in scores.items():
            lines.append(
                f"| {system} | {label} | {m['gold']} | {m['strict_p']:.3f} | {m['strict_r']:.3f} "
                f"| {m['lenient_p']:.3f} | {m['lenient_r']:.3f} |"
            )
    return [*lines, ""]


def main() -> None:
    """Convert, score, write the report."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--ner-uk", type=Path)
    parser.add_argument("--factru", type=Path)
    parser.add_argument("--limit", type=int, default=0, help="first N documents of each")
    parser.add_argument("--out", type=Path, default=ROOT / "bench/results/entities_public.md")
    args = parser.parse_args()
    from sestry.extractors.entities.pipeline import VERSION

    out = [
        "# Public corpora: PERSON, LOC, ORG (news and fiction, not testimony)",
        "",
        (
            f"Pipeline {VERSION}. Command: `.venv/bin/python -m bench.entities.public "
            "--ner-uk PATH --factru PATH` (local copies, never committed; see the docstring)."
        ),
        "",
    ]
    for name, reader, path in (
        ("lang-uk/ner-uk v2.0", read_ner_uk, args.ner_uk),
        ("factRuEval-2016 testset", read_factru, args.factru),
    ):
        if path is None:
            continue
        docs = list(reader(path))
        if args.limit:
            docs = docs[: args.limit]
        chars = sum(len(t) for _, t, _ in docs)
        found, cpu = run_sestry(docs)
        rows = [("sestry", score(docs, found))]
        natasha = run_natasha(docs) if name.startswith("factRu") else None
        if natasha is not None:
            rows.append(("Natasha alone", score(docs, natasha)))
        out += [(f"{len(docs)} documents, {chars:,} characters; sestry {chars / cpu:,.0f} chars/s "
                "(CPU, one core of a shared machine)."), ""]  # fmt: skip
        out += _table(name, rows)
    report = "\n".join(out)
    print(report)
    args.out.write_text(report, encoding="utf-8")


if __name__ == "__main__":
    main()
