"""Compute the release report's numbers from the released files only (never the internal data).

Everything shown comes from what the partner receives anyway (released Parquet, redaction.json
counts, validation check names), reduced to counts, label names, language codes and periods.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from pathlib import Path

import pyarrow.parquet as pq

from sestry.core.i18n import N_
from sestry.redaction.profiles import Profile
from sestry.release.scope import release_scope
from sestry.reports.data import PERIOD_RE, CheckRow, LabelRow, ReleaseReportData
from sestry.schemas.tables import LABELS

_LANG = re.compile(r"^[a-z]{2,5}$")
_LABEL = re.compile(r"^[A-Z][A-Z0-9_]{0,39}$")
_ISO_MONTH = re.compile(r"^(\d{4})(?:-(\d{2}))?")


# What a quality warning means for a reader of the release (fixed text, never data).
WARNING_TEXT: dict[str, str] = {
    "documents.dates_in_range": N_("collection dates before 2014-02-20 or in the future"),
    "entities.dates_in_range": N_(
        "dates in the testimony before 2014-02-20 or in the future (birth years, earlier events)"
    ),
    "documents.ocr_confidence_not_low": N_(
        "scanned documents read by OCR with low confidence: the text may hold misread words"
    ),
}


def _column(path: Path, name: str) -> list[object] | None:
    """One column of a released Parquet file, or None when the file or column is absent."""
    if not path.is_file():
        return None
    schema = pq.read_schema(path)
    if name not in schema.names:
        return None
    return pq.read_table(path, columns=[name]).column(name).to_pylist()


def _lang(value: object) -> str:
    return value if isinstance(value, str) and _LANG.fullmatch(value) else "unknown"


def language_counts(payload: Path) -> dict[str, str]:
    """doc_id -> language code (codes only; anything else becomes 'unknown')."""
    ids = _column(payload / "documents.parquet", "doc_id") or []
    langs = _column(payload / "documents.parquet", "language") or [None] * len(ids)
    return {str(d): _lang(lang) for d, lang in zip(ids, langs, strict=True)}


def period_of(norm: object) -> str | None:
    """`YYYY-MM` (or `YYYY` for a year-only date) from an ISO 8601 norm; None otherwise."""
    if not isinstance(norm, str):
        return None
    match = _ISO_MONTH.match(norm)
    if not match:
        return None
    period = f"{match.group(1)}-{match.group(2)}" if match.group(2) else match.group(1)
    return period if PERIOD_RE.fullmatch(period) else None


def fill_months(periods: Mapping[str, int]) -> tuple[tuple[str, int], ...]:
    """Sorted (period, count) with empty months between the first and last filled in as 0."""
    keys = sorted(periods)
    if not keys or not all(len(k) == 7 for k in keys):
        return tuple((k, periods[k]) for k in keys)
    (year, month), end = map(int, keys[0].split("-")), keys[-1]
    out: list[tuple[str, int]] = []
    while (current := f"{year:04d}-{month:02d}") <= end:
        out.append((current, periods.get(current, 0)))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return tuple(out)


def dates_shown(profile: Profile) -> bool:
    """The timeline appears only when the profile keeps or generalises DATE."""
    return profile.operator("DATE").kind in ("keep", "generalize")


def label_counts(summary: Mapping[str, object], labels: Sequence[object]) -> Counter[str]:
    """Spans per label from redaction.json `counts` ({label: {operator: n}} or {label: n}),
    else from the released entities table."""
    counts = summary.get("counts")
    if isinstance(counts, Mapping) and isinstance(counts.get("labels"), Mapping):
        counts = counts["labels"]  # type: ignore[assignment]
    if isinstance(counts, Mapping) and counts:
        out: Counter[str] = Counter()
        for label, value in counts.items():
            if not _LABEL.fullmatch(str(label)):
                continue
            if isinstance(value, Mapping):
                out[str(label)] += sum(int(v) for v in value.values() if isinstance(v, int))
            elif isinstance(value, int):
                out[str(label)] += value
        return out
    return Counter(str(x) for x in labels if isinstance(x, str) and _LABEL.fullmatch(x))


def build_report_data(
    payload: Path,
    profile: Profile,
    summary: Mapping[str, object],
    checks: Sequence[tuple[str, bool | None]],
    *,
    release_id: str,
    created_at: str,
    sestry_version: str,
    ledger_head: str | None,
    files: int,
    total_bytes: int,
) -> ReleaseReportData:
    """Build the report's data from a staged payload folder and the redaction summary."""
    doc_lang = language_counts(payload)
    ent = payload / "entities.parquet"
    labels = _column(ent, "label") or []
    doc_ids = _column(ent, "doc_id") or [None] * len(labels)
    per_label = label_counts(summary, labels)
    matrix: dict[str, Counter[str]] = {}
    for label, doc_id in zip(labels, doc_ids, strict=True):
        if isinstance(label, str) and _LABEL.fullmatch(label):
            matrix.setdefault(label, Counter())[doc_lang.get(str(doc_id), "unknown")] += 1
    timeline = None
    if dates_shown(profile):
        norms = _column(ent, "norm") or [None] * len(labels)
        operators = _column(ent, "operator") or ["keep"] * len(labels)
        periods = Counter(
            p
            for label, op, norm in zip(labels, operators, norms, strict=True)
            if label == "DATE"
            and str(op).split(":", 1)[0] in ("keep", "generalize")
            and (p := period_of(norm)) is not None
        )
        timeline = fill_months(periods)
    rows = tuple(
        LabelRow(
            label=label,
            count=per_label.get(label, 0),
            operator=str(profile.operator(label)),
            defaulted=label not in profile.labels,
        )
        for label in sorted(set(LABELS) | set(per_label))
    )
    excluded = summary.get("excluded_count", 0)
    return ReleaseReportData(
        release_id=release_id,
        profile=profile.name,
        created_at=created_at,
        sestry_version=sestry_version,
        ledger_head=ledger_head,
        documents=len(doc_lang),
        excluded_no_consent=excluded if isinstance(excluded, int) else 0,
        labels=rows,
        languages=tuple(sorted(Counter(doc_lang.values()).items())),
        label_languages=tuple(
            (label, tuple(sorted(c.items()))) for label, c in sorted(matrix.items())
        ),
        timeline=timeline,
        checks=tuple(CheckRow(name, p is True, p is None) for name, p in checks),
        validation_passed=bool(checks) and all(p is not False for _, p in checks),
        warnings=tuple((name, WARNING_TEXT.get(name, name)) for name, p in checks if p is None),
        files=files,
        total_bytes=total_bytes,
        pages=sum(1 for _ in (payload / "pages").rglob("page-*.png")),
        review=review_rows(summary.get("review")),
        scope=release_scope(summary)[0],
        scope_uk=release_scope(summary)[1],
    )


def review_rows(review: object) -> tuple[tuple[str, str], ...]:
    """The redaction log's review numbers as (what, value) rows; () when nobody reviewed."""
    if not isinstance(review, Mapping) or not review.get("reviewers"):
        return ()
    return (
        (N_("Documents reviewed"), str(review.get("documents_reviewed", 0))),
        (N_("Documents approved for this partner"), str(review.get("documents_approved", 0))),
        (N_("Reviewer ids"), ", ".join(str(r) for r in review.get("reviewers") or [])),
        (
            N_("Decisions that changed the automatic result"),
            str(review.get("decisions_changing_result", 0)),
        ),
    )
