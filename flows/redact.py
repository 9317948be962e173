"""The redact flow: redact + validate (a task), then record a `redact` ledger event (coordinator).

Thin by design: every decision lives in `redaction.run`. Parameters and results are a profile
name, a run file's path, digests and counts: never text and never case ids.
"""

from __future__ import annotations

import time

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact
from prefect.cache_policies import NONE

from sestry.core.settings import Settings
from sestry.core.version import sestry_version
from sestry.custody.errors import OriginalChanged
from sestry.custody.ledger import Ledger
from sestry.custody.vault import Vault
from sestry.flows.retry import TRANSIENT_RETRIES
from sestry.flows.run_meta import labelled, log_info, redact_run_name
from sestry.release.layout import REDACT_ACTION, REDACTION_SUMMARY
from sestry.release.redact_job import RedactionResult, redact_dataset
from sestry.release.run_files import read_cases


@task(name="redact", cache_policy=NONE, persist_result=False, log_prints=False, **TRANSIENT_RETRIES)
def redact_task(
    data_dir: str, profile: str, cases_file: str | None, ledger_head: str | None
) -> RedactionResult:
    """Redact the internal dataset for one profile and validate the written files."""
    settings = Settings.load(data_dir)
    return redact_dataset(
        settings,
        profile,
        read_cases(cases_file),
        original_path=Vault(settings.vault_dir).verified_path,
        ledger_head=ledger_head,
    )


@flow(
    name="redact",
    flow_run_name=redact_run_name,
    log_prints=False,
    persist_result=False,
    validate_parameters=True,
)
def redact_flow(data_dir: str, profile: str, cases_file: str | None = None) -> RedactionResult:
    """Redact for `profile`; append one `redact` ledger event (passed or not); return a summary.

    Case ids are free text (a name, a phone): they reach the flow only inside `cases_file` (see
    `release.run_files.write_cases`), never as parameters, which Prefect stores in its database.
    """
    with labelled("redact", profile):
        return _run(data_dir, profile, cases_file)


def _run(data_dir: str, profile: str, cases_file: str | None) -> RedactionResult:
    """Redact, record the `redact` event, log counts and write the summary artifact."""
    started = time.monotonic()
    settings = Settings.load(data_dir)
    ledger = Ledger(settings.ledger_path)
    try:
        result = redact_task(data_dir, profile, cases_file, ledger.head())
    except OriginalChanged as exc:  # a custody incident goes on the record before exit 1
        record_incident(ledger, exc.digest, "redact")
        log_info("redact stopped: custody incident on original %s", exc.digest[:12])
        raise
    ledger.append(
        REDACT_ACTION,
        subject=result.outputs.get(REDACTION_SUMMARY),
        inputs=list(result.doc_ids),
        outputs=sorted(set(result.outputs.values())),
        params={
            "profile": result.profile,
            "scope": result.scope,
            "redaction_id": result.redaction_id,
            "excluded_count": result.excluded_count,
            "counts": result.counts,
            "pages": result.pages,
            "validation_passed": result.passed,
            "failed_checks": list(result.failed_checks),
        },
        versions={"sestry": sestry_version()},
    )
    create_markdown_artifact(key="redact-summary", markdown=summary_markdown(result))
    log_info(
        "redaction %s: %d documents, %d excluded, %d pages, %d replacements, validation %s,"
        " failed checks %s, %.1f s",
        result.redaction_id,
        len(result.doc_ids),
        result.excluded_count,
        result.pages,
        sum(n for ops in result.counts.values() for n in ops.values()),
        "passed" if result.passed else "FAILED",
        ",".join(result.failed_checks) or "none",
        time.monotonic() - started,
    )
    return result


def record_incident(ledger: Ledger, digest: str, stage: str) -> None:
    """Append the `incident` event of an original that no longer matches its digest."""
    ledger.append(
        "incident",
        subject=digest,
        params={"reason": "digest_mismatch", "stage": stage},
        versions={"sestry": sestry_version()},
    )


def summary_markdown(result: RedactionResult) -> str:
    """Run summary for the Prefect UI: ids and counts only."""
    rows = "\n".join(
        f"| {label} | {operator} | {n} |"
        for label, ops in sorted(result.counts.items())
        for operator, n in sorted(ops.items())
    )
    return (
        f"# Redaction {result.redaction_id}\n\n"
        f"profile `{result.profile}`, documents {len(result.doc_ids)}, "
        f"excluded (no consent) {result.excluded_count}, pages {result.pages}, "
        f"validation {'passed' if result.passed else 'FAILED'}\n\n"
        f"| label | operator | count |\n| --- | --- | --- |\n{rows}\n"
    )
