"""`redact_dataset`: the internal dataset → one partner's redacted, validated tables and pages.

Writes `DATA/redactions/<profile>/<redaction_id>/` (documents/segments/entities Parquet, redacted
page PNGs and one PDF per scanned document, validation.json, redaction.json) and the
re-identification table under `DATA/dataset/reidentification/` (never inside the redaction
folder). Only documents whose consent includes the profile's scope are read into the output;
excluded ones are only counted. Returns a summary of digests and counts; appends no ledger event
(the flow does). Never logs text.
"""

from __future__ import annotations

import datetime as dt
import fcntl
import logging
import os
import secrets
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from sestry.core.digest import b3_file
from sestry.core.durable import ensure_dir, write_json
from sestry.core.errors import CheckFailed, ItemError
from sestry.core.settings import Settings
from sestry.extractors.entities.base import Span
from sestry.redaction import text as textops
from sestry.redaction.drawn import MARKS_FILE, marks_json, page_marks
from sestry.redaction.engine import redact_document
from sestry.redaction.image import PagePlan, paint_drawn, plan_boxes, recheck_page
from sestry.redaction.known import KNOWN_DETECTOR, merged_matcher
from sestry.redaction.metadata import save_png
from sestry.redaction.profiles import Profile, load_profile, profile_path
from sestry.redaction.pseudonyms import derive_pseudonym_key, normalise_norm, pseudonym
from sestry.redaction.review_gate import review_gate
from sestry.redaction.terms import TermMatcher, default_lemmatizer
from sestry.release.advice import failed_doc_prefixes
from sestry.release.known_ids import known_matchers
from sestry.release.layout import PAGE_KINDS, REDACTION_SUMMARY, REIDENTIFICATION, VALIDATION
from sestry.release.partner_files import described
from sestry.release.residual import residual_fixes
from sestry.schemas.dataset import read_table, write_parquet
from sestry.schemas.tables import REDACTED_TABLES

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class RedactionResult:
    """Summary of one redaction: ids, digests and counts only (safe for Prefect and logs)."""

    redaction_id: str
    path: str
    profile: str
    scope: str
    doc_ids: tuple[str, ...]
    excluded_count: int
    counts: dict[str, dict[str, int]]
    passed: bool
    failed_checks: tuple[str, ...]
    outputs: dict[str, str] = field(default_factory=dict)  # relative path → BLAKE3
    pages: int = 0
    pages_failed: int = 0
    warnings: tuple[str, ...] = ()  # failed quality checks (never blocking)
    failed_docs: tuple[str, ...] = ()  # doc_id prefixes named by failed privacy checks


def redact_dataset(
    settings: Settings,
    profile_name: str,
    cases: Iterable[str] = (),
    *,
    original_path: Callable[[str], Path] | None = None,
    ledger_head: str | None = None,
    pseudonym_key: bytes | None = None,
) -> RedactionResult:
    """Redact the internal dataset for `profile_name` and validate the result.

    `original_path(doc_id)` locates an original in the vault (the flow passes Vault.path); without
    it, scanned pages cannot be rendered and are left out (counted in pages_failed). Raises
    ProfileError / ConfigError (exit 2); a failed validation is `passed=False`, not an exception.
    """
    profile = load_profile(profile_name, settings)
    if pseudonym_key is None:
        from sestry.custody.keys import load_pseudonym_key

        pseudonym_key = load_pseudonym_key(settings)
    key = derive_pseudonym_key(pseudonym_key)
    wanted = set(cases)

    documents = read_table(settings.dataset_dir, "documents").to_pylist()
    entity_rows = read_table(settings.dataset_dir, "entities").to_pylist()
    gate = review_gate(settings.data_dir, documents, entity_rows, profile)  # review decisions
    in_cases = [d for d in documents if not wanted or d.get("case_id") in wanted]
    included = [d for d in in_cases if profile.requires_consent in (d.get("consent") or [])]
    included = [d for d in included if gate.admits(d["doc_id"], profile)]
    excluded_count = len(in_cases) - len(included)
    doc_ids = tuple(sorted(d["doc_id"] for d in included))

    # Leak terms come from every entity in the dataset (an unconsented document can still name
    # someone who appears unrecognised in a consented one).
    lemmatizer = default_lemmatizer()
    all_entities = gate.entities
    speakers = read_table(settings.dataset_dir, "segments").column("speaker").to_pylist()
    terms = textops.build_terms(all_entities, profile, lemmatizer, speakers)
    matcher = TermMatcher(terms, lemmatizer)

    known = known_matchers(settings, included, profile, lemmatizer)
    entities_by_doc = _group(e for e in all_entities if e["doc_id"] in set(doc_ids))
    released_ids = set(doc_ids)
    found_by_doc = _group(e for e in entity_rows if e["doc_id"] in released_ids)
    segments_by_doc = _group(read_table(settings.dataset_dir, "segments", doc_ids).to_pylist())
    words_by_doc = _group(read_table(settings.dataset_dir, "words", doc_ids).to_pylist())

    redaction_id = f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"
    out_dir = settings.redactions_dir / profile.name / redaction_id
    ensure_dir(out_dir)

    rows: dict[str, list[dict[str, object]]] = {name: [] for name in REDACTED_TABLES}
    counts: Counter[tuple[str, str]] = Counter()
    reid: dict[str, tuple[str, str]] = {}
    page_jobs: list[tuple[dict[str, Any], list[tuple[int, int]], list[str]]] = []
    ordered = sorted(included, key=lambda d: d["doc_id"])
    first: list[tuple[list[Span], Any]] = []
    for doc in ordered:
        doc_id = doc["doc_id"]
        spans = textops.entity_spans(entities_by_doc.get(doc_id, []))
        covered = [s for s in spans if profile.operator(s.label).kind != "keep"]
        spans += textops.sweep_spans(doc["text"], matcher, covered)
        spans += _known_spans(doc["text"], known.get(doc_id), spans, profile)
        first.append((spans, redact_document(doc, spans, profile, key)))
    # What the recognizers missed in context: found again in the redacted text, redacted now
    # (validation then checks the result with the same pass).
    extra = residual_fixes(
        [doc["text"] for doc in ordered],
        [doc.get("language") for doc in ordered],
        [done[0] for _spans, done in first],
        profile,
        [gate.applied.cleared.get(doc["doc_id"], set()) for doc in ordered],
        # the ingest-time spans as the pipeline found them, reused where the text is unchanged
        [textops.entity_spans(found_by_doc.get(doc["doc_id"], [])) for doc in ordered],
        [doc.get("entities_version") for doc in ordered],
    )
    for doc, (spans, done), more in zip(ordered, first, extra, strict=True):
        doc_id = doc["doc_id"]
        if more:
            spans = spans + more
            done = redact_document(doc, spans, profile, key)
        redacted, rlog = done
        counts.update(rlog.counts())
        _collect_pseudonyms(spans, profile, key, reid)
        rows["documents"].append(textops.document_row(doc, redacted, profile, key))
        rows["segments"] += textops.segment_rows(segments_by_doc.get(doc_id, []), redacted)
        rows["entities"] += textops.entity_rows(redacted)
        if profile.columns.case_id == "pseudonym" and doc.get("case_id"):
            reid[pseudonym("CASE", doc["case_id"], key)] = ("CASE", normalise_norm(doc["case_id"]))
        if doc["kind"] in PAGE_KINDS and doc["pages"] > 0:
            ranges = [(edit[0], edit[1]) for edit in redacted.edits]
            labels = [redacted.text[edit[2] : edit[3]] for edit in redacted.edits]  # as released
            page_jobs.append((doc, ranges, labels))

    # Page work is OCR-bound: one document per worker, one single-threaded tesseract per core.
    from sestry.extractors.ocr import TESSERACT_SLOTS

    TESSERACT_SLOTS.set_limit(settings.ocr_workers)
    with ThreadPoolExecutor(max_workers=max(1, settings.ocr_workers)) as pool:
        written_counts = list(
            pool.map(
                lambda job: _write_pages(
                    settings,
                    job[0],
                    (job[1], job[2]),
                    words_by_doc.get(job[0]["doc_id"], []),
                    segments_by_doc.get(job[0]["doc_id"], []),
                    merged_matcher(matcher, known.get(job[0]["doc_id"])),
                    out_dir,
                    original_path,
                ),
                page_jobs,
            )
        )
    pages_written = sum(written_counts)
    pages_failed = sum(1 for n in written_counts if n == 0)

    for name, schema in REDACTED_TABLES.items():
        try:
            table = pa.Table.from_pylist(rows[name], schema)
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError):
            # Arrow's messages can quote the offending value: say which table, nothing more.
            raise CheckFailed(f"released {name} rows do not fit their schema") from None
        # described now, as released: handoff then copies the validated bytes unchanged
        write_parquet(out_dir / f"{name}.parquet", described(name, table))
    _write_reidentification(settings, reid)

    summary = {
        "profile": profile.name,
        "profile_b3": b3_file(profile_path(profile.name, settings)),
        "scope": profile.requires_consent,
        "redaction_id": redaction_id,
        "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "cases": sorted(wanted),
        "doc_ids": list(doc_ids),
        "excluded_count": excluded_count,
        "counts": _nested(counts),
        "pages": pages_written,
        "pages_failed": pages_failed,
        "dataset_ledger_head": ledger_head,
        "review": gate.summary(doc_ids),
        "validation": {"passed": False, "failed": ["not_validated"]},
    }
    write_json(out_dir / REDACTION_SUMMARY, summary)  # provisional: not releasable until validated

    from sestry.release.suites import validate_redaction

    # Validation reuses this run's rows and matchers: the dataset is not read a second time.
    report = validate_redaction(
        out_dir,
        settings,
        context=_context(
            out_dir, settings, profile, (documents, entity_rows, gate, matcher, lemmatizer, known)
        ),
    )
    write_json(out_dir / VALIDATION, report.to_json())
    failed = tuple(sorted({r.check_id for r in report.failures()}))
    warnings = tuple(sorted({r.check_id for r in report.warnings()}))
    summary["validation"] = {
        "passed": report.passed,
        "failed": list(failed),
        "warnings": list(warnings),
    }
    write_json(out_dir / REDACTION_SUMMARY, summary)
    log.info(
        "redaction %s profile=%s docs=%d excluded=%d passed=%s",
        redaction_id,
        profile.name,
        len(doc_ids),
        excluded_count,
        report.passed,
    )
    return RedactionResult(
        redaction_id=redaction_id,
        path=str(out_dir),
        profile=profile.name,
        scope=profile.requires_consent,
        doc_ids=doc_ids,
        excluded_count=excluded_count,
        counts=_nested(counts),
        passed=report.passed,
        failed_checks=failed,
        outputs=output_digests(out_dir),
        pages=pages_written,
        pages_failed=pages_failed,
        warnings=warnings,
        failed_docs=failed_doc_prefixes(report.failures()),
    )


def _context(
    out_dir: Path,
    settings: Settings,
    profile: Profile,
    reads: tuple[
        list[dict[str, Any]], list[dict[str, Any]], Any, TermMatcher, Any, dict[str, TermMatcher]
    ],
) -> Any:
    """Validation's context from this run's own reads (documents, ingest entity rows, review
    gate, leak-term matcher, lemmatizer, known-value matchers); None lets validation read it
    itself and fail closed on a summary it cannot read."""
    from sestry.release.checks import context_from, read_summary_file

    documents, entity_rows, gate, matcher, lemmatizer, known = reads
    try:
        summary = read_summary_file(out_dir)
        return context_from(
            summary, settings, profile, documents, gate, matcher, lemmatizer, known, entity_rows
        )
    except (OSError, ValueError, KeyError):
        return None


def _known_spans(
    text: str, matcher: TermMatcher | None, spans: list[Span], profile: Profile
) -> list[Span]:
    """Redactions for a document's own known values (file name parts, case id, collector code)
    where nothing hides them yet."""
    if matcher is None:
        return []
    covered = [s for s in spans if s.redact_always or profile.operator(s.label).kind != "keep"]
    found = textops.sweep_spans(text, matcher, covered)
    return [replace(s, detector=KNOWN_DETECTOR) for s in found]


def output_digests(out_dir: Path) -> dict[str, str]:
    """BLAKE3 of every file in a redaction folder, by relative path (sorted)."""
    return {
        str(path.relative_to(out_dir)): b3_file(path)
        for path in sorted(out_dir.rglob("*"))
        if path.is_file()
    }


def reidentification_path(settings: Settings) -> Path:
    """The pseudonym → norm table: inside the internal dataset, never in a redaction folder."""
    return settings.dataset_dir / REIDENTIFICATION / "pseudonyms.parquet"


def _write_pages(
    settings: Settings,
    doc: Mapping[str, object],
    edits: tuple[list[tuple[int, int]], list[str]],
    words: list[dict[str, object]],
    segments: list[dict[str, object]],
    matcher: TermMatcher,
    out_dir: Path,
    original_path: Callable[[str], Path] | None,
) -> int:
    """Render, box (labelled), recheck by OCR, and write PNG pages, their marks and one PDF;
    0 when not renderable."""
    doc_id = str(doc["doc_id"])
    if original_path is None:
        return 0
    from sestry.extractors.ocr_cache import cache_for
    from sestry.extractors.pages import render_pages
    from sestry.release.page_stamp import write_pdf

    plan = plan_boxes(words, edits[0], segments, edits[1])
    page_dir = out_dir / "pages" / doc_id
    written: list[Path] = []
    marks: dict[int, dict[str, Any]] = {}
    cache = cache_for(settings.data_dir)
    try:
        for number, image in enumerate(
            render_pages(original_path(doc_id), str(doc["media_type"]), settings), start=1
        ):
            one = _single(plan, number)
            blank = one.blank_all or bool(one.blank_pages)
            painted, drawn = paint_drawn(image, one.boxes[1], blank)
            painted, _boxed = recheck_page(
                painted, matcher, settings.ocr_languages, drawn=drawn, cache=cache
            )
            marks[number] = page_marks(painted.size, drawn)
            written.append(save_png(painted, page_dir / f"page-{number:04d}.png"))
    except (ItemError, OSError) as exc:
        log.warning("pages of %s not rendered (%s)", doc_id[:12], type(exc).__name__)
        for path in written:
            path.unlink(missing_ok=True)
        return 0
    if written:
        write_json(page_dir / MARKS_FILE, marks_json(marks))
        write_pdf(written, out_dir / "pages" / f"{doc_id}.pdf")
    return len(written)


def _single(plan: PagePlan, number: int) -> PagePlan:
    """The plan restricted to one page, renumbered as page 1."""
    return PagePlan(
        {1: plan.boxes.get(number, [])},
        frozenset({1}) if number in plan.blank_pages else frozenset(),
        plan.blank_all,
    )


def _collect_pseudonyms(
    spans: list[Span], profile: Profile, key: bytes, reid: dict[str, tuple[str, str]]
) -> None:
    for span in spans:
        if not span.redact_always and profile.operator(span.label).kind == "pseudonym":
            norm = normalise_norm(span.norm or span.text)
            label = span.label.split("/", 1)[0]  # a reviewer's role is not part of the identity
            name = pseudonym(label, norm, key)
            known = reid.setdefault(name, (label, norm))
            if known != (label, norm):
                raise CheckFailed("pseudonym collision: two entities share a pseudonym")


def _write_reidentification(settings: Settings, reid: dict[str, tuple[str, str]]) -> None:
    """Merge this run's pseudonyms into the table, under an exclusive lock (two profiles may be
    redacted at once; neither may lose the other's rows)."""
    path = reidentification_path(settings)
    ensure_dir(path.parent)
    fd = os.open(path.parent / ".lock", os.O_WRONLY | os.O_CREAT, 0o600)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        merged: dict[str, tuple[str, str]] = {}
        if path.exists():
            for row in pq.read_table(path).to_pylist():
                merged[row["pseudonym"]] = (row["label"], row["norm"])
        for name, value in reid.items():
            if merged.setdefault(name, value) != value:
                raise CheckFailed("pseudonym collision with the re-identification table")
        table = pa.table(
            {
                "pseudonym": list(merged),
                "label": [v[0] for v in merged.values()],
                "norm": [v[1] for v in merged.values()],
            }
        )
        write_parquet(path, table)
    finally:
        os.close(fd)  # releases the lock


def _group(rows: Iterable[dict[str, object]]) -> dict[str, list[dict[str, object]]]:
    grouped: dict[str, list[dict[str, object]]] = {}
    for row in rows:
        grouped.setdefault(str(row["doc_id"]), []).append(row)
    return grouped


def _nested(counts: Counter[tuple[str, str]]) -> dict[str, dict[str, int]]:
    nested: dict[str, dict[str, int]] = {}
    for (label, operator), n in sorted(counts.items()):
        nested.setdefault(label, {})[operator] = n
    return nested
