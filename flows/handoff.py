"""The handoff flow: build a signed release (a task), then record it in the ledger (coordinator).

Thin by design: every decision lives in `redaction.release_job` and `custody.release`. Parameters
and results are a profile name, paths, digests and counts: never text.
"""

from __future__ import annotations

from dataclasses import asdict
from pathlib import Path

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE

from sestry.core.errors import ValidationFailed
from sestry.core.settings import Settings
from sestry.core.version import sestry_version
from sestry.custody.checkpoints import keep_release_copy, write_checkpoint
from sestry.custody.errors import OriginalChanged
from sestry.custody.ledger import Ledger
from sestry.custody.release import MANIFEST, SIGNATURE
from sestry.flows.redact import record_incident, redact_flow
from sestry.flows.run_meta import handoff_run_name, labelled, log_info, rename_run
from sestry.release.handoff_job import (
    ReleaseOutcome,
    build_release,
    current_redaction,
    handoff_lock,
    preflight,
    publish_release,
    require_passed,
)
from sestry.release.run_files import read_cases


@task(name="build-release", cache_policy=NONE, persist_result=False, log_prints=False)
def build_release_task(
    data_dir: str,
    profile: str,
    out: str | None,
    redaction_dir: str | None = None,
    cases_file: str | None = None,
) -> ReleaseOutcome:
    """Copy, re-validate, report and seal one release, not yet published (redacted files only)."""
    return build_release(
        Settings.load(data_dir),
        profile,
        Path(out) if out else None,
        redaction_dir=Path(redaction_dir) if redaction_dir else None,
        publish_now=False,
        cases=read_cases(cases_file),
    )


@flow(
    name="handoff",
    flow_run_name=handoff_run_name,
    log_prints=False,
    persist_result=False,
    validate_parameters=True,
)
def handoff_flow(
    data_dir: str, profile: str, out: str | None = None, cases_file: str | None = None
) -> ReleaseOutcome:
    """Release `profile` for the scope in `cases_file` (a private run file of case ids; none:
    every consented document): reuse the current validated redaction of exactly that scope or
    run the redact flow first, then build the release and append a `release` ledger event (or
    `release_refused`, with nothing written, when the re-validation fails); return its summary."""
    settings = Settings.load(data_dir)
    preflight(settings, profile, Path(out) if out else None)
    # One handoff per data dir (stale staging is then safe to remove).
    with labelled("handoff", profile), handoff_lock(settings):
        return _run(settings, data_dir, profile, out, cases_file)


def _run(
    settings: Settings, data_dir: str, profile: str, out: str | None, cases_file: str | None
) -> ReleaseOutcome:
    """Under the handoff lock: redaction → sealed staging → copy + `release` event → publish."""
    source = current_redaction(settings, profile, read_cases(cases_file))
    if source is None:  # the redact subflow records its own `redact` event
        source = require_passed(redact_flow(data_dir, profile, cases_file))
    ledger = Ledger(settings.ledger_path)
    try:
        outcome = build_release_task(data_dir, profile, out, str(source), cases_file)
    except OriginalChanged as exc:  # nothing was written; the incident is on the record
        record_incident(ledger, exc.digest, "handoff")
        log_info("handoff stopped: custody incident on original %s", exc.digest[:12])
        raise
    except ValidationFailed:  # nothing was written; the refusal itself is on the record
        log_info("handoff refused: the release copy failed validation; nothing written")
        ledger.append(
            "release_refused",
            subject=source.name,
            params={"profile": profile, "reason": "validation_failed"},
            versions={"sestry": sestry_version()},
        )
        raise
    rename_run(f"handoff-{outcome.release_id}")  # the id starts with the profile name
    staged = Path(str(outcome.stage_dir))  # sealed, not yet visible at the destination
    keep_release_copy(  # the data dir keeps a signed copy of each release, wherever it goes
        settings,
        outcome.release_id,
        (staged / MANIFEST).read_bytes(),
        (staged / SIGNATURE).read_bytes(),
    )
    ledger.append(
        "release",
        subject=outcome.manifest_b3,
        inputs=outcome.items,
        outputs=sorted(set(outcome.file_b3)),
        params={
            "profile": outcome.profile,
            "release_id": outcome.release_id,
            "redaction_id": outcome.redaction_id,
            "public_key_b3": outcome.public_key_b3,
            "counts": outcome.counts,
        },
        versions={"sestry": sestry_version()},
    )  # recorded before the publishing rename: a kill never leaves an unrecorded release
    publish_release(settings, outcome)
    write_checkpoint(settings)
    create_markdown_artifact(key="handoff-summary", markdown=summary_markdown(outcome))
    log_info(
        "release %s: %d documents, %d files, manifest %s, signing key %s",
        outcome.release_id,
        outcome.counts.get("documents", 0),
        len(outcome.file_b3),
        outcome.manifest_b3[:12],
        outcome.public_key_b3[:12],
    )
    return outcome


def summary_markdown(outcome: ReleaseOutcome) -> str:
    """Run summary for the Prefect UI: where the release is, how to check it, counts; no content.

    The key fingerprint is what the partner compares with the one sent by another channel.
    """
    rows = "\n".join(f"| {k} | {v} |" for k, v in sorted(asdict(outcome)["counts"].items()))
    return (
        f"# Release {outcome.release_id}\n\n"
        f"- profile: `{outcome.profile}`\n"
        f"- release folder: `{outcome.release_dir}`\n"
        f"- signing key fingerprint (BLAKE3 of signing-key.pub.pem): `{outcome.public_key_b3}`\n"
        f"- manifest BLAKE3: `{outcome.manifest_b3}`\n"
        f"- partner check: `sestry verify <folder> --key {outcome.public_key_b3}`\n\n"
        f"| count | value |\n| --- | --- |\n{rows}\n"
    )
