"""Scoring against an annotated corpus: exact offsets and label, per label and micro-averaged.

Corpus: JSON Lines, one document a line:
{"id": "...", "lang": "uk", "text": "...", "spans": [{"start": 0, "end": 5, "label": "PERSON",
"norm": "..."}]} ("norm" optional: when given, the found span's norm is checked too).
Unknown keys are ignored (annotation tools add their own). Two tools' exports are read too,
chosen by `fmt` or detected per line: Prodigy spans JSONL ({"text", "spans": [{"start", "end",
"label", "text", "token_start"...}], "meta", "_input_hash", "answer"}; rejected or ignored
answers are skipped) and doccano JSONL ({"text", "label": [[start, end, "LABEL"]]} or
{"text", "entities": [{"start_offset", "end_offset", "label"}]}). A bad line is named by its
number and the field that is wrong ("line 3: spans.1.label: unknown label"), never its text.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from sestry.core.errors import UsageError
from sestry.extractors.entities.base import Span
from sestry.schemas.tables import LABELS


class GoldSpan(BaseModel):
    """One annotated entity."""

    model_config = ConfigDict(extra="ignore")

    start: int = Field(ge=0, description="First character (offset into text).")
    end: int = Field(gt=0, description="One past the last character.")
    label: str = Field(description="One of schemas.tables.LABELS.")
    norm: str | None = Field(default=None, description="Expected normalised key (optional).")
    role: str | None = Field(default=None, description="Person's role (sestry review export).")


class GoldDoc(BaseModel):
    """One annotated document."""

    model_config = ConfigDict(extra="ignore")

    id: str = Field(description="Document id, unique in the corpus.")
    lang: str | None = Field(default=None, description="uk, ru, en, or null to detect.")
    text: str = Field(description="The document text.")
    spans: list[GoldSpan] = Field(default_factory=list, description="Gold entities.")
    approved: list[str] = Field(
        default_factory=list, description="Profiles a reviewer approved (sestry review export)."
    )

    @model_validator(mode="after")
    def _spans_fit(self) -> GoldDoc:
        for i, s in enumerate(self.spans):
            if s.end > len(self.text) or s.start >= s.end:
                raise ValueError(f"spans.{i}: span outside the text")
            if s.label not in LABELS:
                raise ValueError(f"spans.{i}.label: unknown label")
        return self


FORMATS = ("auto", "sestry", "prodigy", "doccano")
# Label names other tools and corpora use for ours.
_LABEL_ALIASES = {"PER": "PERSON", "PERS": "PERSON", "GPE": "LOC", "LOCATION": "LOC",
                  "ORGANIZATION": "ORG", "ORGANISATION": "ORG"}  # fmt: skip


def detect_format(obj: dict[str, Any]) -> str:
    """Which tool wrote this line: doccano (label lists, entities with offsets), Prodigy
    (spans without an id, or its meta/_input_hash keys), else sestry's own."""
    if isinstance(obj.get("label"), list) or (
        isinstance(obj.get("entities"), list)
        and any(isinstance(e, dict) and "start_offset" in e for e in obj["entities"])
    ):
        return "doccano"
    if "_input_hash" in obj or "_task_hash" in obj or ("spans" in obj and "id" not in obj):
        return "prodigy"
    return "sestry"


def to_sestry(obj: dict[str, Any], fmt: str, number: int) -> dict[str, Any] | None:
    """One line of any supported format as a sestry document dict (None: skip the line)."""
    if fmt == "auto":
        fmt = detect_format(obj)
    meta = obj.get("meta") if isinstance(obj.get("meta"), dict) else {}
    if fmt == "sestry":
        spans = obj.get("spans", [])
    elif fmt == "prodigy":
        if obj.get("answer") in ("reject", "ignore"):
            return None
        spans = obj.get("spans") or []
    else:
        raw = obj.get("label") if isinstance(obj.get("label"), list) else obj.get("entities", [])
        spans = [
            {"start": e[0], "end": e[1], "label": e[2]}
            if isinstance(e, list | tuple) and len(e) == 3
            else {"start": e.get("start_offset"), "end": e.get("end_offset"),
                  "label": e.get("label")} if isinstance(e, dict) else e
            for e in raw or []
        ]  # fmt: skip
    if isinstance(spans, list):
        spans = [_aliased(s) for s in spans]
    doc_id = obj.get("id", meta.get("id", obj.get("_input_hash", f"line-{number}")))
    return {
        "id": str(doc_id),
        "lang": obj.get("lang", meta.get("lang")),
        "text": obj.get("text"),
        "spans": spans,
    }


def _aliased(span: object) -> object:
    if isinstance(span, dict) and isinstance(span.get("label"), str):
        label = span["label"].upper()
        return {**span, "label": _LABEL_ALIASES.get(label, label)}
    return span


def _where(exc: ValidationError) -> str:
    """ "spans.1.label: missing": the field and pydantic's reason code, never the value."""
    err = exc.errors(include_input=False, include_url=False)[0]
    loc = ".".join(str(x) for x in err["loc"])
    msg = str(err.get("msg", ""))
    if err["type"] == "value_error" and ": " in msg:
        return msg.removeprefix("Value error, ")
    return f"{loc}: {err['type']}" if loc else err["type"]


def load_corpus(path: Path, fmt: str = "auto") -> list[GoldDoc]:
    """Parse and validate a corpus; UsageError (exit 2) names the bad line and field, never
    its text."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown corpus format {fmt!r}; one of {', '.join(FORMATS)}")
    try:
        raw = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise UsageError(f"cannot read corpus {path.name}: {type(exc).__name__}") from None
    docs: list[GoldDoc] = []
    for number, line in enumerate(raw.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError:
            raise UsageError(f"{path.name}: line {number}: invalid JSON") from None
        if not isinstance(obj, dict):
            raise UsageError(f"{path.name}: line {number}: invalid document: not an object")
        doc = to_sestry(obj, fmt, number)
        if doc is None:
            continue
        try:
            docs.append(GoldDoc.model_validate(doc))
        except ValidationError as exc:
            raise UsageError(
                f"{path.name}: line {number}: invalid document: {_where(exc)}"
            ) from None
    if not docs:
        raise UsageError(f"{path.name}: no documents")
    return docs


@dataclass
class Scores:
    """Counts per label; precision/recall/f1 derived."""

    tp: Counter[str] = field(default_factory=Counter)
    fp: Counter[str] = field(default_factory=Counter)
    fn: Counter[str] = field(default_factory=Counter)
    norm_checked: Counter[str] = field(default_factory=Counter)
    norm_exact: Counter[str] = field(default_factory=Counter)
    documents: int = 0

    def add(self, gold: Iterable[GoldSpan], found: Iterable[Span]) -> None:
        """Add one document: exact (start, end, label) matches count."""
        self.documents += 1
        gold_by_key = {(g.start, g.end, g.label): g for g in gold}
        found_by_key = {(s.start, s.end, s.label): s for s in found}
        for key, g in gold_by_key.items():
            if key in found_by_key:
                self.tp[g.label] += 1
                if g.norm is not None:
                    self.norm_checked[g.label] += 1
                    self.norm_exact[g.label] += found_by_key[key].norm == g.norm
            else:
                self.fn[g.label] += 1
        for key in found_by_key:
            if key not in gold_by_key:
                self.fp[key[2]] += 1

    def report(self) -> dict[str, object]:
        """{"labels": {L: {precision, recall, f1, support, ...}}, "micro": {...}, "norm": {...}}."""
        labels = sorted(set(self.tp) | set(self.fp) | set(self.fn), key=_label_order)
        out: dict[str, object] = {
            "labels": {lab: _prf(self.tp[lab], self.fp[lab], self.fn[lab]) for lab in labels},
            "micro": _prf(sum(self.tp.values()), sum(self.fp.values()), sum(self.fn.values())),
            "norm": {
                lab: {
                    "checked": self.norm_checked[lab],
                    "exact": self.norm_exact[lab],
                    "rate": _ratio(self.norm_exact[lab], self.norm_checked[lab]),
                }
                for lab in sorted(self.norm_checked, key=_label_order)
            },
            "documents": self.documents,
        }
        return out


def _label_order(label: str) -> int:
    return LABELS.index(label) if label in LABELS else len(LABELS)


def _ratio(a: int, b: int) -> float:
    return round(a / b, 4) if b else 0.0


def _prf(tp: int, fp: int, fn: int) -> dict[str, float | int]:
    p = _ratio(tp, tp + fp)
    r = _ratio(tp, tp + fn)
    f = round(2 * p * r / (p + r), 4) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f, "support": tp + fn, "tp": tp, "fp": fp, "fn": fn}


def evaluate(docs: Sequence[GoldDoc]) -> dict[str, object]:
    """Run the pipeline on every document and score it."""
    from sestry.extractors.entities.pipeline import find_entities_batch

    found = find_entities_batch([d.text for d in docs], [d.lang for d in docs])
    scores = Scores()
    for doc, spans in zip(docs, found, strict=True):
        scores.add(doc.spans, spans)
    return scores.report()
