"""`sestry handoff`: write a signed, validated release package for one partner profile.

Exit 0 with the release folder and the key fingerprint printed; a failed validation raises
ValidationFailed (exit 1) and nothing is written; a missing data dir or profile exits 2.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from sestry.core.i18n import _
from sestry.core.settings import Settings
from sestry.reports.numbers import size


def run(
    settings: Settings, *, profile: str, out: Path | None = None, cases: tuple[str, ...] = ()
) -> int:
    """Run the handoff flow for an explicit scope and print where the release is, what it
    covers and how to check it. `cases` empty: every document with the profile's consent."""
    from sestry.commands.prefect_env import quiet_prefect
    from sestry.release.handoff_job import preflight

    preflight(settings, profile, out)  # no data dir, bad profile, taken --out: exit 2 at once
    from sestry.redaction.profiles import load_profile
    from sestry.release.scope import require_documents

    scope = load_profile(profile, settings).requires_consent
    require_documents(settings, scope, cases)  # nothing in scope: exit 1
    console = Console(highlight=False, soft_wrap=True)
    if cases:
        shown = _("documents of the given cases ({count}) with consent '{scope}'")
    else:
        shown = _("every document with consent '{scope}'")
    console.print(
        _("scope: {shown}").format(shown=shown.format(count=len(set(cases)), scope=scope)),
        markup=False,
    )
    quiet_prefect()
    from sestry.flows.handoff import handoff_flow
    from sestry.release.run_files import cases_file

    with cases_file(settings, list(cases)) as run_file:  # case ids never become flow parameters
        outcome = handoff_flow(
            data_dir=str(settings.data_dir),
            profile=profile,
            out=str(out) if out else None,
            cases_file=run_file,
        )
    console.print(
        _("release {release} written to {path}").format(
            release=outcome.release_id, path=outcome.release_dir
        ),
        markup=False,
    )
    every = [p for p in Path(outcome.release_dir).rglob("*") if p.is_file()]
    console.print(
        _(
            "documents: {documents}; payload files (data/): {payload}; all files in the"
            " package: {files}, {size}"
        ).format(
            documents=outcome.counts.get("documents", 0),
            payload=len(outcome.file_b3),
            files=len(every),
            size=size(sum(p.stat().st_size for p in every)),
        ),
        markup=False,
    )
    console.print(_("manifest BLAKE3: {digest}").format(digest=outcome.manifest_b3), markup=False)
    console.print(
        _(
            "signing key fingerprint (BLAKE3 of signing-key.pub.pem): {key}; "
            "send it to the partner by another channel"
        ).format(key=outcome.public_key_b3),
        markup=False,
    )
    console.print(
        _("partner check: {command}").format(
            command=f"sestry verify {outcome.release_dir} --key {outcome.public_key_b3}"
        ),
        markup=False,
    )
    return 0
