"""Refuse a redaction or release of nothing: an empty scope is an operator's mistake, said so.

Why: `redact` and `handoff` before any ingest used to write a signed release of 0 documents and
exit 0, and a `--case` that matched nothing said "validation passed". The messages carry counts
and the consent scope, never case ids or names.
"""

from __future__ import annotations

from collections.abc import Iterable

from sestry.core.errors import CheckFailed
from sestry.core.settings import Settings


class EmptyScope(CheckFailed):
    """Nothing would be redacted or released (exit 1): the message says why."""


def require_documents(settings: Settings, requires_consent: str, cases: Iterable[str] = ()) -> int:
    """The number of documents the profile would get; EmptyScope when it is 0."""
    from sestry.schemas.dataset import read_table

    table = read_table(settings.dataset_dir, "documents").select(["case_id", "consent"])
    rows = table.to_pylist()
    if not rows:
        raise EmptyScope(
            "the internal dataset has no documents yet: run sestry ingest first; nothing written"
        )
    wanted = set(cases)
    if wanted:
        rows = [r for r in rows if r["case_id"] in wanted]
        if not rows:
            raise EmptyScope(
                f"--case matched no document ({len(wanted)} case id(s) given; ids must match"
                " exactly, as in the sidecars); nothing written"
            )
    consented = sum(1 for r in rows if requires_consent in (r["consent"] or ()))
    if not consented:
        raise EmptyScope(
            f"none of the {len(rows)} document(s) in scope has {requires_consent!r} consent;"
            " nothing written"
        )
    return consented
