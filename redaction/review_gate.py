"""Review decisions meet a redaction: the entities with decisions applied, the documents a
reviewer approved for the profile, and the numbers the redaction log reports. Called once by the
redaction job and once by validation, so what is redacted is what is checked."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sestry.redaction.decisions import Applied, apply_decisions, approved
from sestry.redaction.profiles import Profile
from sestry.schemas.annotations import read_decisions


@dataclass
class ReviewGate:
    """What review decided for one profile (doc ids, reviewer ids and counts; no text)."""

    entities: list[dict[str, Any]]
    approved: dict[str, str]  # doc_id -> reviewer id
    applied: Applied

    def admits(self, doc_id: str, profile: Profile) -> bool:
        """False only when the profile requires review and the document is not approved."""
        return not profile.requires_review or doc_id in self.approved

    def summary(self, doc_ids: Iterable[str]) -> dict[str, Any]:
        """For redaction.json and the report: reviewed documents, reviewers, changes, stale."""
        released = set(doc_ids)
        return {
            "documents_reviewed": len(self.applied.reviewed_docs & released),
            "documents_approved": len(set(self.approved) & released),
            "reviewers": sorted(self.applied.reviewers),
            "decisions_changing_result": self.applied.changed,
            "stale_decisions": len(self.applied.stale),
        }


def review_gate(
    data_dir: Path,
    documents: Iterable[Mapping[str, Any]],
    entity_rows: Iterable[Mapping[str, Any]],
    profile: Profile,
) -> ReviewGate:
    """Apply every stored decision to `entity_rows` for `profile`."""
    decisions = read_decisions(data_dir)
    texts = {str(d["doc_id"]): str(d["text"]) for d in documents}
    applied = apply_decisions(entity_rows, decisions, texts, profile)
    return ReviewGate(applied.entities, approved(decisions, profile.name), applied)


def decided_gate(decisions: list[Mapping[str, Any]], profile: Profile) -> ReviewGate:
    """A gate with the approvals of `decisions` and nothing applied yet: the batched redaction
    adds each batch's `apply_decisions` result with `add_applied` (entities are not kept)."""
    return ReviewGate([], approved(decisions, profile.name), Applied(entities=[]))


def add_applied(gate: ReviewGate, part: Applied) -> None:
    """Fold one batch's applied decisions (disjoint documents) into the gate's totals."""
    total = gate.applied
    total.stale.extend(part.stale)
    total.changed += part.changed
    total.reviewers |= part.reviewers
    total.reviewed_docs |= part.reviewed_docs
    for doc_id, surfaces in part.cleared.items():
        total.cleared.setdefault(doc_id, set()).update(surfaces)
