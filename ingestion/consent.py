"""Check a sidecar's consent words against the scopes profiles ask for (fail closed on typos)."""

from __future__ import annotations

import dataclasses

from sestry.ingestion.sidecars import SidecarResult
from sestry.redaction.scopes import scope_problems


def check_consent(meta: SidecarResult, known: frozenset[str] | None) -> SidecarResult:
    """`meta` unchanged when its consent words are known (or no scope list is given); else an
    `invalid_sidecar` result naming the problem and a did-you-mean."""
    if known is None or meta.sidecar is None or not meta.valid:
        return meta
    problems = scope_problems(meta.sidecar.consent, known)
    if not problems:
        return meta
    return dataclasses.replace(meta, error="invalid_sidecar", problems=problems)
