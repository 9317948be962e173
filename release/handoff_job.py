"""Compose a release: a validated redaction, re-validated on the exact files, reported, sealed.

A plain function (no Prefect) that `flows/handoff.py` wraps. It never appends to the ledger (the
flow, as coordinator, records the `release` event from the returned summary) and never logs or
raises text: digests, counts and check names only. On any failure the staging folder is removed,
so nothing appears at the destination (fail closed).
"""

from __future__ import annotations

import json
import logging
import shutil
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyarrow.parquet as pq

from sestry.core.digest import b3_bytes
from sestry.core.durable import ensure_dir, unlink_durable, write_atomic, write_json
from sestry.core.errors import ValidationFailed
from sestry.core.locks import exclusive_run
from sestry.core.settings import Settings
from sestry.core.version import sestry_version
from sestry.custody.keys import load_signing_key, require_layout
from sestry.custody.ledger import Ledger
from sestry.custody.release import (
    MANIFEST,
    PAYLOAD_DIR,
    ReleaseSpec,
    check_destination,
    discard,
    make_staging,
    new_release_id,
    payload_files,
    publish,
    seal_release,
)
from sestry.custody.vault import Vault
from sestry.redaction.profiles import load_profile
from sestry.release.advice import refusal, refusal_from
from sestry.release.layout import REDACT_ACTION, REDACTION_SUMMARY, VALIDATION
from sestry.release.page_stamp import stamp_pages
from sestry.release.partner_files import (
    ReleaseFacts,
    assert_no_leak,
    write_partner_files,
)
from sestry.release.report_data import build_report_data
from sestry.release.scope import release_scope, release_scope_record
from sestry.reports.data import ReleaseReportData
from sestry.reports.render import render_release_reports

log = logging.getLogger(__name__)

SKIPPED = frozenset({VALIDATION})  # re-made from the re-validation of the staged copy
Validator = Callable[[Path, Settings], object]


@dataclass(frozen=True)
class ReleaseOutcome:
    """What the flow needs to record and print: paths, ids, digests and counts only."""

    release_dir: str
    release_id: str
    profile: str
    manifest_b3: str
    public_key_b3: str
    redaction_id: str | None
    items: tuple[str, ...]  # originals' digests
    file_b3: tuple[str, ...]  # BLAKE3 of every released payload file
    counts: dict[str, int]
    stage_dir: str | None = None  # set while sealed but not yet published (publish=False)


def build_release(
    settings: Settings,
    profile_name: str,
    out: Path | None = None,
    *,
    redaction_dir: Path | None = None,
    validator: Validator | None = None,
    publish_now: bool = True,
    cases: Sequence[str] = (),
) -> ReleaseOutcome:
    """Write a signed release for `profile_name` at `out` (default DATA/releases/<id>).

    The scope is explicit: `cases` (empty: every consented document). Uses `redaction_dir`, else
    the newest passed redaction of the profile *with exactly that scope*, else a fresh
    `redact_dataset` run of that scope: a plain handoff never releases an earlier `--case`
    redaction's narrower set. Raises ValidationFailed (nothing written) when the staged copy
    fails validation, UsageError when the destination is taken, ConfigError without `sestry init`.
    """
    require_layout(settings)
    profile = load_profile(profile_name, settings)
    key = load_signing_key(settings)
    release_id = new_release_id(profile.name)
    dest = Path(out).absolute() if out is not None else settings.releases_dir / release_id
    check_destination(dest)
    source = redaction_dir or current_redaction(settings, profile.name, cases)
    if source is None:
        source = _fresh_redaction(settings, profile.name, cases)
    remove_stale_staging(settings)
    stage = make_staging(dest)
    note_staging(settings, stage)
    try:
        payload = stage / PAYLOAD_DIR
        copy_redaction(source, payload)
        scrub_summary(payload, keep_cases=profile.columns.case_id == "keep")
        summary = read_summary(payload)
        vault = Vault(settings.vault_dir)
        for digest in released_items(payload, summary):  # the originals still are what was
            vault.verified_path(digest)  # extracted: else a custody incident and no release
        created_at = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
        facts = ReleaseFacts(release_id, created_at, sestry_version(), *release_scope(summary))
        numbers = write_partner_files(payload, profile, facts, original_sha256(settings))
        stamp_pages(payload / "pages", numbers)  # Bates stamps: the control numbers just written
        context = None if validator is not None else _context(payload, settings)
        checks = _revalidate(payload, settings, validator, context, _prior(source, settings))
        assert_no_leak(payload, _leak_finder(context, validator))
        items = released_items(payload, summary)
        head = Ledger(settings.ledger_path).head()
        staged = [payload.parent / rel for rel in payload_files(stage)]
        data = build_report_data(
            payload,
            profile,
            summary,
            checks,
            release_id=release_id,
            created_at=created_at,
            sestry_version=sestry_version(),
            ledger_head=head,
            files=len(staged),
            total_bytes=sum(p.stat().st_size for p in staged),
        )
        for name, html in render_release_reports(data).items():  # report.html, report.uk.html
            write_atomic(payload / name, html.encode("utf-8"))
        counts = release_counts(data, checks)
        spec = ReleaseSpec(
            release_id=release_id,
            profile=profile.name,
            created_at=created_at,
            sestry_version=sestry_version(),
            items=items,
            counts=counts,
            ledger_head=head,
            redaction_id=_str_or_none(summary.get("redaction_id")),
            validation_passed=True,
            extra={"scope": release_scope_record(summary)},
        )
        sealed = seal_release(stage, spec, key)
        if publish_now:
            publish(stage, dest)
            forget_staging(settings, stage)
    except BaseException:
        discard(stage)
        forget_staging(settings, stage)
        raise
    manifest = json.loads(((dest if publish_now else stage) / MANIFEST).read_bytes())
    log.info("release %s sealed: %d files", release_id, len(sealed.files))
    return ReleaseOutcome(
        release_dir=str(dest),
        release_id=release_id,
        profile=profile.name,
        manifest_b3=sealed.manifest_b3,
        public_key_b3=manifest["signature"]["public_key_b3"],
        redaction_id=spec.redaction_id,
        items=tuple(items),
        file_b3=tuple(d.blake3 for _, d in sorted(sealed.files.items())),
        counts={k: v for k, v in counts.items() if isinstance(v, int)},
        stage_dir=None if publish_now else str(stage),
    )


def _staging_notes(settings: Settings) -> Path:
    return settings.data_dir / "runs" / "staging"


def note_staging(settings: Settings, stage: Path) -> None:
    """Record where a release is being staged (it may be beside --out, on a USB stick)."""
    notes = ensure_dir(_staging_notes(settings))
    write_atomic(notes / f"{stage.name}.path", str(stage.absolute()).encode("utf-8"))


def remove_stale_staging(settings: Settings) -> list[str]:
    """Delete staging folders a killed handoff left (wherever they were); return their names.

    Only folders this data dir recorded and that still look like sestry staging are removed.
    Called under the handoff lock, so no other handoff of this data dir is staging now.
    """
    notes = _staging_notes(settings)
    removed = []
    for note in sorted(notes.glob("*.path")) if notes.is_dir() else ():
        stage = Path(note.read_text(encoding="utf-8"))
        if stage.name == note.stem and ".partial-" in stage.name and stage.is_dir():
            discard(stage)
            removed.append(stage.name)
            log.info("removed stale staging folder %s", stage.name)
        unlink_durable(note)
    return removed


def publish_release(settings: Settings, outcome: ReleaseOutcome) -> None:
    """Rename a sealed staging folder into place (after its `release` event is durable)."""
    if outcome.stage_dir is None:
        return
    stage = Path(outcome.stage_dir)
    publish(stage, Path(outcome.release_dir))
    forget_staging(settings, stage)


@contextmanager
def handoff_lock(settings: Settings) -> Iterator[None]:
    """One handoff per data dir at a time (exit 2 otherwise); the kernel drops it on kill -9."""
    require_layout(settings)
    with exclusive_run(settings.data_dir / "handoff.lock", "handoff"):
        yield


def forget_staging(settings: Settings, stage: Path) -> None:
    """The staging folder was published or discarded: drop its note."""
    unlink_durable(_staging_notes(settings) / f"{stage.name}.path")


def preflight(settings: Settings, profile_name: str, out: Path | None) -> None:
    """Refuse early (exit 2) without a data dir, with a bad profile or a taken destination."""
    require_layout(settings)
    load_profile(profile_name, settings)
    if out is not None:
        check_destination(Path(out).absolute())


def current_redaction(
    settings: Settings, profile_name: str, cases: Sequence[str] = ()
) -> Path | None:
    """The newest validated redaction of the profile and scope if still current, else None."""
    profile = load_profile(profile_name, settings)
    folder = newest_passed_redaction(settings, profile.name, cases)
    if folder is None or not is_current(settings, folder, profile.requires_consent):
        return None
    return folder


def require_passed(result: object) -> Path:
    """The folder of a fresh redaction result; ValidationFailed (exit 1) when it failed."""
    if not getattr(result, "passed", False):
        raise ValidationFailed(
            refusal_from(
                getattr(result, "failed_checks", ()) or (), getattr(result, "failed_docs", ())
            )
        )
    return Path(str(getattr(result, "path", "")))


def newest_passed_redaction(
    settings: Settings, profile: str, cases: Sequence[str] = ()
) -> Path | None:
    """The newest `redactions/<profile>/<id>/` of the scope `cases` (empty: all) whose recorded
    validation passed, or None."""
    root = settings.redactions_dir / profile
    if not root.is_dir():
        return None
    candidates = []
    for folder in root.iterdir():
        summary = folder / REDACTION_SUMMARY
        if folder.is_dir() and not folder.name.startswith(".") and summary.is_file():
            try:
                recorded = json.loads(summary.read_bytes())
                passed = _validation_passed(recorded)
                same_scope = set(recorded.get("cases") or ()) == set(cases)
            except (ValueError, AttributeError, TypeError):
                continue
            if passed and same_scope:
                candidates.append((summary.stat().st_mtime_ns, folder.name, folder))
    return max(candidates)[2] if candidates else None


def copy_redaction(source: Path, payload: Path) -> None:
    """Copy the redaction's files (not its old validation results) into the staged payload."""
    for path in sorted(source.rglob("*")):
        rel = path.relative_to(source)
        if rel.parts[0].startswith(".") or rel.as_posix() in SKIPPED:
            continue
        target = payload / rel
        if path.is_symlink():
            raise ValidationFailed("redaction folder holds a symlink; refusing to release it")
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        else:
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)


def scrub_summary(payload: Path, *, keep_cases: bool) -> None:
    """Drop the raw `--case` filter from the released redaction.json unless case ids are kept.

    The staged copy is validated after this, so what is released is what was validated.
    """
    path = payload / REDACTION_SUMMARY
    summary = read_summary(payload)
    if keep_cases or not summary.get("cases"):
        return
    cases = summary.pop("cases")
    summary["cases_count"] = len(cases) if isinstance(cases, list) else 1
    write_json(path, summary)


def read_summary(payload: Path) -> dict[str, object]:
    """redaction.json of the staged copy; ValidationFailed when it is missing or unreadable."""
    try:
        summary = json.loads((payload / REDACTION_SUMMARY).read_bytes())
    except (OSError, ValueError) as exc:
        raise ValidationFailed("redaction.json missing or unreadable; not releasing") from exc
    if not isinstance(summary, dict):
        raise ValidationFailed("redaction.json is not an object; not releasing")
    return summary


def released_items(payload: Path, summary: Mapping[str, object]) -> list[str]:
    """Originals' digests in documents.parquet; they must equal redaction.json's doc_ids."""
    table = pq.read_table(payload / "documents.parquet", columns=["doc_id"])
    ids = sorted(str(d) for d in table.column("doc_id").to_pylist())
    listed = summary.get("doc_ids")
    if isinstance(listed, list) and sorted(str(d) for d in listed) != ids:
        raise ValidationFailed("documents.parquet and redaction.json disagree on doc_ids")
    return ids


def release_counts(
    data: ReleaseReportData, checks: Sequence[tuple[str, bool | None]]
) -> dict[str, object]:
    """The manifest's counts: documents, exclusions, pages, spans per label, checks."""
    per_label = {r.label: r.count for r in data.labels if r.count}
    return {
        "documents": data.documents,
        "excluded_no_consent": data.excluded_no_consent,
        "pages": data.pages,
        "entities": sum(per_label.values()),
        "entities_by_label": per_label,
        "validation_checks": len(checks),
    }


def _revalidate(
    payload: Path,
    settings: Settings,
    validator: Validator | None,
    context: object = None,
    prior: Mapping[str, object] | None = None,
) -> list[tuple[str, bool | None]]:
    """Validate the staged files themselves; write validation.json; raise when a privacy check
    fails. Each check is (id, True passed / False failed / None quality warning).

    A group of files (tables, pages) whose BLAKE3 digests and context digest equal those the
    redaction's validation recorded (`prior`) keeps its results and is not validated again;
    stamped pages always differ, so they always are."""
    if validator is None:
        from sestry.release.suites import validate_redaction  # GE imports only if it validates

        report: object = validate_redaction(payload, settings, context=context, prior=prior)
    else:
        report = validator(payload, settings)
    rows = _results(report)
    checks = [(name, ok or (None if extra.get("blocking") is False else False))
              for name, ok, extra in rows]  # fmt: skip
    passed = bool(getattr(report, "passed", False)) and bool(checks)
    passed = passed and all(p is not False for _, p in checks)
    results = {
        "passed": passed,
        "warnings": [n for n, p in checks if p is None],
        "validated": "the files of this release, after copying (data/)",
        # groups whose files are byte for byte those validated at redaction, same context
        "reused_from_redaction": list(getattr(report, "reused", ()) or ()),
        "results": [{"check_id": n, "success": ok, **extra} for n, ok, extra in rows],
    }
    write_json(payload / VALIDATION, results)
    if not passed:
        raise ValidationFailed(refusal(getattr(report, "failures", list)()))
    return checks


def original_sha256(settings: Settings) -> Callable[[str], str]:
    """SHA-256 of an original in the vault, re-hashed with BLAKE3 against its digest first."""
    from sestry.core.digest import hash_file
    from sestry.custody.vault import Vault

    vault = Vault(settings.vault_dir)

    def sha256(doc_id: str) -> str:
        digests = hash_file(vault.path(doc_id))
        if digests.blake3 != doc_id:
            raise ValidationFailed(
                f"original {doc_id[:12]} no longer matches its digest: custody incident, "
                "nothing released; run sestry verify"
            )
        return digests.sha256

    return sha256


def _context(payload: Path, settings: Settings) -> object:
    """Validation's context of the staged copy, read once for validation and the partner files
    (None when unreadable: validation then fails closed on it)."""
    from sestry.core.errors import SestryError
    from sestry.release.checks import load_context

    try:
        return load_context(payload, settings)
    except (OSError, ValueError, KeyError, SestryError):
        return None


def _prior(source: Path, settings: Settings) -> Mapping[str, object] | None:
    """The redaction's own validation.json (what it validated, by digest), or None.

    Only the one a `redact` event of the ledger lists among its outputs: the redaction folder
    is plain files, and a table edited together with the digests recorded for it must not pass
    as validated. A redaction made without its ledger event (a script, a test) is validated again.
    """
    path = source / VALIDATION
    try:
        data = path.read_bytes()
        prior = json.loads(data)
    except (OSError, ValueError):
        return None
    if not isinstance(prior, dict) or not _recorded(b3_bytes(data), settings):
        return None
    return prior


def _recorded(digest: str, settings: Settings) -> bool:
    """True when a `redact` event of the ledger lists `digest` among its outputs."""
    ledger = Ledger(settings.ledger_path)
    if not ledger.path.exists():
        return False
    return any(
        event.get("action") == REDACT_ACTION and digest in (event.get("outputs") or ())
        for event in ledger.events()
    )


def _leak_finder(context: object, validator: Validator | None) -> Callable[[str], Sequence[object]]:
    """The release's leak matcher (the one validation uses), for the partner files."""
    if validator is not None:  # a test's own validator: no internal dataset to build terms from
        return lambda _text: ()
    matcher = getattr(context, "matcher", None)
    if matcher is None:
        raise ValidationFailed("leak terms could not be built; not releasing")
    return matcher.find


def _results(report: object) -> list[tuple[str, bool, dict[str, object]]]:
    """Whitelisted fields of each check result: id, expectation, table, column, success, count."""
    rows: list[tuple[str, bool, dict[str, object]]] = []
    for result in getattr(report, "results", ()) or ():
        get = result.get if isinstance(result, Mapping) else lambda k, r=result: getattr(r, k, None)
        name = get("check_id") or get("name") or f"check-{len(rows) + 1}"
        ok = get("success") if get("success") is not None else get("passed")
        keys = ("expectation", "table", "column", "unexpected_count", "blocking")
        fields = {k: get(k) for k in keys}
        safe = {k: v for k, v in fields.items() if v is None or isinstance(v, int | str)}
        rows.append((str(name), ok is True, safe))
    return rows


def _fresh_redaction(settings: Settings, profile: str, cases: Sequence[str] = ()) -> Path:
    """Run the redaction of that scope now (no current validated one) and return its folder."""
    from sestry.release.redact_job import redact_dataset

    result = redact_dataset(
        settings,
        profile,
        cases,
        original_path=Vault(settings.vault_dir).verified_path,
        ledger_head=Ledger(settings.ledger_path).head(),
    )
    return require_passed(result)


def is_current(settings: Settings, folder: Path, requires_consent: str) -> bool:
    """True when a redaction still reflects the dataset and profile (else a fresh one runs).

    Stale when the internal dataset changed since (a document ingested, re-extracted, removed,
    or a consent withdrawn: its `documents` file is rewritten), when the set of documents the
    partner would get differs, or when the profile file changed. A withdrawn consent must never
    be released from an old redaction.
    """
    from sestry.core.digest import b3_file
    from sestry.redaction.profiles import profile_path
    from sestry.schemas.dataset import read_table
    from sestry.schemas.dataset_log import commits_dir

    marker = folder / REDACTION_SUMMARY
    summary = json.loads(marker.read_bytes())
    # every change to the dataset writes a `documents` file (pre-batch data dirs) or a commit
    # record (a withdrawal may write nothing else)
    for changes in (settings.dataset_dir / "documents", commits_dir(settings.dataset_dir)):
        if changes.is_dir():
            stamps = [changes.stat().st_mtime_ns]
            stamps += [p.stat().st_mtime_ns for p in changes.iterdir() if p.is_file()]
            if max(stamps) > marker.stat().st_mtime_ns:
                return False
    profile_b3 = summary.get("profile_b3")
    if profile_b3 is not None and profile_b3 != b3_file(profile_path(summary["profile"], settings)):
        return False
    cases = set(summary.get("cases") or ())
    table = read_table(settings.dataset_dir, "documents").select(["doc_id", "case_id", "consent"])
    wanted = {
        row["doc_id"]
        for row in table.to_pylist()
        if requires_consent in (row["consent"] or ()) and (not cases or row["case_id"] in cases)
    }
    return wanted == set(summary.get("doc_ids") or ())


def _validation_passed(summary: object) -> bool:
    if not isinstance(summary, dict):
        return False
    validation = summary.get("validation")
    if isinstance(validation, dict):
        return validation.get("passed") is True
    return summary.get("validation_passed") is True or validation is True


def _str_or_none(value: object) -> str | None:
    return value if isinstance(value, str) else None
