"""Consent scopes that exist: the `requires_consent` of every profile (bundled and local).

A consent word no profile asks for can never release anything: it is almost always a typo
(`prosecutor` for `prosecution`), so intake and `sestry amend` refuse it with a did-you-mean.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from pathlib import Path

from sestry.core.errors import ProfileError
from sestry.core.settings import Settings
from sestry.redaction.profiles import BUNDLED_PROFILES, load_profile


def known_scopes(settings: Settings | None = None) -> frozenset[str]:
    """The consent scopes of every loadable profile (a broken profile adds none)."""
    folders = [Path(BUNDLED_PROFILES)]
    if settings is not None:
        folders.append(settings.data_dir / "profiles")
    scopes = set()
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.toml")):
            try:
                scopes.add(load_profile(path).requires_consent)
            except ProfileError:
                continue
    return frozenset(scopes)


def scope_problems(consent: Iterable[str], known: frozenset[str]) -> tuple[str, ...]:
    """`consent:unknown_scope(did_you_mean=X)` codes for words no profile asks for.

    Only the suggestion (a profile's own scope) is named, never the word given.
    """
    problems = []
    for word in sorted(set(consent)):
        if word in known:
            continue
        close = difflib.get_close_matches(word, sorted(known), n=1, cutoff=0.6)
        hint = f"(did_you_mean={close[0]})" if close else ""
        problems.append(f"consent:unknown_scope{hint}")
    return tuple(sorted(set(problems)))
