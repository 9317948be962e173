"""`amend`: correct an item's metadata (case, language, date, consent) without touching its bytes.

Coordinator only (appends to the ledger). Order: validate the new sidecar (consent words against
the profiles), append the `amend` event, then lift an `invalid_sidecar` quarantine (its record
is kept beside, renamed) and rewrite the document's metadata in the dataset. The next `redact`
sees the new consent; the next `ingest` processes a lifted item. Messages hold codes and
digests, never values.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa

from sestry.core.durable import unlink_durable, write_atomic
from sestry.core.errors import UsageError
from sestry.core.settings import Settings
from sestry.custody.ledger import Ledger, utc_now
from sestry.ingestion import sidecars
from sestry.ingestion.consent import check_consent
from sestry.ingestion.index import AMEND, LedgerIndex
from sestry.redaction.scopes import known_scopes
from sestry.schemas import dataset
from sestry.schemas.sidecar_problems import detail_words
from sestry.schemas.tables import TABLES

log = logging.getLogger(__name__)
LIFTABLE = frozenset({"invalid_sidecar"})


@dataclass
class AmendResult:
    """What the amendment changed: codes and scopes only."""

    digest: str
    added: list[str] = field(default_factory=list)
    withdrawn: list[str] = field(default_factory=list)
    lifted: str | None = None
    dataset_updated: bool = False


def _quarantine_reason(settings: Settings, digest: str) -> str | None:
    import json

    path = settings.quarantine_dir / digest / "reason.json"
    if not path.is_file():
        return None
    try:
        return str(json.loads(path.read_text(encoding="utf-8")).get("reason"))
    except (OSError, ValueError):
        return "unreadable"


def _lift(settings: Settings, digest: str) -> None:
    """Keep the old record as `lifted-<time>.json` beside it, then remove reason.json."""
    folder = settings.quarantine_dir / digest
    record = folder / "reason.json"
    stamp = utc_now().replace(":", "").replace("-", "")
    write_atomic(folder / f"lifted-{stamp}.json", record.read_bytes())
    unlink_durable(record)


def _rewrite_document(settings: Settings, digest: str, sidecar: dict[str, object]) -> bool:
    """Write the document's rows again with the amended metadata (False: not ingested yet)."""
    if digest not in dataset.known_doc_ids(settings.dataset_dir):
        return False
    tables = {name: dataset.read_table(settings.dataset_dir, name, [digest]) for name in TABLES}
    row = tables["documents"].to_pylist()[0]
    row["case_id"] = sidecar.get("case_id")
    row["consent"] = list(sidecar.get("consent") or [])
    row["collected_at"] = str(sidecar["collected_at"]) if sidecar.get("collected_at") else None
    if sidecar.get("language") and sidecar["language"] != row.get("language"):
        row["language"] = sidecar["language"]
        # its entities were found in the old language: the release's residual pass must not
        # reuse them (release/text_windows.py) until `ingest --reprocess` finds them again
        row["entities_version"] = None
    tables["documents"] = pa.Table.from_pylist([row], TABLES["documents"])
    dataset.write_document(settings.dataset_dir, digest, tables)
    return True


def amend(settings: Settings, digest: str, sidecar_path: Path) -> AmendResult:
    """Record corrected metadata for `digest` (a full digest with an intake event).

    Raises UsageError (exit 2) for an unknown digest or a sidecar that is not valid, naming the
    fields and a did-you-mean for a consent word, never the values.
    """
    ledger = Ledger(settings.ledger_path)
    index = LedgerIndex.from_events(ledger.events())
    if digest not in index.intake:
        raise UsageError(f"no item {digest[:12]} was received")
    meta = check_consent(sidecars.load_meta_json(Path(sidecar_path)), known_scopes(settings))
    if not meta.valid or meta.sidecar is None:
        why = detail_words(";".join(meta.problems))
        raise UsageError(f"sidecar {Path(sidecar_path).name} not accepted: {why}")
    new = sidecars.sidecar_params(meta.sidecar)
    before = index.intake[digest]
    # an invalid sidecar never counted: nothing can be withdrawn from it
    old = set() if before.get("sidecar_error") else set(index.consent(digest))
    now = set(new.get("consent") or ())
    result = AmendResult(digest=digest, added=sorted(now - old), withdrawn=sorted(old - now))
    reason = _quarantine_reason(settings, digest)
    if reason in LIFTABLE:
        result.lifted = reason
    ledger.append(
        AMEND,
        subject=digest,
        params={
            "sidecar": new,
            "added": result.added,
            "withdrawn": result.withdrawn,
            "lifted": result.lifted,
        },
    )
    if result.lifted:
        _lift(settings, digest)
    result.dataset_updated = _rewrite_document(settings, digest, new)
    log.info(
        "amended %s (withdrawn %d, lifted %s)", digest[:12], len(result.withdrawn), result.lifted
    )
    return result
