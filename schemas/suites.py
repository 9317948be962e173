"""Validation of a redaction folder with Great Expectations 1.x, built in code. Fail closed.

Term matching (leaks) and OCR happen outside GE: per-row hit *counts* are computed here and GE
expects them to be 0, so neither a result nor an expectation's kwargs ever carries a forbidden
term. Every expectation runs with result_format BOOLEAN_ONLY, and a check passes only when GE and
our own recount agree that nothing is wrong. `validate_redaction` only reads: the handoff stage
calls it again on the exact files it releases. great_expectations is imported inside (3-5 s).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from schemas.tables import REDACTED_TABLES
from sestry.errors import SestryError, ValidationFailed
from sestry.settings import Settings

EARLIEST = dt.date(2014, 2, 20)  # start of the armed aggression
MAX_WHERE = 20
# Identifier patterns that must not survive in released text (hits are counted, never shown).
RESIDUAL: dict[str, str] = {
    "email": r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    "phone_ua": (
        r"(?<![\w-])(?:\+?\s?38\s?)?\(?0\)?[\s-]?\(?\d{2}\)?[\s-]?\d{3}[\s-]?\d{2}[\s-]?\d{2}(?!\d)"
    ),
    "phone_ru": r"(?<![\w-])(?:\+7|8)[\s-]?\(?9\d{2}\)?[\s-]?\d{3}[\s-]?\d{2}[\s-]?\d{2}(?!\d)",
    "phone_intl": r"(?<![\w-])\+\d{1,3}[\s-]?\(?\d{1,4}\)?(?:[\s-]?\d){6,}",
    "passport_ua": r"(?<![\w-])[А-ЯІЇЄҐ]{2}\s?№?\s?\d{6}(?!\d)",
    "id_card_ua": r"(?<![\w-])\d{9}(?![\w])",
    "tax_or_passport_10": r"(?<![\w-])\d{2}\s?\d{2}\s?\d{6}(?![\w])",
    "inn_ru": r"(?<![\w-])\d{12}(?![\w])",
    "plate_ua": r"(?<![\w-])[A-ZАВЕІКМНОРСТХ]{2}\s?\d{4}\s?[A-ZАВЕІКМНОРСТХ]{2}(?![\w])",
}
_RESIDUAL = {name: re.compile(pattern) for name, pattern in RESIDUAL.items()}
HEX64 = r"^[0-9a-f]{64}$"
TEXT_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("case_id", "language", "text", "collected_at"),
    "segments": ("speaker",),
    "entities": ("label", "operator", "replacement", "norm", "detector"),
}
RESIDUAL_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("case_id", "text"),
    "segments": ("speaker",),
    "entities": ("replacement",),
}
OPERATORS = ("keep", "pseudonym", "redact", "generalize")


@dataclass(frozen=True)
class CheckResult:
    """One check: where, whether it passed, how many rows failed, which rows (ids, no text)."""

    check_id: str
    expectation: str
    table: str
    column: str | None
    success: bool
    unexpected_count: int | None
    where: tuple[str, ...] = ()


@dataclass(frozen=True)
class ValidationReport:
    """All checks of one redaction folder; `passed` only when every check passed."""

    passed: bool
    results: tuple[CheckResult, ...] = field(default_factory=tuple)

    def failures(self) -> list[CheckResult]:
        return [r for r in self.results if not r.success]

    def to_json(self) -> dict[str, Any]:
        return {"passed": self.passed, "results": [asdict(r) for r in self.results]}

    def summary(self) -> str:
        """One line per failed check: id, table, column, count, where (never text)."""
        return "\n".join(
            f"FAILED {r.check_id} table={r.table} column={r.column} "
            f"unexpected={r.unexpected_count} where={', '.join(r.where) or '-'}"
            for r in self.failures()
        )

    def raise_if_failed(self) -> None:
        """Raise ValidationFailed (exit 1) naming the failed checks."""
        if not self.passed:
            ids = sorted({r.check_id for r in self.failures()})
            raise ValidationFailed(f"{len(ids)} check(s) failed: {', '.join(ids)}")


@dataclass
class _Check:
    check_id: str
    table: str
    column: str | None
    expectation: Any  # a GE expectation
    bad: Callable[[Any], Any]  # frame → boolean Series of failing rows (our recount)


def validate_redaction(redaction_dir: Path, settings: Settings) -> ValidationReport:
    """Validate a redaction folder as it is on disk; never raises for a failed check.

    Checks: summary readable and profile unchanged; Arrow schemas; doc_id digests; consent and
    membership of every doc_id; dates between 2014-02-20 and today; entity spans consistent with
    the text; no residual identifier patterns; no leak term (surface or lemma of a redacted
    entity) in any released string, page PNG or PDF page (re-OCRed); no image/PDF metadata.
    """
    redaction_dir = Path(redaction_dir)
    try:
        context = _load_context(redaction_dir, settings)
    except (OSError, ValueError, KeyError, SestryError) as exc:
        return ValidationReport(
            False,
            (
                CheckResult(
                    "summary_readable",
                    "sestry:summary",
                    "redaction.json",
                    None,
                    False,
                    None,
                    (type(exc).__name__,),
                ),
            ),
        )
    frames, pre = _frames(redaction_dir, context, settings)
    checks = _checks(frames, context)
    results = pre + _run_ge(frames, checks)
    return ValidationReport(all(r.success for r in results), tuple(results))


# --- context: the summary, the profile and the leak terms ------------------------------------


@dataclass
class _Context:
    summary: dict[str, Any]
    doc_ids: set[str]
    consented: set[str]
    matcher: Any
    profile_ok: bool


def _load_context(redaction_dir: Path, settings: Settings) -> _Context:
    from custody.digest import b3_file
    from redaction.profiles import load_profile, profile_path
    from redaction.terms import TermMatcher, default_lemmatizer
    from redaction.text import build_terms
    from schemas.dataset import read_table

    summary = json.loads((redaction_dir / "redaction.json").read_text(encoding="utf-8"))
    profile = load_profile(summary["profile"], settings)
    profile_ok = b3_file(profile_path(profile.name, settings)) == summary.get("profile_b3")
    documents = read_table(settings.dataset_dir, "documents").to_pylist()
    consented = {
        d["doc_id"] for d in documents if profile.requires_consent in (d.get("consent") or [])
    }
    lemmatizer = default_lemmatizer()
    entities = read_table(settings.dataset_dir, "entities").to_pylist()
    speakers = read_table(settings.dataset_dir, "segments").column("speaker").to_pylist()
    terms = build_terms(entities, profile, lemmatizer, speakers)
    return _Context(
        summary, set(summary["doc_ids"]), consented, TermMatcher(terms, lemmatizer), profile_ok
    )


# --- frames: released tables plus computed count columns -------------------------------------


def _frames(
    redaction_dir: Path, ctx: _Context, settings: Settings
) -> tuple[dict[str, Any], list[CheckResult]]:
    import pandas as pd

    pre: list[CheckResult] = [
        CheckResult(
            "profile_unchanged",
            "sestry:profile_digest",
            "redaction.json",
            None,
            ctx.profile_ok,
            None if ctx.profile_ok else 1,
        ),
    ]
    frames: dict[str, Any] = {}
    for name, schema in REDACTED_TABLES.items():
        path = redaction_dir / f"{name}.parquet"
        ok, frame = True, None
        try:
            table = pq.read_table(path)
            ok = table.schema.remove_metadata().equals(schema)
            frame = table.to_pandas(types_mapper=pd.ArrowDtype).astype(object)
            frame = frame.where(frame.notna(), None)
        except (OSError, ValueError) as exc:
            ok = False
            frame = pd.DataFrame({c: [] for c in schema.names})
            pre.append(
                CheckResult(
                    f"{name}.readable",
                    "sestry:parquet",
                    name,
                    None,
                    False,
                    None,
                    (type(exc).__name__,),
                )
            )
        pre.append(
            CheckResult(
                f"{name}.arrow_schema", "sestry:arrow_schema", name, None, ok, None if ok else 1
            )
        )
        try:
            frames[name] = _with_counts(name, frame, ctx)
        except (KeyError, ValueError, TypeError, AttributeError):
            frames[name] = pd.DataFrame({c: [] for c in schema.names})
            pre.append(
                CheckResult(f"{name}.derived_columns", "sestry:derived", name, None, False, None)
            )
    frames["pages"] = _pages_frame(redaction_dir, ctx, settings)
    return frames, pre


def _with_counts(name: str, frame: Any, ctx: _Context) -> Any:
    frame = frame.reset_index(drop=True)
    for column in TEXT_COLUMNS[name]:
        if column in frame.columns:
            frame[f"_leak_{column}"] = [ctx.matcher.count(v) for v in frame[column]]
    for column in RESIDUAL_COLUMNS[name]:
        if column in frame.columns:
            frame[f"_residual_{column}"] = [_residual_count(v) for v in frame[column]]
    if "doc_id" in frame.columns:
        frame["_released_doc"] = [d in ctx.doc_ids for d in frame["doc_id"]]
        frame["_consented"] = [d in ctx.consented for d in frame["doc_id"]]
    if name == "documents":
        frame["_date"] = [_to_date(v) for v in frame.get("collected_at", [])]
        frame["_date_ok"] = [
            v is None or d is not None
            for v, d in zip(frame["collected_at"], frame["_date"], strict=True)
        ]
    if name == "entities":
        frame["_date"] = [
            _to_date(n) if lbl == "DATE" and op in ("keep", "generalize") else None
            for lbl, op, n in zip(frame["label"], frame["operator"], frame["norm"], strict=True)
        ]
        frame["_date_ok"] = [
            not (lbl == "DATE" and op in ("keep", "generalize") and n is not None) or d is not None
            for lbl, op, n, d in zip(
                frame["label"], frame["operator"], frame["norm"], frame["_date"], strict=True
            )
        ]
    return frame


def _pages_frame(redaction_dir: Path, ctx: _Context, settings: Settings) -> Any:
    """One row per released page image (PNG page or PDF page): OCR hit counts, metadata.

    Files are OCRed in parallel (one single-threaded tesseract per core, as in extraction).
    """
    import pandas as pd

    from extractors.ocr import TESSERACT_SLOTS

    root = redaction_dir / "pages"
    files = [p for p in sorted(root.rglob("*")) if p.is_file()] if root.is_dir() else []
    TESSERACT_SLOTS.set_limit(settings.ocr_workers)
    with ThreadPoolExecutor(max_workers=max(1, settings.ocr_workers)) as pool:
        per_file = list(pool.map(lambda p: _page_rows(p, root, ctx, settings), files))
    columns = [
        "doc_id",
        "file",
        "page",
        "_readable",
        "_leak_ocr",
        "_residual_ocr",
        "_metadata",
        "_released_doc",
        "_consented",
    ]
    return pd.DataFrame([row for rows in per_file for row in rows], columns=columns)


def _page_rows(path: Path, root: Path, ctx: _Context, settings: Settings) -> list[dict[str, Any]]:
    from extractors.ocr import ocr_image
    from redaction.metadata import metadata_findings

    rel = path.relative_to(root)
    doc_id = rel.parts[0] if len(rel.parts) > 1 else path.stem
    findings = len(metadata_findings(path))
    rows = []
    for number, image in _page_images(path):
        text = "" if image is None else ocr_image(image, settings.ocr_languages)[0]
        rows.append(
            {
                "doc_id": doc_id,
                "file": str(rel),
                "page": number,
                "_readable": image is not None,
                "_leak_ocr": ctx.matcher.count(text),
                "_residual_ocr": _residual_count(text),
                "_metadata": findings,
                "_released_doc": doc_id in ctx.doc_ids,
                "_consented": doc_id in ctx.consented,
            }
        )
    return rows


def _page_images(path: Path) -> list[tuple[int, Any]]:
    """(page number, image or None if unreadable) of a PNG or PDF; anything else unreadable."""
    from PIL import Image

    if path.suffix == ".png":
        try:
            with Image.open(path) as image:
                image.load()
                return [(int(path.stem.rsplit("-", 1)[-1]), image.copy())]
        except (OSError, ValueError):
            return [(0, None)]
    if path.suffix == ".pdf":
        import pypdfium2 as pdfium

        from extractors.pages import PDFIUM_LOCK  # PDFium is not thread-safe

        with PDFIUM_LOCK:
            try:
                document = pdfium.PdfDocument(str(path))
            except pdfium.PdfiumError:
                return [(0, None)]
            try:
                return [
                    (n, page.render(scale=200 / 72).to_pil()) for n, page in enumerate(document, 1)
                ]
            finally:
                document.close()
    return [(0, None)]


# --- checks ----------------------------------------------------------------------------------


def _checks(frames: dict[str, Any], ctx: _Context) -> list[_Check]:
    import great_expectations as gx
    import pandas as pd

    e = gx.expectations
    checks: list[_Check] = []
    frames["entities"]["_span_ok"] = _spans_consistent(frames["documents"], frames["entities"])
    today = dt.date.today()

    def zero(table: str, column: str, check_id: str) -> None:
        checks.append(
            _Check(
                check_id,
                table,
                column,
                e.ExpectColumnValuesToBeInSet(column=column, value_set=[0]),
                lambda f, c=column: f[c] != 0,
            )
        )

    def true(table: str, column: str, check_id: str) -> None:
        checks.append(
            _Check(
                check_id,
                table,
                column,
                e.ExpectColumnValuesToBeInSet(column=column, value_set=[True]),
                lambda f, c=column: f[c].map(lambda v: v is not True),
            )
        )

    for name, schema in REDACTED_TABLES.items():
        frame = frames[name]
        checks.append(
            _Check(
                f"{name}.columns",
                name,
                None,
                e.ExpectTableColumnsToMatchSet(
                    column_set=[*schema.names, *[c for c in frame.columns if c.startswith("_")]],
                    exact_match=True,
                ),
                lambda f: [],
            )
        )
        checks.append(
            _Check(
                f"{name}.doc_id_digest",
                name,
                "doc_id",
                e.ExpectColumnValuesToMatchRegex(column="doc_id", regex=HEX64),
                lambda f: ~f["doc_id"].astype(str).str.fullmatch(HEX64[1:-1]),
            )
        )
        checks.append(
            _Check(
                f"{name}.doc_id_not_null",
                name,
                "doc_id",
                e.ExpectColumnValuesToNotBeNull(column="doc_id"),
                lambda f: f["doc_id"].isna(),
            )
        )
        true(name, "_released_doc", f"{name}.doc_in_summary")
        true(name, "_consented", f"{name}.consent_scope")
        for column in TEXT_COLUMNS[name]:
            zero(name, f"_leak_{column}", f"{name}.{column}.no_leak_terms")
        for column in RESIDUAL_COLUMNS[name]:
            zero(name, f"_residual_{column}", f"{name}.{column}.no_identifier_patterns")
            checks.append(
                _Check(
                    f"{name}.{column}.no_identifier_regex",
                    name,
                    column,
                    e.ExpectColumnValuesToNotMatchRegexList(
                        column=column, regex_list=list(RESIDUAL.values())
                    ),
                    lambda f, c=column: f[c].map(lambda v: _residual_count(v) > 0),
                )
            )
    low, high = pd.Timestamp(EARLIEST), pd.Timestamp(today)
    for name in ("documents", "entities"):
        frames[name]["_date"] = pd.to_datetime(
            frames[name].get("_date", pd.Series([], dtype=object)), errors="coerce"
        )
        checks.append(
            _Check(
                f"{name}.dates_in_range",
                name,
                "_date",
                e.ExpectColumnValuesToBeBetween(column="_date", min_value=low, max_value=high),
                lambda f: f["_date"].map(lambda d: not pd.isna(d) and not (low <= d <= high)),
            )
        )
        true(name, "_date_ok", f"{name}.dates_parse")
    checks.append(
        _Check(
            "entities.operator_known",
            "entities",
            "operator",
            e.ExpectColumnValuesToBeInSet(column="operator", value_set=list(OPERATORS)),
            lambda f: ~f["operator"].isin(OPERATORS),
        )
    )
    true("entities", "_span_ok", "entities.replacement_at_offsets")
    for column, check in (
        ("_readable", "pages.readable"),
        ("_released_doc", "pages.doc_in_summary"),
        ("_consented", "pages.consent_scope"),
    ):
        true("pages", column, check)
    zero("pages", "_leak_ocr", "pages.ocr.no_leak_terms")
    zero("pages", "_residual_ocr", "pages.ocr.no_identifier_patterns")
    zero("pages", "_metadata", "pages.no_metadata")
    return checks


def _run_ge(frames: dict[str, Any], checks: list[_Check]) -> list[CheckResult]:
    os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
    import great_expectations as gx
    from great_expectations.data_context.types.base import ProgressBarsConfig

    context = gx.get_context(mode="ephemeral")
    context.variables.progress_bars = ProgressBarsConfig(globally=False)
    source = context.data_sources.add_pandas("redaction")
    results: list[CheckResult] = []
    for table, frame in frames.items():
        mine = [c for c in checks if c.table == table]
        if not mine:
            continue
        asset = source.add_dataframe_asset(table)
        batch_definition = asset.add_batch_definition_whole_dataframe(f"{table}-all")
        suite = gx.ExpectationSuite(name=f"sestry-redaction-{table}")
        for index, check in enumerate(mine):
            check.expectation.meta = {"index": index}
            suite.add_expectation(check.expectation)
        suite = context.suites.add(suite)
        try:
            batch = batch_definition.get_batch(batch_parameters={"dataframe": frame})
            outcome = batch.validate(suite, result_format="BOOLEAN_ONLY")
            by_index = {
                int(r.expectation_config.meta["index"]): bool(r.success) for r in outcome.results
            }
        except Exception:  # noqa: BLE001 - GE errors may quote values: fail closed, say nothing
            by_index = {}
        for index, check in enumerate(mine):
            results.append(_result(check, frame, by_index.get(index, False)))
    return results


def _result(check: _Check, frame: Any, ge_success: bool) -> CheckResult:
    """GE's verdict and our recount must agree that nothing is wrong (fail closed)."""
    where: list[str] = []
    count: int | None = None
    try:
        bad = check.bad(frame)
        if hasattr(bad, "__len__") and len(bad) == len(frame) and len(frame):
            flags = [bool(b) for b in bad]
            count = sum(flags)
            where = [_locate(frame, i) for i, b in enumerate(flags) if b][:MAX_WHERE]
        else:
            count = 0
    except (KeyError, ValueError, TypeError, AttributeError):
        count = None
    success = ge_success and count == 0
    return CheckResult(
        check.check_id,
        check.expectation.expectation_type,
        check.table,
        check.column,
        success,
        count if count is not None else (0 if success else None),
        tuple(where),
    )


def _locate(frame: Any, index: int) -> str:
    row = frame.iloc[index]
    doc = str(row.get("doc_id") or "")[:16]
    if "page" in frame.columns and "file" in frame.columns:
        return f"doc_id {doc} file {row['file']} page {row['page']}"
    return f"row {index} doc_id {doc}"


def _spans_consistent(documents: Any, entities: Any) -> list[bool]:
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    out = []
    for doc_id, start, end, rep in zip(
        entities["doc_id"], entities["start"], entities["end"], entities["replacement"], strict=True
    ):
        text = texts.get(doc_id)
        out.append(text is not None and text[int(start) : int(end)] == rep)
    return out


def _residual_count(value: object) -> int:
    if not value:
        return 0
    return sum(len(p.findall(str(value))) for p in _RESIDUAL.values())


def _to_date(value: object) -> str | None:
    """ISO date string (first day of a month or year) or None when unparseable."""
    if value is None:
        return None
    match = re.match(r"^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?", str(value))
    if not match:
        return None
    try:
        return dt.date(
            int(match.group(1)), int(match.group(2) or 1), int(match.group(3) or 1)
        ).isoformat()
    except ValueError:
        return None
