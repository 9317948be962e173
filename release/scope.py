"""The scope of a redaction or release: refuse one of nothing, and say what one covers.

An empty scope is an operator's mistake, said so. A release says its scope (every consented
document, or N cases, never their ids) in its manifest, report and README.

Why: `redact` and `handoff` before any ingest used to write a signed release of 0 documents and
exit 0, and a `--case` that matched nothing said "validation passed". The messages carry counts
and the consent scope, never case ids or names.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from sestry.core.errors import CheckFailed
from sestry.core.settings import Settings


class EmptyScope(CheckFailed):
    """Nothing would be redacted or released (exit 1): the message says why."""


def require_documents(settings: Settings, requires_consent: str, cases: Iterable[str] = ()) -> int:
    """The number of documents the profile would get; EmptyScope when it is 0."""
    rows = scope_rows(settings, requires_consent, cases)
    return sum(1 for r in rows if requires_consent in (r["consent"] or ()))


def scope_rows(
    settings: Settings,
    requires_consent: str,
    cases: Iterable[str] = (),
    columns: Sequence[str] = ("consent",),
) -> list[dict[str, object]]:
    """The in-scope documents' `columns` (consent always among them), read once; EmptyScope when
    none has the profile's consent. A command that needs more of them (the redact command's
    page check) asks here instead of reading the table again."""
    from sestry.schemas.dataset import doc_ids_of_cases, known_doc_ids, read_table

    if not known_doc_ids(settings.dataset_dir):
        raise EmptyScope(
            "the internal dataset has no documents yet: run sestry ingest first; nothing written"
        )
    wanted = set(cases)
    # by case: the commit index names the documents, so only their batches are opened
    scope = doc_ids_of_cases(settings.dataset_dir, wanted) if wanted else None
    wanted_columns = ["consent", *(c for c in columns if c != "consent")]
    rows = read_table(settings.dataset_dir, "documents", scope).select(wanted_columns).to_pylist()
    if wanted and not rows:
        raise EmptyScope(
            f"--case matched no document ({len(wanted)} case id(s) given; ids must match"
            " exactly, as in the sidecars); nothing written"
        )
    if not any(requires_consent in (r["consent"] or ()) for r in rows):
        raise EmptyScope(
            f"none of the {len(rows)} document(s) in scope has {requires_consent!r} consent;"
            " nothing written"
        )
    return rows


def release_scope(summary: Mapping[str, object]) -> tuple[str, str]:
    """What the release covers, in English and Ukrainian, for its README (counts, never ids)."""
    scope = summary.get("scope")
    cases = summary.get("cases")
    count = len(cases) if isinstance(cases, list) else summary.get("cases_count")
    if count:
        return (
            f"documents of {count} case(s) with consent '{scope}'",
            f"документи {count} справ(и) зі згодою '{scope}'",
        )
    return (
        f"every document with consent '{scope}'",
        f"усі документи зі згодою '{scope}'",
    )


def release_scope_record(summary: Mapping[str, object]) -> dict[str, object]:
    """The manifest's `scope`: every consented document, or how many cases (never their ids)."""
    cases = summary.get("cases")
    count = len(cases) if isinstance(cases, list) else summary.get("cases_count")
    if count:
        return {"documents": "cases", "cases": count, "consent": summary.get("scope")}
    return {"documents": "all", "consent": summary.get("scope")}
