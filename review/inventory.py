"""What came in, item by item: the ledger (intake, seen_again, amend) joined with the dataset and
the quarantine records. A read model: it writes nothing and holds file names and metadata only,
never testimony text.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sestry.core.digest import is_digest
from sestry.core.errors import UsageError
from sestry.core.settings import Settings
from sestry.custody.ledger import Ledger
from sestry.schemas.dataset import known_doc_ids, read_table

AMEND = "amend"
STATES: tuple[str, ...] = ("ingested", "quarantined", "pending")


@dataclass
class CaseLink:
    """One case an item belongs to, with the consent given for it (a duplicate adds a link)."""

    case_id: str | None
    consent: tuple[str, ...]
    source_name: str | None
    via: str  # intake | seen_again | amend


@dataclass
class Item:
    """One original in the vault as staff see it (metadata only)."""

    digest: str
    source_name: str
    received_at: str
    media_type: str
    kind: str | None
    size: int
    sidecar: dict[str, Any] = field(default_factory=dict)  # effective (after amends)
    cases: list[CaseLink] = field(default_factory=list)
    state: str = "pending"
    reason: str | None = None
    detail: str = ""
    amended: int = 0
    since: int = 0  # duplicates attached from this index of `cases` on count for consent
    language: str | None = None
    pages: int | None = None
    method: str | None = None

    @property
    def case_ids(self) -> list[str]:
        return sorted({c.case_id for c in self.cases if c.case_id})

    @property
    def consent(self) -> list[str]:
        """The sidecar's consent plus that of duplicates attached since the last amend."""
        scopes = set(self.sidecar.get("consent") or ())
        for link in self.cases[self.since :]:
            if link.via == "seen_again":
                scopes.update(link.consent)
        return sorted(scopes)

    def to_json(self) -> dict[str, Any]:
        return {
            "digest": self.digest,
            "source_name": self.source_name,
            "received_at": self.received_at,
            "media_type": self.media_type,
            "kind": self.kind,
            "size": self.size,
            "state": self.state,
            "reason": self.reason,
            "language": self.language,
            "pages": self.pages,
            "method": self.method,
            "case_ids": self.case_ids,
            "consent": self.consent,
            "cases": [c.__dict__ for c in self.cases],
            "amended": self.amended,
            "sidecar": self.sidecar,
        }


def events(settings: Settings) -> list[dict[str, Any]]:
    """Every ledger event (an empty list before `sestry init`'s first event)."""
    ledger = Ledger(settings.ledger_path)
    if not ledger.path.exists():
        return []
    return list(ledger.events())


def _link(sidecar: Mapping[str, Any] | None, name: object, via: str) -> CaseLink:
    sidecar = sidecar or {}
    return CaseLink(
        case_id=sidecar.get("case_id"),
        consent=tuple(sorted(sidecar.get("consent") or ())),
        source_name=name if isinstance(name, str) else None,
        via=via,
    )


def items_from_events(evts: Iterable[Mapping[str, Any]]) -> dict[str, Item]:
    """Items by digest from the ledger alone (state still `pending`)."""
    items: dict[str, Item] = {}
    for event in evts:
        action, subject = event.get("action"), event.get("subject")
        params = event.get("params") or {}
        if not isinstance(subject, str) or not is_digest(subject):
            continue
        if action == "intake" and subject not in items:
            sidecar = dict(params.get("sidecar") or {})
            items[subject] = Item(
                digest=subject,
                source_name=str(params.get("source_name") or ""),
                received_at=str(event.get("ts") or ""),
                media_type=str(params.get("media_type") or ""),
                kind=params.get("kind"),
                size=int(params.get("size") or 0),
                sidecar=sidecar,
                cases=[_link(sidecar, params.get("source_name"), "intake")],
            )
        elif action == "seen_again" and subject in items and params.get("sidecar"):
            link = _link(params["sidecar"], params.get("source_name"), "seen_again")
            items[subject].cases.append(link)
        elif action == AMEND and subject in items:
            item = items[subject]
            item.sidecar = dict(params.get("sidecar") or {})
            item.amended += 1
            item.cases[0] = _link(item.sidecar, item.source_name, "amend")
            item.since = len(item.cases)
    return items


def _quarantine_record(settings: Settings, digest: str) -> dict[str, Any] | None:
    path = settings.quarantine_dir / digest / "reason.json"
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def inventory(settings: Settings, evts: list[dict[str, Any]] | None = None) -> list[Item]:
    """Every item with its state, newest first; metadata from the dataset where it has a row."""
    items = items_from_events(events(settings) if evts is None else evts)
    known = known_doc_ids(settings.dataset_dir)
    rows = {}
    if known:
        cols = ["doc_id", "language", "pages", "method", "kind"]
        rows = {
            r["doc_id"]: r
            for r in read_table(settings.dataset_dir, "documents").select(cols).to_pylist()
        }
    for digest, item in items.items():
        record = _quarantine_record(settings, digest) if _held(settings, digest) else None
        if record is not None:
            item.state, item.reason = "quarantined", str(record.get("reason") or "unknown")
            item.detail = str(record.get("detail") or "")
        elif digest in rows:
            row = rows[digest]
            item.state = "ingested"
            item.language, item.pages, item.method = row["language"], row["pages"], row["method"]
            item.kind = row["kind"] or item.kind
    return sorted(items.values(), key=lambda i: (i.received_at, i.digest), reverse=True)


def _held(settings: Settings, digest: str) -> bool:
    return (settings.quarantine_dir / digest / "reason.json").is_file()


def select(
    items: Iterable[Item],
    *,
    case: str | None = None,
    language: str | None = None,
    kind: str | None = None,
    consent: str | None = None,
    state: str | None = None,
) -> list[Item]:
    """Items matching every filter given (a duplicate matches each of its cases)."""
    out = []
    for item in items:
        if case is not None and case not in item.case_ids:
            continue
        if (
            language is not None
            and item.language != language
            and item.sidecar.get("language") != language
        ):
            continue
        if kind is not None and item.kind != kind:
            continue
        if consent is not None and consent not in item.consent:
            continue
        if state is not None and item.state != state:
            continue
        out.append(item)
    return out


def resolve(items: Iterable[Item], ref: str) -> Item:
    """The one item whose digest is `ref` or starts with it; UsageError (exit 2) otherwise."""
    ref = ref.strip().lower()
    if len(ref) < 4 or any(ch not in "0123456789abcdef" for ch in ref):
        raise UsageError("give a digest or at least its first 4 hex characters")
    found = [item for item in items if item.digest.startswith(ref)]
    if not found:
        raise UsageError(f"no item with a digest starting {ref}")
    if len(found) > 1:
        raise UsageError(f"{len(found)} items start with {ref}: give more characters")
    return found[0]


def quarantined(settings: Settings) -> list[Item]:
    """Quarantined items, including records whose intake event is missing (never hidden)."""
    items = {i.digest: i for i in inventory(settings) if i.state == "quarantined"}
    folder = settings.quarantine_dir
    if folder.is_dir():
        for entry in os.scandir(folder):
            if is_digest(entry.name) and entry.name not in items:
                record = _quarantine_record(settings, entry.name)
                if record is not None:
                    items[entry.name] = Item(
                        digest=entry.name,
                        source_name=str(record.get("source_name") or ""),
                        received_at=str(record.get("ts") or ""),
                        media_type="",
                        kind=None,
                        size=0,
                        state="quarantined",
                        reason=str(record.get("reason") or "unknown"),
                        detail=str(record.get("detail") or ""),
                    )
    return sorted(items.values(), key=lambda i: i.source_name)


def entity_counts(settings: Settings, digest: str) -> dict[str, int]:
    """Entities found in one document, by label (counts only)."""
    table = read_table(settings.dataset_dir, "entities", [digest])
    counts: dict[str, int] = {}
    for label in table.column("label").to_pylist():
        counts[label] = counts.get(label, 0) + 1
    return dict(sorted(counts.items()))


def history_of(evts: Iterable[Mapping[str, Any]], digest: str) -> list[Mapping[str, Any]]:
    """The events whose subject, inputs or outputs name `digest`."""
    return [
        e
        for e in evts
        if e.get("subject") == digest
        or digest in (e.get("inputs") or [])
        or digest in (e.get("outputs") or [])
    ]
