"""What the custody ledger says about items: a small in-memory index built by one pass.

The ledger is the source of truth for what was received; the index lets the coordinator decide
what is new, what is pending after a crash, and which recording belongs to which transcript.
"""

from __future__ import annotations

import posixpath
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

INTAKE = "intake"
SEEN_AGAIN = "seen_again"
REFUSED = "refused"
EXTRACT = "extract"
QUARANTINE = "quarantine"
INCIDENT = "incident"  # custody incident: an original no longer matches its digest
AMEND = "amend"


@dataclass
class LedgerIndex:
    """Digests by what happened to them (no text is ever held here)."""

    intake: dict[str, dict[str, Any]] = field(default_factory=dict)  # digest -> intake params+ts
    extracted: dict[str, int] = field(default_factory=dict)  # digest -> extract event count
    quarantined: set[str] = field(default_factory=set)
    by_name: dict[str, str] = field(default_factory=dict)  # source_name -> latest digest
    audio_by_stem: dict[tuple[str, str], str] = field(default_factory=dict)  # (folder, stem)
    names: dict[str, set[str]] = field(default_factory=dict)  # digest -> every name it came as
    superseded: dict[str, set[str]] = field(default_factory=dict)  # digest -> names an amend
    # replaced: their sidecars never count again, however often a kept inbox shows them

    @classmethod
    def from_events(cls, events: Iterable[Mapping[str, Any]]) -> LedgerIndex:
        index = cls()
        for event in events:
            index.note(event)
        return index

    def note(self, event: Mapping[str, Any]) -> None:
        """Update the index with one appended (or replayed) event."""
        action = event.get("action")
        subject = event.get("subject")
        params = event.get("params") or {}
        name = params.get("source_name")
        if action == INTAKE and subject:
            if subject not in self.intake:
                self.intake[subject] = {**params, "ts": event.get("ts")}
            self._name(name, subject)
        elif action == SEEN_AGAIN and subject:
            self._name(name, subject)
            replaced = name in self.superseded.get(subject, ())
            if subject in self.intake and params.get("sidecar") and not replaced:
                # a duplicate's own case and consent stay attached to the one original
                self.intake[subject].setdefault("attached", []).append(params["sidecar"])
        elif action == EXTRACT and subject:
            self.extracted[subject] = self.extracted.get(subject, 0) + 1
        elif action == QUARANTINE and subject:
            self.quarantined.add(subject)
        elif action == AMEND and subject in self.intake:
            # corrected metadata replaces the sidecar; a lifted quarantine makes it work again
            # the amended sidecar is the whole truth from then on (attachments included)
            # (a withdrawn scope must not come back when a kept inbox shows the same files
            # again: their sidecars are superseded; a file first seen after the amend counts)
            keep = ("sidecar", "attached")
            amended = {k: v for k, v in self.intake[subject].items() if not k.startswith(keep)}
            self.intake[subject] = {**amended, "sidecar": params.get("sidecar") or {}}
            self.intake[subject]["amended"] = True
            self.superseded[subject] = set(self.names.get(subject, ()))
            if params.get("lifted"):
                self.quarantined.discard(subject)

    def _name(self, name: object, digest: str) -> None:
        if not isinstance(name, str):
            return
        self.by_name[name] = digest
        self.names.setdefault(digest, set()).add(name)
        if self.is_audio(digest):
            self.audio_by_stem.setdefault((posixpath.dirname(name), _stem(name)), digest)

    def consent(self, digest: str) -> tuple[str, ...]:
        """The item's consent: its sidecar's, plus every attached duplicate's (sorted)."""
        params = self.intake.get(digest) or {}
        scopes = set((params.get("sidecar") or {}).get("consent") or ())
        for sidecar in params.get("attached") or ():
            scopes.update(sidecar.get("consent") or ())
        return tuple(sorted(scopes))

    def is_audio(self, digest: str) -> bool:
        params = self.intake.get(digest) or {}
        media = str(params.get("media_type") or "")
        return media.startswith("audio/") or params.get("kind") == "audio"

    def audio_for(self, digest: str) -> str | None:
        """Digest of the recording linked to item `digest`, or None.

        The sidecar's `audio` field (a name relative to the item's folder) wins; otherwise an
        audio item in the same folder with the same base name (`x.txt` and `x.mp3`).
        """
        params = self.intake.get(digest) or {}
        name = params.get("source_name")
        if not isinstance(name, str) or self.is_audio(digest):
            return None
        folder = posixpath.dirname(name)
        sidecar = params.get("sidecar") or {}
        wanted = sidecar.get("audio")
        if isinstance(wanted, str) and wanted:
            linked = self.by_name.get(posixpath.normpath(posixpath.join(folder, wanted)))
            return linked if linked and self.is_audio(linked) else None
        return self.audio_by_stem.get((folder, _stem(name)))


def _stem(name: str) -> str:
    base = posixpath.basename(name)
    return base.split(".", 1)[0] if not base.startswith(".") else base
