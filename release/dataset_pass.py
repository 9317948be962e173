"""One pass over the whole internal dataset in batches: review decisions and leak terms.

Why: the leak terms must come from every entity of the dataset (a name hidden in document A is
caught when it leaks in document B), but holding every entity row as Python dicts made
redaction's memory grow with the dataset. Here the tables stay Arrow (`release/stream.py`) and
decisions are applied and terms gathered one batch of documents at a time; the terms themselves
(a keyed set, compiled into one trie-shaped regex) are the only dataset-wide state. Shared by the
redaction job and by validation's context (handoff re-reads it). Never logs.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pyarrow.compute as pc

from sestry.core.settings import Settings
from sestry.redaction import text as textops
from sestry.redaction.decisions import Applied, apply_decisions
from sestry.redaction.profiles import Profile
from sestry.redaction.review_gate import ReviewGate, add_applied
from sestry.redaction.terms import LeakTerms
from sestry.release.stream import DocTable, batches
from sestry.schemas.dataset import read_table


class Dataset:
    """The internal dataset's documents, entities and segments, Arrow, indexed by document."""

    def __init__(self, documents: DocTable, entities: DocTable, segments: DocTable) -> None:
        self.documents, self.entities, self.segments = documents, entities, segments

    @classmethod
    def read(cls, settings: Settings) -> Dataset:
        return cls(
            DocTable(read_table(settings.dataset_dir, "documents")),
            DocTable(read_table(settings.dataset_dir, "entities")),
            DocTable(read_table(settings.dataset_dir, "segments")),
        )

    def all_doc_ids(self) -> list[str]:
        """Every document with a row in documents or entities (documents' order first)."""
        ids = self.documents.doc_ids()
        known = set(ids)
        return ids + [d for d in self.entities.doc_ids() if d not in known]


def decisions_by_doc(decisions: list[dict[str, Any]]) -> dict[str, list[dict[str, Any]]]:
    """Decisions grouped by document, each document's in their stored (time) order."""
    grouped: dict[str, list[dict[str, Any]]] = {}
    for decision in decisions:
        grouped.setdefault(str(decision["doc_id"]), []).append(decision)
    return grouped


def batch_applied(
    data: Dataset,
    batch: Sequence[str],
    decided: Mapping[str, list[dict[str, Any]]],
    profile: Profile,
    entity_rows: list[dict[str, Any]],
    docs: list[dict[str, Any]] | None = None,
) -> Applied:
    """`apply_decisions` for one batch: only the batch's decisions and decided texts (each
    decision touches its own document only, so batches give what the whole dataset gave)."""
    mine = [d for d in batch if d in decided]
    if docs is None:
        docs = data.documents.rows(mine) if mine else []
    texts = {str(d["doc_id"]): str(d["text"]) for d in docs if d["doc_id"] in decided}
    return apply_decisions(entity_rows, [x for d in mine for x in decided[d]], texts, profile)


def dataset_terms(
    data: Dataset,
    decisions: list[dict[str, Any]],
    gate: ReviewGate,
    profile: Profile,
    lemmatizer: Any,
    batch_docs: int,
) -> LeakTerms:
    """Leak terms of every entity of the dataset after review, one batch of documents at a
    time; the gate's totals (stale, changed, cleared...) are filled on the way."""
    decided = decisions_by_doc(decisions)
    terms = LeakTerms()
    for batch in batches(data.all_doc_ids(), batch_docs):
        applied = batch_applied(data, batch, decided, profile, data.entities.rows(batch))
        add_applied(gate, applied)
        textops.add_entity_terms(terms, applied.entities, profile, lemmatizer)
    speakers = data.segments.table.column("speaker")
    return textops.finish_terms(terms, profile, pc.unique(speakers).to_pylist())
