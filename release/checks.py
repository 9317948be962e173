"""Per-row facts that validation asserts on, computed outside Great Expectations.

Leak-term hits, residual identifier patterns, consent and membership of every doc_id, parsed
dates, entity offsets, and for every released page image (PNG or PDF page) its OCR hit counts and
metadata findings. Only counts and flags leave this module: GE never sees a term or a text it
could copy into a result. Reads the redaction folder and the internal dataset; writes nothing.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq

from sestry.core.settings import Settings
from sestry.release.layout import REDACTION_SUMMARY
from sestry.schemas.tables import REDACTED_TABLES

EARLIEST = dt.date(2014, 2, 20)  # start of the armed aggression
_DATED = ("DATE", "DOB")  # labels whose released norm is a date (range and parse checks)
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
# Columns checked for each document's own known values (file name parts, case id, collector).
KNOWN_COLUMNS: dict[str, tuple[str, ...]] = {
    "documents": ("case_id", "text"),
    "segments": ("speaker",),
    "entities": ("replacement", "norm"),
}


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
    blocking: bool = True  # privacy checks block a release; quality checks only warn


# --- context: the summary, the profile and the leak terms ------------------------------------


@dataclass
class Context:
    """What validation knows besides the files: the summary, consent, the leak-term matcher."""

    summary: dict[str, Any]
    doc_ids: set[str]
    consented: set[str]
    matcher: Any
    profile_ok: bool
    profile: Any = None  # the Profile (residual detection asks what it hides)
    known: dict[str, Any] = field(default_factory=dict)  # doc_id → TermMatcher of its own values
    languages: dict[str, str | None] = field(default_factory=dict)  # doc_id → language
    low_confidence: float = 60.0  # Settings.low_confidence: mean OCR confidence below is doubtful
    cleared: dict[str, set[str]] = field(default_factory=dict)  # review: "not an entity" surfaces
    originals: dict[str, str] = field(default_factory=dict)  # doc_id → analysed text
    model_spans: dict[str, list[Any]] = field(default_factory=dict)  # doc_id → its entity Spans
    entities_versions: dict[str, str | None] = field(default_factory=dict)  # pipeline per doc
    # fills the per-document fields above one batch at a time (None: they hold every document)
    source: Any = None

    def for_docs(self, doc_ids: Iterable[str]) -> Context:
        """This context with the per-document fields (known, languages, originals, model
        spans, pipeline versions) of `doc_ids`; itself when it already holds every document."""
        return self if self.source is None else self.source.fill(self, list(doc_ids))


@dataclass
class ContextSource:
    """Reads the per-document part of a validation context for one batch of documents from the
    internal dataset held as Arrow (release/dataset_pass.py), so validation never holds every
    released text, model span and known-value matcher at once."""

    settings: Settings
    data: Any  # dataset_pass.Dataset
    lemmatizer: Any
    codes: dict[str, str]  # doc_id → collector code (the ledger read once)

    def fill(self, ctx: Context, doc_ids: list[str]) -> Context:
        from sestry.release.known_ids import known_matchers

        mine = [d for d in doc_ids if d in ctx.doc_ids]
        docs = self.data.documents.rows(mine)
        rows = self.data.entities.rows(mine)
        known = known_matchers(self.settings, docs, ctx.profile, self.lemmatizer, self.codes)
        return replace(
            ctx,
            known=known,
            languages={d["doc_id"]: d.get("language") for d in docs},
            originals={d["doc_id"]: d.get("text") or "" for d in docs},
            model_spans=_spans_by_doc(rows, set(mine)),
            entities_versions={d["doc_id"]: d.get("entities_version") for d in docs},
            source=None,
        )


def streamed_context(
    summary: dict[str, Any],
    settings: Settings,
    profile: Any,
    data: Any,
    gate: Any,
    matcher: Any,
    lemmatizer: Any,
    codes: dict[str, str] | None = None,
) -> Context:
    """The validation context over the dataset held as Arrow (`dataset_pass.Dataset`): consent,
    leak terms and review clearances of the whole dataset; its per-document part (texts, model
    spans, known values) read one batch at a time (`for_docs`)."""
    from sestry.core.digest import b3_file
    from sestry.redaction.profiles import profile_path
    from sestry.release.known_ids import collector_codes

    profile_ok = b3_file(profile_path(profile.name, settings)) == summary.get("profile_b3")
    meta = data.documents.table.select(["doc_id", "consent"]).to_pylist()
    consented = {
        d["doc_id"]
        for d in meta
        if profile.requires_consent in (d.get("consent") or [])
        and gate.admits(d["doc_id"], profile)
    }
    del meta
    released = set(summary["doc_ids"])
    if codes is None:
        codes = collector_codes(settings, released)
    return Context(
        summary,
        released,
        consented,
        matcher,
        profile_ok,
        profile,
        low_confidence=settings.low_confidence,
        cleared=gate.applied.cleared,
        source=ContextSource(settings, data, lemmatizer, codes),
    )


def load_context(redaction_dir: Path, settings: Settings) -> Context:
    """Read redaction.json and rebuild consent and leak terms from the internal dataset (held
    as Arrow, one batch of documents at a time as Python rows: release/dataset_pass.py)."""
    from sestry.redaction.profiles import load_profile
    from sestry.redaction.review_gate import decided_gate
    from sestry.redaction.terms import TermMatcher, default_lemmatizer
    from sestry.release.dataset_pass import Dataset, dataset_terms
    from sestry.release.stream import BATCH_DOCS
    from sestry.schemas.annotations import read_decisions

    summary = read_summary_file(redaction_dir)
    profile = load_profile(summary["profile"], settings)
    data = Dataset.read(settings)
    decisions = read_decisions(settings.data_dir)
    gate = decided_gate(decisions, profile)  # review decisions, applied batch by batch
    lemmatizer = default_lemmatizer()
    terms = dataset_terms(data, decisions, gate, profile, lemmatizer, BATCH_DOCS)
    matcher = TermMatcher(terms, lemmatizer)
    return streamed_context(summary, settings, profile, data, gate, matcher, lemmatizer)


def read_summary_file(redaction_dir: Path) -> dict[str, Any]:
    """redaction.json of a redaction folder or staged payload, as validation reads it."""
    summary = json.loads((redaction_dir / REDACTION_SUMMARY).read_text(encoding="utf-8"))
    if not isinstance(summary, dict):
        raise ValueError("redaction.json is not an object")
    return summary


def _spans_by_doc(rows: list[dict[str, Any]], doc_ids: set[str]) -> dict[str, list[Any]]:
    """The released documents' entity Spans (the residual pass reuses the model's)."""
    from sestry.redaction.text import entity_spans

    grouped: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        if row["doc_id"] in doc_ids:
            grouped.setdefault(row["doc_id"], []).append(row)
    return {doc_id: entity_spans(group) for doc_id, group in grouped.items()}


# --- frames: released tables plus computed count columns -------------------------------------


def read_released(redaction_dir: Path) -> tuple[dict[str, Any], list[CheckResult]]:
    """Each released table as Arrow (compact; rows become pandas one batch at a time), with
    its readable and schema checks. An unreadable table is empty here and fails `readable`."""
    tables: dict[str, Any] = {}
    pre: list[CheckResult] = []
    for name, schema in REDACTED_TABLES.items():
        ok = True
        try:
            table = pq.read_table(redaction_dir / f"{name}.parquet")
            ok = table.schema.remove_metadata().equals(schema)
        except (OSError, ValueError) as exc:
            ok, table = False, schema.empty_table()
            pre.append(_unreadable(name, exc))
        tables[name] = table
        pre.append(
            CheckResult(
                f"{name}.arrow_schema", "sestry:arrow_schema", name, None, ok, None if ok else 1
            )
        )
    return tables, pre


def _unreadable(name: str, exc: Exception) -> CheckResult:
    return CheckResult(
        f"{name}.readable", "sestry:parquet", name, None, False, None, (type(exc).__name__,)
    )


def table_batches(tables: dict[str, Any], size: int) -> tuple[list[list[str] | None], dict]:
    """Batches of doc_ids over the released tables (documents' order, then any doc_id only
    another table has) and each table's index by document; [None] (every row at once, as
    before batching) when a table's rows are not grouped by doc_id (fail closed: all checked)."""
    from sestry.release.stream import DocTable, batches

    try:
        indexed = {name: DocTable(table) for name, table in tables.items()}
    except (ValueError, KeyError, TypeError):
        return [None], {}
    order = indexed["documents"].doc_ids()
    seen = set(order)
    for name in ("segments", "entities"):
        order += [d for d in indexed[name].doc_ids() if d not in seen]
        seen.update(indexed[name].doc_ids())
    return ([list(b) for b in batches(order, size)] or [[]]), indexed


def batch_frames(
    tables: dict[str, Any], indexed: dict[str, Any], batch: list[str] | None, ctx: Context
) -> tuple[dict[str, Any], list[CheckResult]]:
    """One batch's released rows as pandas frames with their computed columns (`_row` is the
    row's number in its table, for `where`), and the checks that failed while computing them."""
    import pandas as pd

    frames: dict[str, Any] = {}
    pre: list[CheckResult] = []
    for name, schema in REDACTED_TABLES.items():
        try:
            if batch is None:
                rows, part = list(range(tables[name].num_rows)), tables[name]
            else:
                rows = indexed[name].indices(batch)
                part = indexed[name].slice(batch)
            frame = part.to_pandas(types_mapper=pd.ArrowDtype).astype(object)
            frame = frame.where(frame.notna(), None)
            frame["_row"] = rows
        except (OSError, ValueError, TypeError) as exc:
            frame = pd.DataFrame({c: [] for c in schema.names})
            pre.append(_unreadable(name, exc))
        try:
            frames[name] = _with_counts(name, frame, ctx)
        except (KeyError, ValueError, TypeError, AttributeError):
            frames[name] = pd.DataFrame({c: [] for c in schema.names})
            pre.append(
                CheckResult(f"{name}.derived_columns", "sestry:derived", name, None, False, None)
            )
    try:
        _residual_columns(frames, ctx)
    except (KeyError, ValueError, TypeError, AttributeError):
        pre.append(
            CheckResult(
                "documents.residual_pass", "sestry:residual", "documents", None, False, None
            )
        )
    frames["pages"] = empty_pages()
    return frames, pre


def empty_frames() -> dict[str, Any]:
    """Frames of no rows for the three tables (pages are checked on their own)."""
    import pandas as pd

    return {n: pd.DataFrame({c: [] for c in t.names}) for n, t in REDACTED_TABLES.items()}


def _residual_columns(frames: dict[str, Any], ctx: Context) -> None:
    """Residual entities and unredacted neighbours of generalised spans, per released text."""
    from sestry.release.residual import Released, neighbour_offsets, residual_offsets

    documents, entities = frames["documents"], frames["entities"]
    released: dict[str, list[Released]] = {}
    for doc_id, start, end, label, operator in zip(
        entities["doc_id"],
        entities["start"],
        entities["end"],
        entities["label"],
        entities["operator"],
        strict=True,
    ):
        released.setdefault(doc_id, []).append(Released(int(start), int(end), label, operator))
    texts = [str(t or "") for t in documents["text"]]
    per_doc = [released.get(d, []) for d in documents["doc_id"]]
    cleared = [ctx.cleared.get(d, set()) for d in documents["doc_id"]]
    ids = list(documents["doc_id"])
    found = residual_offsets(
        texts,
        list(documents["language"]),
        per_doc,
        ctx.profile,
        cleared,
        [ctx.originals.get(d) for d in ids],
        [ctx.model_spans.get(d, []) for d in ids],
        [ctx.entities_versions.get(d) for d in ids],
    )
    near = [neighbour_offsets(t, r) for t, r in zip(texts, per_doc, strict=True)]
    for column, offsets in (("_residual_entities", found), ("_neighbours", near)):
        documents[column] = [len(o) for o in offsets]
        documents[f"{column}_at"] = [",".join(map(str, o[:10])) for o in offsets]


def _detector_count(matcher: Any) -> Callable[[str | None], int]:
    """Leak hits in a detector cell once sestry's own identifiers are blanked."""
    from sestry.redaction.terms import mask_detectors

    return lambda value: matcher.count(mask_detectors(value)) if value else 0


def _with_counts(name: str, frame: Any, ctx: Context) -> Any:
    frame = frame.reset_index(drop=True)
    for column in TEXT_COLUMNS[name]:
        if column in frame.columns:
            count = ctx.matcher.count
            if column == "detector":  # sestry's own identifiers ("natasha@1.6.0:LOC") are no leak
                count = _detector_count(ctx.matcher)
            frame[f"_leak_{column}"] = _per_value(count, frame[column])
    for column in RESIDUAL_COLUMNS[name]:
        if column in frame.columns:
            frame[f"_residual_{column}"] = _per_value(residual_count, frame[column])
    for column in KNOWN_COLUMNS[name]:
        if column in frame.columns and "doc_id" in frame.columns:
            frame[f"_known_{column}"] = [
                _known_count(ctx, d, v) for d, v in zip(frame["doc_id"], frame[column], strict=True)
            ]
    if "doc_id" in frame.columns:
        frame["_released_doc"] = [d in ctx.doc_ids for d in frame["doc_id"]]
        frame["_consented"] = [d in ctx.consented for d in frame["doc_id"]]
    if name == "documents":
        frame["_ocr_ok"] = [
            c is None or float(c) >= ctx.low_confidence for c in frame["ocr_confidence"]
        ]
        frame["_date"] = [to_date(v) for v in frame.get("collected_at", [])]
        frame["_date_ok"] = [
            v is None or d is not None
            for v, d in zip(frame["collected_at"], frame["_date"], strict=True)
        ]
    if name == "entities":
        frame["_date"] = [
            to_date(n) if lbl in _DATED and op in ("keep", "generalize") else None
            for lbl, op, n in zip(frame["label"], frame["operator"], frame["norm"], strict=True)
        ]
        frame["_date_ok"] = [
            not (lbl in _DATED and op in ("keep", "generalize") and n is not None) or d is not None
            for lbl, op, n, d in zip(
                frame["label"], frame["operator"], frame["norm"], frame["_date"], strict=True
            )
        ]
    return frame


def _per_value(count: Any, values: Any) -> list[int]:
    """`count` of each value, computed once per distinct value (labels, operators, detectors and
    replacements repeat across a whole table; a count depends on the value alone)."""
    seen: dict[object, int] = {}
    out = []
    for value in values:
        if value not in seen:
            seen[value] = count(value)
        out.append(seen[value])
    return out


def pages_frame(redaction_dir: Path, ctx: Context, settings: Settings) -> Any:
    """One row per released page image (PNG page or PDF page): OCR hit counts, metadata.

    Files are OCRed in parallel (one single-threaded tesseract per core, as in extraction).
    """
    import pandas as pd

    from sestry.extractors.ocr import TESSERACT_SLOTS
    from sestry.release.page_ocr import is_page_file

    root = redaction_dir / "pages"
    files = [p for p in sorted(root.rglob("*")) if p.is_file()] if root.is_dir() else []
    files = [p for p in files if is_page_file(p)]  # marks.json: read with its pages
    rels = [p.relative_to(root) for p in files]
    ctx = ctx.for_docs(sorted({r.parts[0] if len(r.parts) > 1 else r.stem for r in rels}))
    TESSERACT_SLOTS.set_limit(settings.ocr_workers)
    with ThreadPoolExecutor(max_workers=max(1, settings.ocr_workers)) as pool:
        per_file = list(pool.map(lambda p: _page_rows(p, root, ctx, settings), files))
    rows = [row for rows in per_file for row in rows]
    _page_residuals(rows, ctx)
    return pd.DataFrame(rows, columns=PAGE_COLUMNS)


def empty_pages() -> Any:
    import pandas as pd

    return pd.DataFrame([], columns=PAGE_COLUMNS)


PAGE_COLUMNS = [
    "doc_id",
    "file",
    "page",
    "_readable",
    "_leak_ocr",
    "_residual_ocr",
    "_known_ocr",
    "_residual_entities",
    "_residual_entities_at",
    "_metadata",
    "_released_doc",
    "_consented",
]


def _page_residuals(rows: list[dict[str, Any]], ctx: Context) -> None:
    """Residual entities in each page's OCR text (the text of the leak check, not OCRed twice);
    the text is dropped from the row afterwards."""
    from sestry.release.residual import residual_offsets

    texts = [row.pop("_text") for row in rows]
    if ctx.profile is None or not rows:
        found: list[list[int]] = [[] for _ in rows]
    else:
        languages = [ctx.languages.get(row["doc_id"]) for row in rows]
        cleared = [ctx.cleared.get(row["doc_id"], set()) for row in rows]
        found = residual_offsets(texts, languages, [[] for _ in rows], ctx.profile, cleared)
    for row, offsets in zip(rows, found, strict=True):
        row["_residual_entities"] = len(offsets)
        row["_residual_entities_at"] = ",".join(map(str, offsets[:10]))


def _known_count(ctx: Context, doc_id: object, value: object) -> int:
    matcher = ctx.known.get(str(doc_id))
    return matcher.count(str(value)) if matcher is not None and value else 0


def _page_rows(path: Path, root: Path, ctx: Context, settings: Settings) -> list[dict[str, Any]]:
    """Counts per page of the page's re-OCR text minus the labels and stamp sestry drew
    (`page_ocr`; OCR cached by pixels); the labels themselves are leak-checked as strings."""
    from sestry.extractors.ocr_cache import cache_for
    from sestry.redaction.metadata import metadata_findings
    from sestry.release.page_ocr import page_texts

    rel = path.relative_to(root)
    doc_id = rel.parts[0] if len(rel.parts) > 1 else path.stem
    findings = len(metadata_findings(path))
    rows = []
    for page in page_texts(path, cache_for(settings.data_dir), settings.ocr_languages):
        text = page.text or ""
        rows.append(
            {
                "doc_id": doc_id,
                "file": str(rel),
                "page": page.number,
                "_readable": page.text is not None,
                "_leak_ocr": ctx.matcher.count(text) + ctx.matcher.count(page.labels),
                "_residual_ocr": residual_count(text),
                "_known_ocr": _known_count(ctx, doc_id, text)
                + _known_count(ctx, doc_id, page.labels),
                "_text": text,
                "_metadata": findings,
                "_released_doc": doc_id in ctx.doc_ids,
                "_consented": doc_id in ctx.consented,
            }
        )
    return rows


def spans_consistent(documents: Any, entities: Any) -> list[bool]:
    texts = dict(zip(documents["doc_id"], documents["text"], strict=True))
    out = []
    for doc_id, start, end, rep in zip(
        entities["doc_id"], entities["start"], entities["end"], entities["replacement"], strict=True
    ):
        text = texts.get(doc_id)
        out.append(text is not None and text[int(start) : int(end)] == rep)
    return out


def residual_count(value: object) -> int:
    if not value:
        return 0
    return sum(len(p.findall(str(value))) for p in _RESIDUAL.values())


def to_date(value: object) -> str | None:
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
