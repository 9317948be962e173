"""Process one stored item: extractor → entities → row tables. Pure: writes nothing.

Runs in workers (threads or Dask processes). It reads the vault object and returns the rows and a
small summary; the coordinator writes the dataset and the ledger. Failures come back as a reason
code (never text), so the coordinator can quarantine the item and go on.
"""

from __future__ import annotations

import datetime as dt
import importlib
import logging
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple

import pyarrow as pa
from pydantic import BaseModel, ConfigDict

from sestry.core.errors import ItemError, SestryError
from sestry.core.languages import DOCUMENT_LANGUAGES
from sestry.core.settings import Settings
from sestry.extractors import registry
from sestry.extractors.base import Extraction, ItemInfo
from sestry.extractors.entities.base import Span
from sestry.extractors.ocr_extraction import page_ocr_rows
from sestry.schemas.tables import DOCUMENTS, ENTITIES, SEGMENTS, WORDS

log = logging.getLogger(__name__)

#: Reason of a worker result whose original no longer matches its digest: a custody incident.
DIGEST_MISMATCH = "digest_mismatch"

# spaCy pipelines and pymorphy caches are not documented as thread-safe: one item at a time per
# process (OCR, the slow part, still runs in parallel).
_ENTITY_LOCK = threading.Lock()
_IMPORT_LOCK = threading.Lock()


class WorkItem(BaseModel):
    """What a worker needs to process one item: digest, custody metadata, no text."""

    model_config = ConfigDict(frozen=True)

    digest: str
    source_name: str
    size: int
    media_type: str
    language_hint: str | None = None
    case_id: str | None = None
    consent: tuple[str, ...] = ()
    collected_at: str | None = None
    audio_id: str | None = None
    ingested_at: dt.datetime


@dataclass
class ItemResult:
    """A worker's answer: rows to store, or a reason to quarantine. Never logged as a whole."""

    digest: str
    ok: bool
    reason: str | None = None
    detail: str = ""
    tables: dict[str, pa.Table] = field(default_factory=dict)
    versions: dict[str, str] = field(default_factory=dict)
    params: dict[str, Any] = field(default_factory=dict)  # counts and codes only
    pages_ocr: int = 0
    page_confidences: tuple[float, ...] = ()

    def __getstate__(self) -> dict[str, Any]:
        """Tables travel as Arrow IPC streams between processes (worker pool, Dask).

        Why: pickling a `pa.Table` cost about 5 ms per item to dump and 2.6 ms to load (four
        small tables; 40% of the coordinator's time), an IPC stream about a tenth of that, and
        it carries the same schema and values, so the batches written stay byte-identical.
        """
        state = dict(self.__dict__)
        state["tables"] = {name: _to_ipc(table) for name, table in self.tables.items()}
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        tables = state.get("tables") or {}
        state["tables"] = {name: _from_ipc(blob) for name, blob in tables.items()}
        self.__dict__.update(state)


def _to_ipc(table: pa.Table) -> bytes:
    sink = pa.BufferOutputStream()
    with pa.ipc.new_stream(sink, table.schema) as writer:
        writer.write_table(table)
    return bytes(sink.getvalue().to_pybytes())


def _from_ipc(blob: bytes) -> pa.Table:
    return pa.ipc.open_stream(blob).read_all()


class EntityBackend(NamedTuple):
    """The entity pipeline's entry points, loaded once (the [nlp] extra may be absent)."""

    find_entities: Callable[[str, str | None], list[Span]]
    detect_language: Callable[[str], str]
    version: str
    fingerprint: Callable[[], str]  # recorded per document (documents.entities_version)


def entity_backend() -> EntityBackend | None:
    """The entity pipeline (find, detect language, version), or None if it is not installed.

    Imported under a lock: several worker threads starting at once must not race on a
    half-initialised module (that would quarantine good items as internal errors).
    """
    with _IMPORT_LOCK:
        try:
            pipeline = importlib.import_module("sestry.extractors.entities.pipeline")
        except ModuleNotFoundError as exc:
            if exc.name == "sestry.extractors.entities.pipeline":
                return None
            raise
        langid = importlib.import_module("sestry.extractors.entities.langid")
        fingerprint = importlib.import_module("sestry.extractors.entities.fingerprint")
    return EntityBackend(
        pipeline.find_entities,
        langid.detect_language,
        str(pipeline.VERSION),
        fingerprint.fingerprint,
    )


def _language(hint: str | None, text: str, backend: EntityBackend | None) -> str | None:
    if hint in DOCUMENT_LANGUAGES:
        return hint
    if backend is None or not text.strip():
        return None
    found = backend.detect_language(text)
    return found if found in DOCUMENT_LANGUAGES else None


def _extractor_version(extraction: Extraction) -> str:
    named = extraction.versions.get("extractor")
    if named:
        return named
    return extraction.attempts[-1] if extraction.attempts else "unknown"


def build_tables(
    work: WorkItem,
    extraction: Extraction,
    language: str | None,
    spans: list[Span],
    entities_version: str | None = None,
) -> dict[str, pa.Table]:
    """The documents/segments/words/entities rows of one item (exact schemas.tables)."""
    doc = {
        "doc_id": work.digest,
        "case_id": work.case_id,
        "kind": extraction.kind,
        "media_type": work.media_type,
        "source_name": work.source_name,
        "language": language,
        "text": extraction.text,
        "pages": extraction.pages,
        "method": extraction.method,
        "ocr_confidence": extraction.ocr_confidence,
        "consent": list(work.consent),
        "collected_at": work.collected_at,
        "ingested_at": work.ingested_at,
        "extractor_version": _extractor_version(extraction),
        "audio_id": work.audio_id,
        "duration_s": extraction.duration_s,
        "page_ocr": page_ocr_rows(extraction),
        "entities_version": entities_version,
    }
    segments = [
        {
            "doc_id": work.digest,
            "seq": seq,
            "page": s.page,
            "start": s.start,
            "end": s.end,
            "speaker": s.speaker,
            "t_start": s.t_start,
            "t_end": s.t_end,
        }
        for seq, s in enumerate(extraction.segments)
    ]
    words = [
        {
            "doc_id": work.digest,
            "page": w.page,
            "index": w.index,
            "start": w.start,
            "end": w.end,
            "left": w.left,
            "top": w.top,
            "width": w.width,
            "height": w.height,
            "confidence": w.confidence,
        }
        for w in extraction.words
    ]
    entities = [
        {
            "doc_id": work.digest,
            "start": s.start,
            "end": s.end,
            "label": s.label,
            "text": s.text,
            "norm": s.norm,
            "detector": s.detector,
            "score": s.score,
            "code": s.code,
            "oblast": s.oblast,
        }
        for s in spans
    ]
    return {
        "documents": pa.Table.from_pylist([doc], schema=DOCUMENTS),
        "segments": pa.Table.from_pylist(segments, schema=SEGMENTS),
        "words": pa.Table.from_pylist(words, schema=WORDS),
        "entities": pa.Table.from_pylist(entities, schema=ENTITIES),
    }


def _summary(extraction: Extraction, spans: list[Span]) -> dict[str, Any]:
    labels: dict[str, int] = {}
    for span in spans:
        labels[span.label] = labels.get(span.label, 0) + 1
    return {
        "method": extraction.method,
        "kind": extraction.kind,
        "pages": extraction.pages,
        "attempts": list(extraction.attempts),
        "notes": list(extraction.notes),
        "segments": len(extraction.segments),
        "words": len(extraction.words),
        "entities": labels,
    }


def _matches(path: Path, digest: str) -> bool:
    """True when the vault object at `path` still hashes to `digest` (unreadable: False)."""
    from sestry.core.digest import b3_file

    try:
        return b3_file(path) == digest
    except OSError:
        return False


def extract_one(
    settings: Settings, work: WorkItem, entities_fingerprint: str | None = None
) -> ItemResult:
    """Extract text and entities of one vault object; return rows or a quarantine reason.

    `entities_fingerprint`: the pipeline's fingerprint when the caller computed it once for a
    chunk (it reads installed package versions: milliseconds per call).
    Never raises for bad input (ItemError → reason code); an unexpected library error also comes
    back as `internal_error` with only the exception type, so the run goes on (fail closed: the
    item is quarantined, not dropped).
    """
    path = settings.vault_dir / "objects" / work.digest[:2] / work.digest
    info = ItemInfo(
        digest=work.digest,
        source_name=work.source_name,
        size=work.size,
        media_type=work.media_type,
        language_hint=work.language_hint,
    )
    if not _matches(Path(path), work.digest):  # a changed original is never extracted
        log.error("custody incident: vault object %s does not match its digest", work.digest)
        return ItemResult(work.digest, ok=False, reason=DIGEST_MISMATCH, detail="vault object")
    try:
        extraction = registry.extract(Path(path), info, settings)
        backend = entity_backend()
        if backend is not None:  # over the documented limit: too_large before any analysis
            from sestry.extractors.entities.windows import check_length

            check_length(extraction.text)
        language = _language(work.language_hint, extraction.text, backend)
        spans: list[Span] = []
        entities_version = None
        versions = {str(k): str(v) for k, v in extraction.versions.items()}
        versions.setdefault("extractor", _extractor_version(extraction))
        versions["attempts"] = ",".join(extraction.attempts)
        if "tesseract" not in versions and any(p.method == "ocr" for p in extraction.page_info):
            versions.update(registry.tesseract_versions(settings))
        if backend is not None:
            versions["entities"] = backend.version
            entities_version = entities_fingerprint or backend.fingerprint()
            if extraction.text.strip():
                with _ENTITY_LOCK:
                    spans = list(backend.find_entities(extraction.text, language))
        tables = build_tables(work, extraction, language, spans, entities_version)
        if not _matches(Path(path), work.digest):  # swapped while it was read
            log.error("custody incident: vault object %s changed while read", work.digest)
            return ItemResult(work.digest, ok=False, reason=DIGEST_MISMATCH, detail="vault object")
    except ItemError as exc:
        log.info("item %s failed: %s", work.digest, exc.reason)
        detail = type(exc).__name__
        if exc.reason == "too_large" and exc.detail:  # sizes and the limit only, never content
            detail = f"{detail}: {exc.detail}"
        return ItemResult(work.digest, ok=False, reason=exc.reason, detail=detail)
    except SestryError:
        raise  # e.g. MissingDependency: the installation is broken, not the item (exit 2)
    except Exception as exc:  # fail closed: quarantine with the type, never the message
        log.warning("item %s: unexpected %s", work.digest, type(exc).__name__)
        return ItemResult(work.digest, ok=False, reason="internal_error", detail=type(exc).__name__)
    confidences = tuple(
        float(p.confidence)
        for p in extraction.page_info
        if p.method == "ocr" and p.confidence is not None
    )
    return ItemResult(
        work.digest,
        ok=True,
        tables=tables,
        versions=versions,
        params=_summary(extraction, spans),
        pages_ocr=sum(1 for p in extraction.page_info if p.method == "ocr"),
        page_confidences=confidences,
    )
