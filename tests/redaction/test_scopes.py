"""Consent scopes come from the profiles; unknown words get a did-you-mean, never the word."""

from __future__ import annotations

from sestry.redaction.scopes import known_scopes, scope_problems


def test_known_scopes_are_the_bundled_profiles() -> None:
    assert {"prosecution", "register", "research"} <= known_scopes()


def test_typo_gets_did_you_mean_and_unknown_word_none() -> None:
    known = known_scopes()
    assert scope_problems(["prosecution"], known) == ()
    assert scope_problems(["prosecutor"], known) == (
        "consent:unknown_scope(did_you_mean=prosecution)",
    )
    assert scope_problems(["zzzzzz"], known) == ("consent:unknown_scope",)
