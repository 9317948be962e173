"""The custody ledger as readable history: one line per event, in words, ids and counts only
(the ledger itself never holds testimony, so neither does this)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sestry.core.i18n import N_, translate

WHAT: dict[str, str] = {
    "init": N_("data directory created"),
    "intake": N_("received"),
    "seen_again": N_("received again (same bytes as an earlier item)"),
    "refused": N_("refused (not a regular file)"),
    "extract": N_("text and entities extracted"),
    "quarantine": N_("quarantined"),
    "redact": N_("redacted for a partner"),
    "release": N_("release signed"),
    "release_refused": N_("release refused (validation failed)"),
    "repair": N_("ledger repaired"),
    "amend": N_("metadata amended"),
    "review": N_("review decision recorded"),
}
PARAMS: dict[str, str] = {
    "reason": N_("reason {value}"),
    "profile": N_("profile {value}"),
    "release_id": N_("release id {value}"),
    "redaction_id": N_("redaction id {value}"),
    "decision": N_("decision {value}"),
    "reviewer": N_("reviewer {value}"),
}


def describe(event: Mapping[str, Any], lang: str = "en") -> str:
    """One plain sentence for an event in `lang`: what happened, to which file, with which
    codes (English by default: `--json` and scripts read it)."""

    def say(message: str, **values: object) -> str:
        return translate(lang, message).format(**values)

    action = str(event.get("action"))
    params = event.get("params") or {}
    words = [translate(lang, WHAT[action]) if action in WHAT else action]
    if params.get("source_name"):
        words.append(say("file {name}", name=params["source_name"]))
    for key, message in PARAMS.items():
        if params.get(key):
            words.append(say(message, value=params[key]))
    if action == "amend":
        sidecar = params.get("sidecar") or {}
        scopes = ", ".join(sidecar.get("consent") or []) or translate(lang, "none")
        words.append(say("consent now {scopes}", scopes=scopes))
        if params.get("withdrawn"):
            words.append(say("withdrawn {scopes}", scopes=", ".join(params["withdrawn"])))
        if params.get("lifted"):
            words.append(say("quarantine lifted ({how})", how=params["lifted"]))
    if action == "intake" and params.get("sidecar_error"):
        words.append(say("metadata problem {code}", code=params["sidecar_error"]))
    return "; ".join(words)


def rows(
    evts: list[Mapping[str, Any]],
    *,
    action: str | None = None,
    subject: str | None = None,
    limit: int | None = None,
    lang: str = "en",
) -> list[dict[str, Any]]:
    """Events as rows (seq, time, action, subject, what), optionally filtered, newest last;
    `what` in `lang`."""
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
                "what": describe(event, lang),
            }
        )
    return out[-limit:] if limit else out
