"""The state of a data dir at a glance: items by state, last runs, blocked redactions, and the
releases already made that hold an item whose consent was later withdrawn. Read-only."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sestry.core.settings import Settings
from sestry.review.inventory import AMEND, Item, events, inventory

RUN_ACTIONS: tuple[str, ...] = (
    "extract",
    "redact",
    "release",
    "release_refused",
    "amend",
    "review",
)


@dataclass
class Status:
    """Counts and ids only: safe to print and to hand to scripts."""

    states: dict[str, int] = field(default_factory=dict)
    quarantine_reasons: dict[str, int] = field(default_factory=dict)
    last: dict[str, str] = field(default_factory=dict)  # action -> time of its last event
    blocked: list[dict[str, Any]] = field(default_factory=list)  # failed redactions
    withdrawn: list[dict[str, Any]] = field(default_factory=list)  # releases holding them
    ledger_events: int = 0

    def to_json(self) -> dict[str, Any]:
        return dict(self.__dict__)


def withdrawn_in_releases(evts: list[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Releases made before a consent withdrawal that hold the item: (digest, scope, release).

    A withdrawal is an `amend` whose consent lacks a scope the item had before; every earlier
    `release` event whose inputs name the item, for a profile needing that scope, is listed.
    """
    consent: dict[str, set[str]] = {}
    releases: list[tuple[int, Mapping[str, Any]]] = []
    out: list[dict[str, Any]] = []
    for n, event in enumerate(evts):
        action, subject = event.get("action"), event.get("subject")
        params = event.get("params") or {}
        if action == "intake" and isinstance(subject, str) and subject not in consent:
            consent[subject] = set((params.get("sidecar") or {}).get("consent") or ())
        elif action == "seen_again" and isinstance(subject, str) and params.get("sidecar"):
            consent.setdefault(subject, set()).update(params["sidecar"].get("consent") or ())
        elif action == "release":
            releases.append((n, event))
        elif action == AMEND and isinstance(subject, str):
            now = set((params.get("sidecar") or {}).get("consent") or ())
            for scope in sorted(consent.get(subject, set()) - now):
                for _, rel in releases:
                    rp = rel.get("params") or {}
                    held = subject in (rel.get("inputs") or [])
                    if held and _scope_of(str(rp.get("profile"))) == scope:
                        out.append(
                            {
                                "digest": subject,
                                "scope": scope,
                                "release_id": rp.get("release_id"),
                                "profile": rp.get("profile"),
                                "released_at": rel.get("ts"),
                            }
                        )
            consent[subject] = now
    return out


def _scope_of(profile: str) -> str:
    """The consent scope a profile needs (its name when it cannot be loaded)."""
    from sestry.core.errors import ProfileError
    from sestry.redaction.profiles import load_profile

    try:
        return load_profile(profile).requires_consent
    except ProfileError:
        return profile


def blocked_redactions(settings: Settings) -> list[dict[str, Any]]:
    """The newest redaction of each profile when it failed validation, with its failed checks."""
    out = []
    root = settings.redactions_dir
    if not root.is_dir():
        return out
    for profile_dir in sorted(p for p in root.iterdir() if p.is_dir()):
        runs = sorted(p for p in profile_dir.iterdir() if p.is_dir())
        if not runs:
            continue
        try:
            summary = json.loads((runs[-1] / "redaction.json").read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        validation = summary.get("validation") or {}
        if not validation.get("passed"):
            out.append(
                {
                    "profile": profile_dir.name,
                    "redaction_id": runs[-1].name,
                    "failed": list(validation.get("failed") or []),
                    "places": _failed_places(runs[-1] / "validation.json"),
                }
            )
    return out


def _failed_places(path: Path) -> list[dict[str, str]]:
    """(check id, document digest prefix, place) of each failed check row, from validation.json
    (which holds locations, never values)."""
    try:
        report = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    places = []
    for row in report.get("results") or []:
        if row.get("success"):
            continue
        for where in row.get("where") or []:
            found = re.search(r"doc_id ([0-9a-f]{8,})", str(where))
            if found:
                places.append(
                    {"check": str(row.get("check_id")), "doc": found.group(1), "where": where}
                )
    return places


def status(settings: Settings) -> Status:
    """Build the status from the ledger, the dataset, quarantine and redaction folders."""
    evts = events(settings)
    items: list[Item] = inventory(settings, evts)
    result = Status(ledger_events=len(evts))
    result.states = dict(Counter(i.state for i in items))
    result.quarantine_reasons = dict(Counter(i.reason for i in items if i.reason))
    for event in evts:
        if event.get("action") in RUN_ACTIONS:
            result.last[str(event["action"])] = str(event.get("ts"))
    result.blocked = blocked_redactions(settings)
    result.withdrawn = withdrawn_in_releases(evts)
    return result
