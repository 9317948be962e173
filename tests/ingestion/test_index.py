"""The ledger index: what was received, and which recording belongs to which transcript."""

from __future__ import annotations

from sestry.ingestion.index import LedgerIndex

T, A, B, C = ("1" * 64, "2" * 64, "3" * 64, "4" * 64)


def intake(digest: str, name: str, media: str, sidecar: dict | None = None) -> dict:
    params = {"source_name": name, "media_type": media, "sidecar": sidecar or {}}
    return {"action": "intake", "subject": digest, "params": params, "ts": "2024-01-01T00:00:00Z"}


def test_shared_base_name_links_audio() -> None:
    index = LedgerIndex.from_events(
        [intake(T, "c/int_04.txt", "text/plain"), intake(A, "c/int_04.mp3", "audio/mpeg")]
    )
    assert index.audio_for(T) == A
    assert index.audio_for(A) is None


def test_other_folder_does_not_link() -> None:
    index = LedgerIndex.from_events(
        [intake(T, "c/int_04.txt", "text/plain"), intake(A, "d/int_04.mp3", "audio/mpeg")]
    )
    assert index.audio_for(T) is None


def test_sidecar_audio_field_wins() -> None:
    index = LedgerIndex.from_events(
        [
            intake(T, "c/int.txt", "text/plain", {"audio": "rec/take2.wav"}),
            intake(A, "c/int.mp3", "audio/mpeg"),
            intake(B, "c/rec/take2.wav", "audio/x-wav"),
        ]
    )
    assert index.audio_for(T) == B


def test_sidecar_audio_naming_a_non_audio_item_links_nothing() -> None:
    index = LedgerIndex.from_events(
        [
            intake(T, "int.txt", "text/plain", {"audio": "notes.txt"}),
            intake(C, "notes.txt", "text/plain"),
        ]
    )
    assert index.audio_for(T) is None


def test_first_intake_wins_and_seen_again_updates_names() -> None:
    index = LedgerIndex.from_events(
        [
            intake(T, "a.txt", "text/plain"),
            {"action": "seen_again", "subject": T, "params": {"source_name": "b.txt"}},
            {"action": "extract", "subject": T},
            {"action": "quarantine", "subject": C},
        ]
    )
    assert index.intake[T]["source_name"] == "a.txt"
    assert index.by_name["b.txt"] == T
    assert index.extracted == {T: 1}
    assert index.quarantined == {C}


def test_duplicate_consent_attaches_until_an_amend() -> None:
    """A duplicate's sidecar widens the item's consent; an amend is the whole truth after."""
    from sestry.ingestion.index import LedgerIndex

    digest = "c" * 64
    index = LedgerIndex.from_events(
        [
            {
                "action": "intake",
                "subject": digest,
                "params": {"sidecar": {"consent": ["prosecution"]}},
            },
            {
                "action": "seen_again",
                "subject": digest,
                "params": {"sidecar": {"consent": ["research"]}},
            },
        ]
    )
    assert index.consent(digest) == ("prosecution", "research")
    index.note(
        {"action": "amend", "subject": digest, "params": {"sidecar": {"consent": ["register"]}}}
    )
    assert index.consent(digest) == ("register",)
    index.note({"action": "seen_again", "subject": digest, "params": {"sidecar": None}})
    assert index.consent(digest) == ("register",)


def test_a_kept_inbox_rerun_does_not_undo_an_amend() -> None:
    """The files an amend superseded come back on every kept-inbox rerun with their old
    sidecars; a withdrawn scope must stay withdrawn. A file first seen after it still counts."""
    from sestry.ingestion.index import LedgerIndex
    from sestry.ingestion.outcomes import consent_to_check

    digest = "d" * 64
    both = {"consent": ["prosecution", "research"]}

    def event(action: str, name: str | None, sidecar: dict[str, list[str]]) -> dict[str, object]:
        params = {"source_name": name, "sidecar": sidecar} if name else {"sidecar": sidecar}
        return {"action": action, "subject": digest, "params": params}

    index = LedgerIndex.from_events(
        [
            event("intake", "a.txt", both),
            event("seen_again", "b.txt", both),
            event("amend", None, {"consent": ["prosecution"]}),
        ]
    )
    assert index.consent(digest) == ("prosecution",)
    for name in ("a.txt", "b.txt"):  # the rerun over the kept inbox
        index.note(event("seen_again", name, both))
    assert index.consent(digest) == ("prosecution",)
    assert consent_to_check(index.intake[digest])  # amended: checked (an amend may have crashed)
    index.note(event("seen_again", "new/c.txt", {"consent": ["register"]}))
    assert index.consent(digest) == ("prosecution", "register")
