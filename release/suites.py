"""Validation of a redaction folder with Great Expectations 1.x, built in code. Fail closed.

Term matching (leaks) and OCR happen outside GE: per-row hit *counts* come from
redaction.checks and GE expects them to be 0, so neither a result nor an expectation's kwargs
ever carries a forbidden term. Every expectation runs with result_format BOOLEAN_ONLY, and a check
passes only when GE and our own recount agree that nothing is wrong. `validate_redaction` only
reads: the handoff stage calls it again on the exact files it releases. great_expectations is
imported inside (3-5 s).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import os
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from sestry.core.errors import SestryError
from sestry.core.settings import Settings
from sestry.redaction.operators import OPERATORS
from sestry.release.checks import (
    EARLIEST,
    KNOWN_COLUMNS,
    RESIDUAL,
    RESIDUAL_COLUMNS,
    TEXT_COLUMNS,
    CheckResult,
    Context,
    batch_frames,
    empty_frames,
    load_context,
    pages_frame,
    read_released,
    residual_count,
    spans_consistent,
    table_batches,
)
from sestry.release.layout import REDACTION_SUMMARY
from sestry.release.stream import BATCH_DOCS
from sestry.release.validated import (
    GROUPS,
    PAGES,
    TABLES,
    context_digest,
    file_digests,
    group_of,
    record,
    reusable_groups,
)
from sestry.schemas.tables import REDACTED_TABLES

MAX_WHERE = 20  # locations listed per failed check
HEX64 = r"^[0-9a-f]{64}$"

__all__ = ["EARLIEST", "RESIDUAL", "CheckResult", "ValidationReport", "validate_redaction"]


@dataclass(frozen=True)
class ValidationReport:
    """All checks of one redaction folder; `passed` only when every check passed."""

    passed: bool
    results: tuple[CheckResult, ...] = field(default_factory=tuple)
    reused: tuple[str, ...] = ()  # file groups whose recorded results stood (same digests)
    validated: dict[str, Any] | None = None  # validated.record(): what a later step may reuse

    def failures(self) -> list[CheckResult]:
        """Failed privacy checks: each one blocks the release."""
        return [r for r in self.results if not r.success and r.blocking]

    def warnings(self) -> list[CheckResult]:
        """Failed quality checks: reported, never blocking."""
        return [r for r in self.results if not r.success and not r.blocking]

    def to_json(self) -> dict[str, Any]:
        out: dict[str, Any] = {
            "passed": self.passed,
            "warnings": [r.check_id for r in self.warnings()],
            "reused": list(self.reused),
            "results": [asdict(r) for r in self.results],
        }
        if self.validated is not None:
            out["validated"] = self.validated
        return out

    def summary(self) -> str:
        """One line per failed check, then per warning: id, table, column, count, where."""
        return "\n".join(
            f"{'FAILED' if r.blocking else 'WARNING'} {r.check_id} table={r.table} "
            f"column={r.column} unexpected={r.unexpected_count} where={', '.join(r.where) or '-'}"
            for r in (*self.failures(), *self.warnings())
        )


@dataclass
class _Check:
    check_id: str
    table: str
    column: str | None
    expectation: Any  # a GE expectation
    bad: Callable[[Any], Any]  # frame → boolean Series of failing rows (our recount)
    blocking: bool = True  # False for quality checks (warnings)


def validate_redaction(
    redaction_dir: Path,
    settings: Settings,
    *,
    context: Context | None = None,
    prior: Mapping[str, Any] | None = None,
    batch_docs: int = BATCH_DOCS,
) -> ValidationReport:
    """Validate a redaction folder as it is on disk; never raises for a failed check.

    Checks: summary readable and profile unchanged; Arrow schemas; doc_id digests; consent and
    membership of every doc_id; dates between 2014-02-20 and today; entity spans consistent with
    the text; no residual identifier patterns; no leak term (surface or lemma of a redacted
    entity) in any released string, page PNG or PDF page (re-OCRed); no image/PDF metadata.

    `context`: the caller's own (the redaction job's rows and matchers), else read here.
    `prior`: an earlier validation.json of the same files; each group of files (tables, pages)
    whose BLAKE3 digests and context digest equal the recorded ones keeps its recorded results
    and is not read again (`reused`); every other group is validated now.
    The tables are checked `batch_docs` documents at a time (Arrow in, one batch of pandas rows
    and one GE batch per table at a time); per check, a batch's failures add up (counts summed,
    `where` in table row numbers), so the report does not depend on the batch size.
    """
    redaction_dir = Path(redaction_dir)
    try:
        if context is None:
            context = load_context(redaction_dir, settings)
    except (OSError, ValueError, KeyError, SestryError) as exc:
        return ValidationReport(
            False,
            (
                CheckResult(
                    "summary_readable",
                    "sestry:summary",
                    REDACTION_SUMMARY,
                    None,
                    False,
                    None,
                    (type(exc).__name__,),
                ),
            ),
        )
    files = file_digests(redaction_dir)
    context_b3 = context_digest(context, settings)
    reused = reusable_groups(prior, files, context_b3)
    carried = _carried(prior, reused)
    if carried is None:  # a recorded result is malformed: validate everything now
        reused, carried = frozenset(), []
    pre = [
        CheckResult(
            "profile_unchanged",
            "sestry:profile_digest",
            REDACTION_SUMMARY,
            None,
            context.profile_ok,
            None if context.profile_ok else 1,
        )
    ]
    fresh: list[CheckResult] = []
    session = _GeSession() if not reused.issuperset(GROUPS) else None  # GE only when needed
    if session is not None and TABLES not in reused:
        tables, read = read_released(redaction_dir)
        pre += read
        merged = _Merged()
        doc_batches, indexed = table_batches(tables, batch_docs)
        for number, batch in enumerate(doc_batches):
            ctx = context.for_docs(batch if batch is not None else sorted(context.doc_ids))
            frames, failed = batch_frames(tables, indexed, batch, ctx)
            pre += [r for r in failed if r.check_id not in {p.check_id for p in pre}]
            checks = [c for c in _checks(frames, ctx) if group_of(c.table) == TABLES]
            last = number == len(doc_batches) - 1
            merged.add(session.run(frames, checks, everything=last))
        fresh += merged.results()
    if session is not None and PAGES not in reused:
        frames = {**empty_frames(), "pages": pages_frame(redaction_dir, context, settings)}
        checks = [c for c in _checks(frames, context) if c.table == PAGES]
        fresh += session.run(frames, checks, everything=True)
    results = pre + carried + fresh
    same = file_digests(redaction_dir) == files
    if not same:  # changed while being read: what was checked is not known, fail closed
        results.append(
            CheckResult("files_unchanged", "sestry:blake3", REDACTION_SUMMARY, None, False, None)
        )
    return ValidationReport(
        all(r.success or not r.blocking for r in results),
        tuple(results),
        tuple(g for g in GROUPS if g in reused),
        record(files, context_b3) if same else None,
    )


def _carried(prior: Mapping[str, Any] | None, groups: frozenset[str]) -> list[CheckResult] | None:
    """The recorded results of the reused groups, as CheckResults (None when one is malformed)."""
    if not groups or prior is None:
        return []
    names = {f.name for f in fields(CheckResult)}
    out = []
    for row in prior.get("results") or ():
        if not isinstance(row, Mapping) or group_of(str(row.get("table"))) not in groups:
            continue
        try:
            values = {k: row[k] for k in names}
            values["where"] = tuple(values["where"] or ())
            out.append(CheckResult(**values))
        except (KeyError, TypeError):
            return None
    return out


# --- checks ----------------------------------------------------------------------------------


def _quiet_ge() -> None:
    """GE announces each ephemeral context's temp docs folder at INFO: noise for the operator."""
    for name in ("great_expectations", "great_expectations.data_context.types.base"):
        logging.getLogger(name).setLevel(logging.WARNING)


def _checks(frames: dict[str, Any], ctx: Context) -> list[_Check]:
    import great_expectations as gx

    _quiet_ge()
    import pandas as pd

    e = gx.expectations
    checks: list[_Check] = []
    frames["entities"]["_span_ok"] = spans_consistent(frames["documents"], frames["entities"])
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

    def true(table: str, column: str, check_id: str, *, blocking: bool = True) -> None:
        checks.append(
            _Check(
                check_id,
                table,
                column,
                e.ExpectColumnValuesToBeInSet(column=column, value_set=[True]),
                lambda f, c=column: f[c].map(lambda v: v is not True),
                blocking,
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
        for column in KNOWN_COLUMNS[name]:
            zero(name, f"_known_{column}", f"{name}.{column}.no_known_identifiers")
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
                    lambda f, c=column: f[c].map(lambda v: residual_count(v) > 0),
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
                blocking=False,  # quality: a birth year or a 1998 event is true, not a leak
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
    if "_residual_entities" in frames["documents"].columns:
        zero("documents", "_residual_entities", "documents.text.no_residual_entities")
        zero("documents", "_neighbours", "documents.text.no_unredacted_neighbours")
    true("documents", "_ocr_ok", "documents.ocr_confidence_not_low", blocking=False)
    for column, check in (
        ("_readable", "pages.readable"),
        ("_released_doc", "pages.doc_in_summary"),
        ("_consented", "pages.consent_scope"),
    ):
        true("pages", column, check)
    zero("pages", "_leak_ocr", "pages.ocr.no_leak_terms")
    zero("pages", "_residual_ocr", "pages.ocr.no_identifier_patterns")
    zero("pages", "_known_ocr", "pages.ocr.no_known_identifiers")
    zero("pages", "_residual_entities", "pages.ocr.no_residual_entities")
    zero("pages", "_metadata", "pages.no_metadata")
    return checks


class _GeSession:
    """One ephemeral GE context for a whole validation; each table's frame of each batch is a
    GE batch of its own suite (suites are named per batch: GE keeps every suite it is given)."""

    def __init__(self) -> None:
        os.environ.setdefault("GX_ANALYTICS_ENABLED", "false")
        import great_expectations as gx
        from great_expectations.data_context.types.base import ProgressBarsConfig

        _quiet_ge()
        self.gx = gx
        self.context = gx.get_context(mode="ephemeral")
        self.context.variables.progress_bars = ProgressBarsConfig(globally=False)
        self.source = self.context.data_sources.add_pandas("redaction")
        self.assets: dict[str, Any] = {}
        self.runs = 0
        self.seen: set[str] = set()

    def run(
        self, frames: dict[str, Any], checks: list[_Check], *, everything: bool
    ) -> list[CheckResult]:
        """Results of `checks` on `frames`; a table with no rows in this batch is skipped unless
        `everything` (the last batch) and no earlier batch had a row of it."""
        gx = self.gx
        results: list[CheckResult] = []
        for table, frame in frames.items():
            mine = [c for c in checks if c.table == table]
            if not mine or (len(frame) == 0 and (table in self.seen or not everything)):
                continue
            self.seen.add(table)
            self.runs += 1
            if table not in self.assets:
                asset = self.source.add_dataframe_asset(table)
                self.assets[table] = asset.add_batch_definition_whole_dataframe(f"{table}-all")
            suite = gx.ExpectationSuite(name=f"sestry-redaction-{table}-{self.runs}")
            for index, check in enumerate(mine):
                check.expectation.meta = {"index": index}
                suite.add_expectation(check.expectation)
            suite = self.context.suites.add(suite)
            try:
                batch = self.assets[table].get_batch(batch_parameters={"dataframe": frame})
                outcome = batch.validate(suite, result_format="BOOLEAN_ONLY")
                by_index = {
                    int(r.expectation_config.meta["index"]): bool(r.success)
                    for r in outcome.results
                }
            except Exception:  # noqa: BLE001 - GE errors may quote values: fail closed, quiet
                by_index = {}
            finally:
                with contextlib.suppress(Exception):  # only frees memory; the verdict stands
                    self.context.suites.delete(suite.name)
            for index, check in enumerate(mine):
                results.append(_result(check, frame, by_index.get(index, False)))
        return results


class _Merged:
    """Each check's results over the batches as one: passed only if every batch passed; counts
    summed (unknown if any was); `where` in batch order, at most MAX_WHERE."""

    def __init__(self) -> None:
        self.by_id: dict[tuple[str, str], CheckResult] = {}

    def add(self, results: list[CheckResult]) -> None:
        for r in results:
            key = (r.check_id, r.table)
            old = self.by_id.get(key)
            if old is None:
                self.by_id[key] = r
                continue
            count = (
                None
                if old.unexpected_count is None or r.unexpected_count is None
                else old.unexpected_count + r.unexpected_count
            )
            self.by_id[key] = replace(
                old,
                success=old.success and r.success,
                unexpected_count=count,
                where=(*old.where, *r.where)[:MAX_WHERE],
            )

    def results(self) -> list[CheckResult]:
        return list(self.by_id.values())


def _result(check: _Check, frame: Any, ge_success: bool) -> CheckResult:
    """GE's verdict and our recount must agree that nothing is wrong (fail closed)."""
    where: list[str] = []
    count: int | None = None
    try:
        bad = check.bad(frame)
        if hasattr(bad, "__len__") and len(bad) == len(frame) and len(frame):
            flags = [bool(b) for b in bad]
            count = sum(flags)
            where = [_locate(frame, i, check.column) for i, b in enumerate(flags) if b][:MAX_WHERE]
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
        check.blocking,
    )


def _locate(frame: Any, index: int, column: str | None = None) -> str:
    """Where a failing row is: doc_id prefix, row or page, and offsets when the check has them."""
    row = frame.iloc[index]
    doc = str(row.get("doc_id") or "")[:16]
    if "page" in frame.columns and "file" in frame.columns:
        place = f"doc_id {doc} file {row['file']} page {row['page']}"
    else:
        number = row["_row"] if "_row" in frame.columns else index  # its row in the table
        place = f"row {number} doc_id {doc}"
    if column and f"{column}_at" in frame.columns and row[f"{column}_at"]:
        place += f" offset {row[f'{column}_at']}"
    return place
