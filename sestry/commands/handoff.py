"""`sestry handoff`: write a signed, validated release package for one partner profile.

Exit 0 with the release folder and the key fingerprint printed; a failed validation raises
ValidationFailed (exit 1) and nothing is written; a missing data dir or profile exits 2.
"""

from __future__ import annotations

from pathlib import Path

from rich.console import Console

from sestry.core.settings import Settings


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
    shown = f"{len(set(cases))} case(s)" if cases else "every document"
    console.print(f"scope: {shown} with consent '{scope}'", markup=False)
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
    console.print(f"release {outcome.release_id} written to {outcome.release_dir}", markup=False)
    console.print(
        f"documents: {outcome.counts.get('documents', 0)}, "
        f"files: {len(outcome.file_b3)}, manifest b3: {outcome.manifest_b3}",
        markup=False,
    )
    console.print(
        f"signing key fingerprint (BLAKE3 of signing-key.pub.pem): {outcome.public_key_b3}; "
        "send it to the partner by another channel",
        markup=False,
    )
    console.print(
        f"partner check: sestry verify {outcome.release_dir} --key {outcome.public_key_b3}",
        markup=False,
    )
    return 0
