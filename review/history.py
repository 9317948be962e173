"""The custody ledger as readable history: one line per event, in words, ids and counts only
(the ledger itself never holds testimony, so neither does this)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

WHAT: dict[str, str] = {
    "init": "data directory created",
    "intake": "received",
    "seen_again": "received again (same bytes as an earlier item)",
    "refused": "refused (not a regular file)",
    "extract": "text and entities extracted",
    "quarantine": "quarantined",
    "redact": "redacted for a partner",
    "release": "release signed",
    "release_refused": "release refused (validation failed)",
    "repair": "ledger repaired",
    "amend": "metadata amended",
    "review": "review decision recorded",
}


def describe(event: Mapping[str, Any]) -> str:
    """One plain sentence for an event: what happened, to which file, with which codes."""
    action = str(event.get("action"))
    params = event.get("params") or {}
    words = [WHAT.get(action, action)]
    if params.get("source_name"):
        words.append(f"file {params['source_name']}")
    for key in ("reason", "profile", "release_id", "redaction_id", "decision", "reviewer"):
        if params.get(key):
            words.append(f"{key.replace('_', ' ')} {params[key]}")
    if action == "amend":
        sidecar = params.get("sidecar") or {}
        words.append(f"consent now {', '.join(sidecar.get('consent') or []) or 'none'}")
        if params.get("withdrawn"):
            words.append(f"withdrawn {', '.join(params['withdrawn'])}")
        if params.get("lifted"):
            words.append(f"quarantine lifted ({params['lifted']})")
    if action == "intake" and params.get("sidecar_error"):
        words.append(f"metadata problem {params['sidecar_error']}")
    return "; ".join(words)


def rows(
    evts: list[Mapping[str, Any]],
    *,
    action: str | None = None,
    subject: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Events as rows (seq, time, action, subject, what), optionally filtered, newest last."""
    out = []
    for event in evts:
        if action is not None and event.get("action") != action:
            continue
        if subject is not None and not str(event.get("subject") or "").startswith(subject):
            continue
        out.append(
            {
                "seq": event.get("seq"),
                "ts": event.get("ts"),
                "action": event.get("action"),
                "subject": event.get("subject"),
                "what": describe(event),
            }
        )
    return out[-limit:] if limit else out
