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
from collections.abc import Callable, Iterable, Mapping, Sequence
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
from sestry.redaction.review_gate import decided_gate
from sestry.redaction.terms import TermMatcher, default_lemmatizer
from sestry.release.advice import failed_doc_prefixes
from sestry.release.dataset_pass import Dataset, batch_applied, dataset_terms, decisions_by_doc
from sestry.release.known_ids import collector_codes, known_matchers
from sestry.release.layout import PAGE_KINDS, REDACTION_SUMMARY, REIDENTIFICATION, VALIDATION
from sestry.release.partner_files import described
from sestry.release.residual import residual_fixes
from sestry.release.stream import BATCH_DOCS, DocTable, batches
from sestry.schemas.annotations import read_decisions
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
    batch_docs: int = BATCH_DOCS,
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

    # The dataset stays Arrow; only one batch of documents at a time becomes Python rows.
    data = Dataset.read(settings)
    decisions = read_decisions(settings.data_dir)
    gate = decided_gate(decisions, profile)  # approvals now, each batch's decisions below
    meta = data.documents.table.drop_columns(["text"]).to_pylist()
    in_cases = [d for d in meta if not wanted or d.get("case_id") in wanted]
    included = [d for d in in_cases if profile.requires_consent in (d.get("consent") or [])]
    included = [d for d in included if gate.admits(d["doc_id"], profile)]
    excluded_count = len(in_cases) - len(included)
    doc_ids = tuple(sorted(d["doc_id"] for d in included))
    paged = sorted(d["doc_id"] for d in included if d["kind"] in PAGE_KINDS and d["pages"] > 0)
    del meta, in_cases, included

    # Leak terms come from every entity in the dataset (an unconsented document can still name
    # someone who appears unrecognised in a consented one): one pass over all of it, in batches.
    lemmatizer = default_lemmatizer()
    terms = dataset_terms(data, decisions, gate, profile, lemmatizer, batch_docs)
    matcher = TermMatcher(terms, lemmatizer)
    codes = collector_codes(settings, doc_ids)  # one read of the ledger for every batch
    decided = decisions_by_doc(decisions)
    words = DocTable(read_table(settings.dataset_dir, "words", paged))

    redaction_id = f"{dt.datetime.now(dt.UTC):%Y%m%dT%H%M%SZ}-{secrets.token_hex(3)}"
    out_dir = settings.redactions_dir / profile.name / redaction_id
    ensure_dir(out_dir)

    tables: dict[str, list[pa.Table]] = {name: [] for name in REDACTED_TABLES}
    counts: Counter[tuple[str, str]] = Counter()
    reid: dict[str, tuple[str, str]] = {}
    written_counts: list[int] = []
    # Page work is OCR-bound: one document per worker, one single-threaded tesseract per core.
    from sestry.extractors.ocr import TESSERACT_SLOTS

    TESSERACT_SLOTS.set_limit(settings.ocr_workers)
    with ThreadPoolExecutor(max_workers=max(1, settings.ocr_workers)) as pool:
        for batch in batches(doc_ids, batch_docs):
            job = _Batch(settings, profile, key, matcher, lemmatizer, codes, decided)
            rows, page_jobs = job.redact(data, batch, counts, reid)
            for name, schema in REDACTED_TABLES.items():
                tables[name].append(_arrow(rows[name], schema, name))
            del rows
            written_counts += pool.map(
                lambda page_job: _write_pages(
                    settings,
                    page_job[0],
                    (page_job[1], page_job[2]),
                    words.rows([page_job[0]["doc_id"]]),
                    page_job[3],
                    merged_matcher(matcher, page_job[4]),
                    out_dir,
                    original_path,
                ),
                page_jobs,
            )
    pages_written = sum(written_counts)
    pages_failed = sum(1 for n in written_counts if n == 0)

    for name, schema in REDACTED_TABLES.items():
        parts = tables.pop(name)
        table = pa.concat_tables(parts).combine_chunks() if parts else _arrow([], schema, name)
        del parts
        # described now, as released: handoff then copies the validated bytes unchanged
        write_parquet(out_dir / f"{name}.parquet", described(name, table))
        del table
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
        context=_context(out_dir, settings, profile, (data, gate, matcher, lemmatizer, codes)),
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


@dataclass
class _Batch:
    """What redacting one batch of documents needs besides the batch: settings, profile, keys,
    the dataset-wide leak-term matcher, collector codes and review decisions."""

    settings: Settings
    profile: Profile
    key: bytes
    matcher: TermMatcher
    lemmatizer: Any
    codes: Mapping[str, str]
    decided: Mapping[str, list[dict[str, Any]]]  # review decisions by document

    def redact(
        self,
        data: Dataset,
        batch: Sequence[str],
        counts: Counter[tuple[str, str]],
        reid: dict[str, tuple[str, str]],
    ) -> tuple[dict[str, list[dict[str, object]]], list[tuple[Any, ...]]]:
        """Released rows of the batch's documents and their page jobs (doc, ranges, labels,
        segments, known matcher); counts and pseudonyms are added to `counts` and `reid`."""
        profile, key, matcher = self.profile, self.key, self.matcher
        ordered = data.documents.rows(batch)
        entity_rows = data.entities.rows(batch)
        applied = batch_applied(data, batch, self.decided, profile, entity_rows, ordered)
        entities_by_doc = _group(applied.entities)
        found_by_doc = _group(entity_rows)
        segments_by_doc = _group(data.segments.rows(batch))
        known = known_matchers(self.settings, ordered, profile, self.lemmatizer, self.codes)
        rows: dict[str, list[dict[str, object]]] = {name: [] for name in REDACTED_TABLES}
        page_jobs: list[tuple[Any, ...]] = []
        first: list[tuple[list[Span], Any]] = []
        for doc in ordered:
            doc_id = doc["doc_id"]
            spans = textops.entity_spans(entities_by_doc.get(doc_id, []))
            covered = [s for s in spans if profile.operator(s.label).kind != "keep"]
            spans += textops.sweep_spans(doc["text"], matcher, covered)
            spans += _known_spans(doc["text"], known.get(doc_id), spans, profile)
            first.append((spans, redact_document(doc, spans, profile, key)))
        # What the recognizers missed in context: found again in the redacted text, redacted
        # now (validation then checks the result with the same pass).
        extra = residual_fixes(
            [doc["text"] for doc in ordered],
            [doc.get("language") for doc in ordered],
            [done[0] for _spans, done in first],
            profile,
            [applied.cleared.get(doc["doc_id"], set()) for doc in ordered],
            # the ingest-time spans as the pipeline found them, reused where the text is same
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
                reid[pseudonym("CASE", doc["case_id"], key)] = (
                    "CASE",
                    normalise_norm(doc["case_id"]),
                )
            if doc["kind"] in PAGE_KINDS and doc["pages"] > 0:
                ranges = [(edit[0], edit[1]) for edit in redacted.edits]
                labels = [redacted.text[edit[2] : edit[3]] for edit in redacted.edits]
                page_jobs.append(
                    (doc, ranges, labels, segments_by_doc.get(doc_id, []), known.get(doc_id))
                )
        return rows, page_jobs


def _arrow(rows: list[dict[str, object]], schema: pa.Schema, name: str) -> pa.Table:
    """One batch's released rows as Arrow (compact until the table is written)."""
    try:
        return pa.Table.from_pylist(rows, schema)
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError):
        # Arrow's messages can quote the offending value: say which table, nothing more.
        raise CheckFailed(f"released {name} rows do not fit their schema") from None


def _context(
    out_dir: Path,
    settings: Settings,
    profile: Profile,
    reads: tuple[Any, Any, TermMatcher, Any, dict[str, str]],
) -> Any:
    """Validation's context from this run's own reads (the dataset held as Arrow, review gate,
    leak-term matcher, lemmatizer, collector codes); None lets validation read it itself and
    fail closed on a summary it cannot read."""
    from sestry.release.checks import read_summary_file, streamed_context

    data, gate, matcher, lemmatizer, codes = reads
    try:
        summary = read_summary_file(out_dir)
        return streamed_context(summary, settings, profile, data, gate, matcher, lemmatizer, codes)
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
