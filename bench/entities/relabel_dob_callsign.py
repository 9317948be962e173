"""Move committed gold corpora to the entities-0.9.0 labels: DOB and CALLSIGN (issue 9).

Before 0.9.0 a date of birth was annotated DATE and a combatant's call sign PERSON. The new
convention (docs/entities.md): a DATE whose own words say it is a birth date ("р.н.", "г.р.",
"року народження", "born on", "дата народження:") is DOB; a PERSON right after a call-sign cue
("позивний", "позывной", "call sign", "кличка", "прізвисько") is CALLSIGN; "її звали …" and
"called …" introduce names as often as nicknames, so they stay PERSON (pseudonymised: fail
closed). Offsets and text never change. A date that took its year or its day from what is now a
DOB takes them from the nearest event instead (a birth date lends nothing, docs/entities.md).
Idempotent.

Rerun: `.venv/bin/python -m bench.entities.relabel_dob_callsign` (the corpora listed below).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from sestry.extractors.entities.dates import is_birth_date

REPO = Path(__file__).resolve().parents[2]
CORPORA = (
    *sorted((REPO / "data" / "eval").glob("synthetic_*.jsonl")),
    *(
        REPO / "tests/extractors/entities/data" / f"{name}.jsonl"
        for name in ("handwritten", "heldout", "heldout2", "heldout3", "heldout4", "heldout5")
    ),
    REPO / "tests/extractors/entities/data/heldout6.jsonl",
)
_CUE = re.compile(
    r"(?i:позивн\w*|позывн\w*|call\s?-?sign|кличк\w*|прізвиськ\w*|прозвищ\w*|nicknamed|nickname)"
    r"(?:\s*[:—–-])?(?:\s+(?i:був|була|был|была|is|was|його|її|его|её|him|her|одного|одну|"
    r"з|із|из|них|of|them|one)){0,4}\s*[«\"„“'‘]?$"
)


_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
_PARTIAL = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


def relabel(doc: dict) -> dict:
    """The document with DATE→DOB and PERSON→CALLSIGN where the convention says so."""
    text = doc["text"]
    births = []
    for span in doc["spans"]:
        start, end = span["start"], span["end"]
        if span["label"] == "DATE" and is_birth_date(text, start, end):
            span["label"] = "DOB"
            births.append(span)
        elif span["label"] == "PERSON" and _CUE.search(text[max(0, start - 48) : start]):
            span["label"] = "CALLSIGN"
    if births:
        _reyear(doc, births)
    return doc


def _reyear(doc: dict, births: list[dict]) -> None:
    """Dates that borrowed from a birth date borrow from the nearest event instead.

    A partial date ("червня", "з 2 по 11 червня") takes the year of the nearest dated event
    before it (else after; else none: "--06"); a relative date ("через тиждень") keeps its
    distance but from the last day-precise event before it (else it has no norm).
    """
    text, spans = doc["text"], doc["spans"]
    birth_years = {b["norm"][:4] for b in births if b.get("norm")}
    events = [s for s in spans if s["label"] == "DATE" and s.get("norm")]
    dated = [(s["start"], s["norm"][:4]) for s in events if _YEAR.search(_surface(text, s))]
    days = [(s["start"], s["norm"]) for s in events if _DAY.match(s["norm"])]
    for span in events:
        surface, norm = _surface(text, span), span["norm"]
        if _YEAR.search(surface):
            continue
        if not any(ch.isdigit() for ch in surface) and _DAY.match(norm):
            span["norm"] = _moved(norm, births, [d for d in days if d[0] < span["start"]])
            continue
        parts = norm.split("/")
        if not all(_PARTIAL.match(p) for p in parts) or parts[0][:4] not in birth_years:
            continue
        before = [y for at, y in dated if at < span["start"]]
        after = [y for at, y in dated if at > span["start"]]
        year = before[-1] if before else (after[0] if after else None)
        span["norm"] = "/".join(f"{year}{p[4:]}" if year else f"-{p[4:]}" for p in parts)


_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _surface(text: str, span: dict) -> str:
    return text[span["start"] : span["end"]]


def _moved(norm: str, births: list[dict], anchors: list[tuple[int, str]]) -> str | None:
    """A relative date counted from a birth date, counted from the last event day instead."""
    import datetime as dt

    birth_days = [b["norm"] for b in births if b.get("norm") and _DAY.match(b["norm"])]
    target = dt.date.fromisoformat(norm)
    near = [b for b in map(dt.date.fromisoformat, birth_days) if abs((target - b).days) <= 31]
    base = near[0] if near else None
    if base is None:
        return norm  # it was counted from an event, not from the birth date
    if not anchors:
        return None
    return (dt.date.fromisoformat(anchors[-1][1]) + (target - base)).isoformat()


def relabel_file(path: Path) -> int:
    """Rewrite one JSON Lines corpus in place; return how many spans changed label."""
    lines = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    before = [s["label"] for d in lines for s in d["spans"]]
    docs = [relabel(d) for d in lines]
    after = [s["label"] for d in docs for s in d["spans"]]
    out = "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs)
    path.write_text(out, encoding="utf-8")
    return sum(a != b for a, b in zip(before, after, strict=True))


def main() -> None:
    for path in CORPORA:
        print(f"{path.relative_to(REPO)}: {relabel_file(path)} spans relabelled")


if __name__ == "__main__":
    main()
