"""Apply review decisions to detected entities: the one place where people change the result.

Decisions (schemas/annotations.py) are applied in time order on top of the entity rows: `add`
puts a span in (the profile then handles it like any other), `remove` takes a detected span out,
`relabel` changes its label, `role` gives a PERSON a role (the profile's `[roles]` may choose
another operator for it, e.g. prosecution keeps an alleged perpetrator). Decisions anchor by
offsets and the span's hash; after a reprocess changed the text they are re-anchored to the
nearest occurrence with the same hash, or reported stale (never dropped, never applied blind).
Pure functions: no I/O, no logging of text.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sestry.core.digest import b3_bytes
from sestry.redaction.profiles import Profile

REVIEW_DETECTOR = "review@1"
SPAN_ACTIONS = frozenset({"add", "remove", "relabel", "role"})
ROLE_SEPARATOR = "/"


def span_hash(text: str, start: int, end: int) -> str:
    """BLAKE3 of the span's text (what a decision is anchored to besides its offsets)."""
    return b3_bytes(text[start:end].encode("utf-8"))


def anchor(decision: Mapping[str, Any], text: str) -> tuple[int, int] | None:
    """Where the decision's span is in `text` now: its offsets, else the nearest place with the
    same hash, else None (stale)."""
    start, end = int(decision["start"]), int(decision["end"])
    wanted = decision.get("span_b3")
    if end <= len(text) and (wanted is None or span_hash(text, start, end) == wanted):
        return start, end
    if wanted is None:
        return None
    width = end - start
    best: tuple[int, int] | None = None
    for pos in range(0, max(0, len(text) - width + 1)):
        if span_hash(text, pos, pos + width) == wanted and (
            best is None or abs(pos - start) < abs(best[0] - start)
        ):
            best = (pos, pos + width)
    return best


def role_label(label: str, role: str | None, profile: Profile | None) -> str:
    """`PERSON/alleged_perpetrator` when the profile has an operator for that role, else label."""
    if role and profile is not None and label == "PERSON" and role in profile.roles:
        return f"{label}{ROLE_SEPARATOR}{role}"
    return label


@dataclass
class Applied:
    """Entity rows after decisions, and what the decisions did (ids and counts only)."""

    entities: list[dict[str, Any]]
    stale: list[str] = field(default_factory=list)  # decision ids that no longer anchor
    changed: int = 0  # decisions that changed the automatic result
    reviewers: set[str] = field(default_factory=set)
    reviewed_docs: set[str] = field(default_factory=set)
    # doc_id → surfaces (case-folded) a reviewer removed as "not an entity": the residual pass
    # must not bring them back in that document (a person looked; the recognizers did not)
    cleared: dict[str, set[str]] = field(default_factory=dict)


def apply_decisions(
    entity_rows: Iterable[Mapping[str, Any]],
    decisions: Iterable[Mapping[str, Any]],
    texts: Mapping[str, str],
    profile: Profile | None = None,
) -> Applied:
    """Entity rows with every span decision applied (documents not in `texts` are left alone)."""
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for row in entity_rows:
        by_doc.setdefault(str(row["doc_id"]), []).append(dict(row))
    result = Applied(entities=[])
    for decision in decisions:
        doc_id = str(decision["doc_id"])
        if doc_id not in texts:
            continue
        result.reviewers.add(str(decision["reviewer"]))
        result.reviewed_docs.add(doc_id)
        if decision["action"] not in SPAN_ACTIONS:
            continue
        where = anchor(decision, texts[doc_id])
        if where is None:
            result.stale.append(str(decision["id"]))
            continue
        rows = by_doc.setdefault(doc_id, [])
        if decision["action"] == "remove":
            surface = texts[doc_id][where[0] : where[1]].casefold()
            result.cleared.setdefault(doc_id, set()).add(surface)
        if _apply_one(rows, decision, where, texts[doc_id], profile):
            result.changed += 1
    for rows in by_doc.values():
        result.entities.extend(sorted(rows, key=lambda r: (r["start"], r["end"])))
    return result


def _apply_one(
    rows: list[dict[str, Any]],
    decision: Mapping[str, Any],
    where: tuple[int, int],
    text: str,
    profile: Profile | None,
) -> bool:
    """Apply one decision in place; True when it changed the rows."""
    start, end = where
    action = decision["action"]
    here = [r for r in rows if (r["start"], r["end"]) == (start, end)]
    if action == "add":
        label = role_label(str(decision["label"]), decision.get("role"), profile)
        if any(r["label"] == label for r in here):
            return False
        rows.append(
            {
                "doc_id": decision["doc_id"],
                "start": start,
                "end": end,
                "label": label,
                "text": text[start:end],
                "norm": None,
                "detector": f"{REVIEW_DETECTOR}:{decision['reviewer']}",
                "score": 1.0,
                "code": None,
                "oblast": None,
            }
        )
        return True
    if action == "remove":
        for row in here:
            rows.remove(row)
        return bool(here)
    changed = False
    for row in here:
        base = str(row["label"]).split(ROLE_SEPARATOR)[0]
        if action == "relabel":
            new = role_label(str(decision["label"]), None, profile)
        else:
            new = role_label(base, decision.get("role"), profile)
        if new != row["label"]:
            row["label"] = new
            changed = True
    return changed


def approved(decisions: Iterable[Mapping[str, Any]], profile: str) -> dict[str, str]:
    """Doc ids approved for `profile`, with the approving reviewer. A span decision made after
    the approval withdraws it (the document must be looked at again)."""
    state: dict[str, str | None] = {}
    for decision in decisions:
        doc_id = str(decision["doc_id"])
        action = decision["action"]
        if action == "approve" and decision.get("profile") == profile:
            state[doc_id] = str(decision["reviewer"])
        elif (action == "unapprove" and decision.get("profile") == profile) or (
            action in SPAN_ACTIONS
        ):
            state[doc_id] = None
    return {doc_id: who for doc_id, who in state.items() if who}
