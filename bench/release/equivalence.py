"""Check that the residual pass's windows change nothing: windowed against whole-text spans.

    .venv/bin/python -m bench.release.equivalence [--profile prosecution] [--join 6]
        [--keep-people] [--spacer 0]

Documents are made of `--join` committed corpus texts of one language (data/eval, the held-out
sets). The corpus names someone in nearly every sentence, so under a profile that replaces
names the windows read all of it; `--keep-people` keeps PERSON (and CALLSIGN) in the profile,
so only the rarer identifiers are replaced and the windows cut through text full of kept
entities, where their edges would show. `--spacer N` puts N words of plain sentences (no
entity) between the joined texts, so the windows around a text's replacements end in them.
Each is "ingested" with the pipeline, "redacted" (every span the profile does not keep
replaced by a marker of another length), then analysed by the residual pass twice: with the
ingest answers and the running pipeline's version (windows, text_windows.py) and without (the
whole text). Prints the number of documents, how much of the text the windows read, and every
document whose spans (offsets and labels) or findings differ: offsets only, never text.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
CORPORA = [
    *sorted((REPO / "data" / "eval").glob("synthetic_*.jsonl")),
    *sorted((REPO / "tests" / "extractors" / "entities" / "data").glob("heldout*.jsonl")),
]


def documents(join: int, spacer: int = 0) -> list[tuple[str, str]]:
    """(text, language) of documents of `join` corpus texts each, per language, `spacer`
    words of plain sentences between them."""
    words = [_SPACER[(i * 7) % len(_SPACER)] for i in range(spacer)]
    sentences = [" ".join(words[i : i + 9]) for i in range(0, len(words), 9)]
    gap = "\n\n" + " ".join(s.capitalize() + "." for s in sentences) + "\n\n" if spacer else "\n\n"
    by_lang: dict[str, list[str]] = {}
    for path in CORPORA:
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            if item.get("lang") in ("uk", "ru", "en") and item.get("text"):
                by_lang.setdefault(item["lang"], []).append(item["text"])
    out = []
    for lang, texts in sorted(by_lang.items()):
        for i in range(0, len(texts) - join + 1, join):
            out.append((gap.join(texts[i : i + join]), lang))
    return out


_SPACER = (
    "evening", "window", "corridor", "question", "silence", "door", "cold", "water", "bread",
    "blanket", "noise", "morning", "wall", "floor", "light", "voice", "room", "chair", "table",
    "and", "then", "we", "waited", "for", "a", "long", "time",
)  # fmt: skip


def main() -> None:
    from sestry.extractors.entities.fingerprint import fingerprint
    from sestry.extractors.entities.pipeline import find_entities_batch
    from sestry.redaction.profiles import load_profile
    from sestry.release import residual, text_windows

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--profile", default="prosecution")
    parser.add_argument("--join", type=int, default=6)
    parser.add_argument("--keep-people", action="store_true")
    parser.add_argument("--spacer", type=int, default=0)
    args = parser.parse_args()
    profile = load_profile(args.profile)
    if args.keep_people:
        profile = profile.model_copy(
            update={"labels": {**profile.labels, "PERSON": "keep", "CALLSIGN": "keep"}}
        )
    docs = documents(args.join, args.spacer)
    originals = [t for t, _ in docs]
    langs = [lang for _, lang in docs]
    ingest = find_entities_batch(originals, langs)
    texts, released = [], []
    for text, spans in zip(originals, ingest, strict=True):
        out, rel, shift = [], [], 0
        cursor = 0
        for s in spans:
            spec = profile.operator(s.label)
            out.append(text[cursor : s.start])
            marker = f"[{s.label}-{len(s.text) % 7}]"
            start = s.start + shift
            if spec.kind == "keep":
                marker = s.text
            out.append(marker)
            rel.append(residual.Released(start, start + len(marker), s.label, spec.kind))
            shift += len(marker) - (s.end - s.start)
            cursor = s.end
        out.append(text[cursor:])
        texts.append("".join(out))
        released.append(rel)
    version = fingerprint()
    read = total = 0
    for text, original, rel, spans, lang in zip(
        texts, originals, released, ingest, langs, strict=True
    ):
        plan = text_windows.plan_windows(
            original,
            residual.blank(text, [(r.start, r.end) for r in rel if r.operator != "keep"]),
            [(r.start, r.end) for r in rel if r.operator != "keep"],
            spans,
            lang,
            version,
            version,
        )
        total += len(text)
        read += len(text) if plan is None else sum(b - a for a, b in plan.read)
    both = {}
    for name, versions in (("windows", [version] * len(docs)), ("whole", None)):
        residual._CACHE.clear()
        replaced = [[(r.start, r.end) for r in rel if r.operator != "keep"] for rel in released]
        masked = [residual.blank(t, r) for t, r in zip(texts, replaced, strict=True)]
        spans = residual._analyse(
            masked,
            langs,
            replaced,
            originals,
            ingest,
            versions or [None] * len(docs),
            profile,
        )
        found = residual.residual_spans(
            texts, langs, released, profile, None, originals, ingest, versions
        )
        both[name] = (
            [sorted((s.start, s.end, s.label, s.detector) for s in d) for d in spans],
            [sorted((s.start, s.end, s.label) for s in d) for d in found],
        )
    differ = [
        i
        for i in range(len(docs))
        if both["windows"][0][i] != both["whole"][0][i]
        or both["windows"][1][i] != both["whole"][1][i]
    ]
    sys.stdout.write(
        f"documents {len(docs)}, characters {total}, read by the windows {read / total:.0%}, "
        f"findings {sum(map(len, both['whole'][1]))}, differ {len(differ)}\n"
    )
    for i in differ[:20]:
        spans_w, spans_a = set(both["windows"][0][i]), set(both["whole"][0][i])
        sys.stdout.write(
            f"  doc {i} ({langs[i]}): only windows {sorted(spans_w - spans_a)}, "
            f"only whole {sorted(spans_a - spans_w)}\n"
        )
    raise SystemExit(1 if differ else 0)


if __name__ == "__main__":
    main()
