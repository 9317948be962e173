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


@dataclass
class LedgerIndex:
    """Digests by what happened to them (no text is ever held here)."""

    intake: dict[str, dict[str, Any]] = field(default_factory=dict)  # digest -> intake params+ts
    extracted: dict[str, int] = field(default_factory=dict)  # digest -> extract event count
    quarantined: set[str] = field(default_factory=set)
    by_name: dict[str, str] = field(default_factory=dict)  # source_name -> latest digest

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
        if action == INTAKE and subject:
            if subject not in self.intake:
                self.intake[subject] = {**params, "ts": event.get("ts")}
            name = params.get("source_name")
            if isinstance(name, str):
                self.by_name[name] = subject
        elif action == SEEN_AGAIN and subject:
            name = params.get("source_name")
            if isinstance(name, str):
                self.by_name[name] = subject
        elif action == EXTRACT and subject:
            self.extracted[subject] = self.extracted.get(subject, 0) + 1
        elif action == QUARANTINE and subject:
            self.quarantined.add(subject)

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
        stem = _stem(name)
        for other_name, other in sorted(self.by_name.items()):
            if (
                other != digest
                and posixpath.dirname(other_name) == folder
                and _stem(other_name) == stem
                and self.is_audio(other)
            ):
                return other
        return None


def _stem(name: str) -> str:
    base = posixpath.basename(name)
    return base.split(".", 1)[0] if not base.startswith(".") else base
