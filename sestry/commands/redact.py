"""`sestry redact`: redact the internal dataset for one partner profile and validate it.

Exit 0 when validation passed; 1 when it failed (the folder is kept for inspection, marked
not releasable in redaction.json, and the failed checks are printed by id and location, never
by content); 2 for a bad profile or a missing data dir (before Prefect starts).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from rich.console import Console

from sestry.core.i18n import _, language
from sestry.core.settings import Settings
from sestry.release.advice import refusal_from
from sestry.release.layout import VALIDATION


def _check_ocr(settings: Settings, kinds: set[object]) -> None:
    """Scanned pages are boxed and re-OCRed: without tesseract, exit 2 with the fix, up front.
    `kinds` come from the scope check's read of the documents (the table is not read again)."""
    from sestry.release.layout import PAGE_KINDS

    if kinds & PAGE_KINDS:
        from sestry.extractors import tesseract

        tesseract.check(settings.ocr_languages)


def run(settings: Settings, *, profile: str, cases: tuple[str, ...] = ()) -> int:
    """Run the redact flow and print where the result is, its counts and its verdict."""
    from sestry.commands.prefect_env import quiet_prefect
    from sestry.custody.keys import require_layout
    from sestry.redaction.profiles import load_profile

    require_layout(settings)
    loaded = load_profile(profile, settings)  # a bad profile is exit 2 before Prefect starts
    from sestry.release.scope import scope_rows

    # nothing to redact: exit 1; one read of the documents serves the page check too
    rows = scope_rows(settings, loaded.requires_consent, cases, ("consent", "kind"))
    _check_ocr(settings, {row["kind"] for row in rows})
    quiet_prefect()
    from sestry.flows.redact import redact_flow
    from sestry.release.run_files import cases_file

    with cases_file(settings, list(cases)) as run_file:  # case ids never become flow parameters
        result = redact_flow(data_dir=str(settings.data_dir), profile=profile, cases_file=run_file)
    console = Console(highlight=False, soft_wrap=True)
    console.print(
        _("redaction {redaction} written to {path}").format(
            redaction=result.redaction_id, path=result.path
        ),
        markup=False,
    )
    console.print(
        _(
            "documents: {documents}; excluded (no {scope} consent, or not approved when the"
            " profile requires review): {excluded}; pages: {pages}"
        ).format(
            documents=len(result.doc_ids),
            scope=result.scope,
            excluded=result.excluded_count,
            pages=result.pages,
        ),
        markup=False,
    )
    for label, ops in sorted(result.counts.items()):
        shown = ", ".join(f"{op} {n}" for op, n in sorted(ops.items()))
        console.print(f"  {label}: {shown}", markup=False)
    if result.pages_failed:
        console.print(
            _("documents whose pages could not be rendered: {count}").format(
                count=result.pages_failed
            )
        )
    report = json.loads((Path(result.path) / VALIDATION).read_text(encoding="utf-8"))
    warnings = [r for r in report["results"] if not r["success"] and r.get("blocking") is False]
    for row in warnings:
        console.print(
            _("quality warning (does not block): {check}, rows: {count}").format(
                check=row["check_id"], count=row["unexpected_count"]
            ),
            markup=False,
        )
    if result.passed:
        console.print(_("validation passed"), markup=False)
        return 0
    console.print(_("VALIDATION FAILED: nothing here may be released"), markup=False)
    prefixes: set[str] = set()
    for row in report["results"]:
        if not row["success"] and row.get("blocking") is not False:
            where = "; ".join(row["where"]) or "-"
            prefixes.update(re.findall(r"doc_id ([0-9a-f]{8,})", where))
            console.print(
                f"  {row['check_id']}: "
                + _("table {table}, column {column}, rows: {count}: {where}").format(
                    table=row["table"],
                    column=row["column"],
                    count=row["unexpected_count"],
                    where=where,
                ),
                markup=False,
            )
    console.print(
        refusal_from(result.failed_checks, result.failed_docs, lang=language()), markup=False
    )
    _point_to_review(console, settings, profile, result.doc_ids, prefixes)
    return 1


def _point_to_review(
    console: Console, settings: Settings, profile: str, doc_ids: tuple[str, ...], prefixes: set[str]
) -> None:
    """Say how to fix it: the review command, and each blocked document's page when the
    workbench runs (its address, without the token, is in DATA/review/server.json)."""
    console.print(
        _("review and correct it: {command}").format(
            command=f"sestry review --profile {profile} --data {settings.data_dir}"
        ),
        markup=False,
    )
    from sestry.review.server import running_url

    base = running_url(settings)
    if base is None:
        return
    for doc_id in sorted(d for d in doc_ids if any(d.startswith(p) for p in prefixes)):
        console.print(f"  {base}/doc/{doc_id}?profile={profile}", markup=False)
