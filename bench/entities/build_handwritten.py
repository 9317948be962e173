"""Turn the inline-annotated hand-written set into JSON Lines with offsets computed by code.

Run: .venv/bin/python -m bench.entities.build_handwritten
Reads tests/extractors/entities/data/{handwritten,heldout}.md, writes the .jsonl beside each.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
SOURCE = REPO / "tests" / "extractors" / "entities" / "data" / "handwritten.md"
MARK = re.compile(r"\[([^\]]+)\]\(([A-Z_]+)(?:=([^)]*))?\)")


def parse_marked(marked: str) -> tuple[str, list[dict[str, object]]]:
    """Strip [surface](LABEL=norm) marks; return plain text and spans with offsets."""
    out: list[str] = []
    spans: list[dict[str, object]] = []
    pos = 0
    length = 0
    for m in MARK.finditer(marked):
        before = marked[pos : m.start()]
        out.append(before)
        length += len(before)
        surface, label, norm = m.group(1), m.group(2), m.group(3)
        span: dict[str, object] = {"start": length, "end": length + len(surface), "label": label}
        if norm is not None:
            span["norm"] = norm
        spans.append(span)
        out.append(surface)
        length += len(surface)
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


def build(source: Path = SOURCE) -> list[dict[str, object]]:
    """One document per "<lang>: " line, continued by "+ " lines."""
    grouped: list[tuple[int, str, list[str]]] = []
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip() or line.startswith("#"):
            continue
        if line.startswith("+ "):
            grouped[-1][2].append(line[2:])
            continue
        lang, _, marked = line.partition(": ")
        grouped.append((number, lang, [marked]))
    docs = []
    for number, lang, parts in grouped:
        text, spans = parse_marked(" ".join(parts))
        prefixes = {"handwritten": "hw", "heldout": "ho"}
        prefix = prefixes.get(source.stem, "h" + source.stem[-1])
        docs.append({"id": f"{prefix}-{number:03d}", "lang": lang, "text": text, "spans": spans})
    return docs


def main() -> None:
    """Write handwritten.jsonl and heldout.jsonl beside their sources."""
    names = ("handwritten.md", *(f"heldout{n}.md" for n in ("", "2", "3", "4", "5")))
    for source in (SOURCE.with_name(name) for name in names):
        docs = build(source)
        target = source.with_suffix(".jsonl")
        with target.open("w", encoding="utf-8") as fh:
            for doc in docs:
                fh.write(json.dumps(doc, ensure_ascii=False) + "\n")
        print(f"{len(docs)} documents -> {target.relative_to(REPO)}")


if __name__ == "__main__":
    main()
