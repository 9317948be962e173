"""The workbench's model: the review queue, one document as the reviewer and the partner see it,
and recording a decision (annotations table + a `review` ledger event with ids and digests).

Plain functions over the data dir; the HTTP layer (server.py) only parses and renders. Nothing
here logs text.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from sestry.core.digest import b3_file
from sestry.core.errors import UsageError
from sestry.core.settings import Settings
from sestry.custody.ledger import Ledger
from sestry.redaction import text as textops
from sestry.redaction.decisions import SPAN_ACTIONS, anchor, approved, span_hash
from sestry.redaction.engine import redact_document
from sestry.redaction.profiles import Profile, load_profile
from sestry.redaction.pseudonyms import derive_pseudonym_key
from sestry.redaction.review_gate import review_gate
from sestry.redaction.terms import TermMatcher, default_lemmatizer
from sestry.review.status import blocked_redactions
from sestry.schemas.annotations import AnnotationError, append_decision, read_decisions
from sestry.schemas.dataset import known_doc_ids, read_table
from sestry.schemas.tables import LABELS

log = logging.getLogger(__name__)
REVIEW = "review"


@dataclass
class QueueRow:
    """One document in the queue: ids, case, state and counts (no text)."""

    doc_id: str
    source_name: str
    case_id: str | None
    kind: str
    language: str | None
    consented: bool
    state: str  # not_reviewed | reviewed | approved
    counts: dict[str, int] = field(default_factory=dict)


def _documents(settings: Settings, doc_ids: list[str] | None = None) -> list[dict[str, Any]]:
    return read_table(settings.dataset_dir, "documents", doc_ids).to_pylist()


def queue(settings: Settings, profile: Profile) -> tuple[list[QueueRow], list[dict[str, Any]]]:
    """Every document by case with its review state for `profile`, and blocked redactions."""
    documents, entities, _ = _dataset_rows(str(settings.data_dir), _dataset_stamp(settings))
    decisions = read_decisions(settings.data_dir)
    touched = Counter(str(d["doc_id"]) for d in decisions)
    ok = approved(decisions, profile.name)
    counts: dict[str, Counter[str]] = {}
    for row in entities:
        counts.setdefault(row["doc_id"], Counter())[row["label"]] += 1
    rows = []
    for doc in documents:
        doc_id = doc["doc_id"]
        state = "approved" if doc_id in ok else "reviewed" if touched[doc_id] else "not_reviewed"
        rows.append(
            QueueRow(
                doc_id=doc_id,
                source_name=str(doc.get("source_name") or ""),
                case_id=doc.get("case_id"),
                kind=str(doc["kind"]),
                language=doc.get("language"),
                consented=profile.requires_consent in (doc.get("consent") or []),
                state=state,
                counts=dict(sorted(counts.get(doc_id, Counter()).items())),
            )
        )
    rows.sort(key=lambda r: (r.case_id or "", r.source_name, r.doc_id))
    return rows, [b for b in blocked_redactions(settings) if b["profile"] == profile.name]


def _dataset_stamp(settings: Settings) -> int:
    """Changes whenever a document is (re)written or withdrawn: the folders' modification times
    (a batch adds table files; every batch, a withdrawal too, adds a commit record)."""
    stamp = 0
    for name in ("documents", "entities", "segments", "_commits"):
        folder = settings.dataset_dir / name
        stamp += folder.stat().st_mtime_ns if folder.is_dir() else 0
    return stamp


@lru_cache(maxsize=2)
def _dataset_rows(data_dir: str, stamp: int) -> tuple[list[dict[str, Any]], ...]:
    """Documents, entities and speaker labels of the whole dataset, read once per dataset
    change (reading a few hundred Parquet files costs seconds; decisions are applied later)."""
    settings = Settings.load(data_dir)
    documents = _documents(settings)
    entities = read_table(settings.dataset_dir, "entities").to_pylist()
    speakers = read_table(settings.dataset_dir, "segments").column("speaker").to_pylist()
    return documents, entities, speakers


@lru_cache(maxsize=8)
def _matcher(data_dir: str, profile_name: str, stamp: tuple[int, int]) -> TermMatcher:
    """Leak terms of the whole dataset for the sweep (cached until decisions or data change)."""
    settings = Settings.load(data_dir)
    profile = load_profile(profile_name, settings)
    documents, rows, speakers = _dataset_rows(data_dir, stamp[1])
    gate = review_gate(settings.data_dir, documents, rows, profile)
    lemmatizer = default_lemmatizer()
    return TermMatcher(
        textops.build_terms(gate.entities, profile, lemmatizer, speakers), lemmatizer
    )


def document_view(settings: Settings, doc_id: str, profile: Profile) -> dict[str, Any]:
    """One document for the reviewer: text, entities with what the profile does, the partner's
    text (the same engine and sweep as `redact`), decisions with stale ones, pages and words."""
    if doc_id not in known_doc_ids(settings.dataset_dir):
        raise UsageError("no such document")
    (doc,) = _documents(settings, [doc_id])
    rows = read_table(settings.dataset_dir, "entities", [doc_id]).to_pylist()
    gate = review_gate(settings.data_dir, [doc], rows, profile)
    decisions = read_decisions(settings.data_dir, {doc_id})
    span_decisions = sum(
        1 for d in read_decisions(settings.data_dir) if d["action"] in SPAN_ACTIONS
    )
    stamp = (span_decisions, _dataset_stamp(settings))  # an approval changes no leak term
    matcher = _matcher(str(settings.data_dir), profile.name, stamp)
    spans = textops.entity_spans(gate.entities)
    covered = [s for s in spans if profile.operator(s.label).kind != "keep"]
    spans += textops.sweep_spans(doc["text"], matcher, covered)
    from sestry.custody.keys import load_pseudonym_key

    key = derive_pseudonym_key(load_pseudonym_key(settings))
    redacted, _ = redact_document(doc, spans, profile, key)
    entities = [
        {
            "start": e["start"],
            "end": e["end"],
            "label": e["label"],
            "operator": profile.operator(e["label"]).kind,
            "reviewed": str(e["detector"]).startswith("review@"),
            "role": _role_of(decisions, doc["text"], e["start"], e["end"]),
        }
        for e in gate.entities
    ]
    swept = [
        {"start": s.start, "end": s.end, "label": s.label, "operator": "redact", "reviewed": False}
        for s in spans[len(gate.entities) :]
    ]
    words = read_table(settings.dataset_dir, "words", [doc_id]).to_pylist()
    return {
        "doc": doc,
        "entities": entities,
        "swept": swept,
        "partner_text": redacted.text,
        "edits": list(redacted.edits),
        "decisions": [
            {**d, "stale": anchor(d, doc["text"]) is None}
            for d in decisions
            if d["action"] not in ("approve", "unapprove")
        ],
        "approved_by": approved(decisions, profile.name).get(doc_id),
        "words": words,
        "labels": LABELS,
    }


def _role_of(decisions: list[dict[str, Any]], text: str, start: int, end: int) -> str | None:
    """The latest role a reviewer gave the span at [start, end), if any."""
    role = None
    for decision in decisions:
        if decision["action"] == "role" and anchor(decision, text) == (start, end):
            role = decision.get("role")
    return role


def record(
    settings: Settings, reviewer: str, doc_id: str, decision: dict[str, Any]
) -> dict[str, Any]:
    """Validate and store one decision, then append its `review` ledger event (ids only).

    Raises UsageError for a decision that does not fit the document (offsets, label, role)."""
    if doc_id not in known_doc_ids(settings.dataset_dir):
        raise UsageError("no such document")
    (doc,) = _documents(settings, [doc_id])
    text = str(doc["text"])
    row = {
        **decision,
        "doc_id": doc_id,
        "reviewer": reviewer,
        "ts": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"),
        "extractor_version": doc["extractor_version"],
    }
    if row.get("label") is not None and row["label"] not in LABELS:
        raise UsageError("unknown label")
    if row["action"] in ("add", "remove", "relabel", "role"):
        start, end = row.get("start"), row.get("end")
        if (
            not isinstance(start, int)
            or not isinstance(end, int)
            or not 0 <= start < end <= len(text)
        ):
            raise UsageError("offsets out of range")
        row["span_b3"] = span_hash(text, start, end)
    try:
        stored, path = append_decision(settings.data_dir, row)
    except AnnotationError as exc:
        raise UsageError(str(exc)) from None
    Ledger(settings.ledger_path).append(
        REVIEW,
        subject=doc_id,
        outputs=[b3_file(path)],
        params={
            "decision": stored["id"],
            "action": stored["action"],
            "label": stored["label"],
            "role": stored["role"],
            "profile": stored["profile"],
            "reviewer": reviewer,
        },
    )
    log.info("review decision %s on %s", stored["action"], doc_id[:12])
    return stored
